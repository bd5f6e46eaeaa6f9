import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { Conflict } from '../common/errors.js';
import { assertMembers, BranchDirectory, type BranchMember } from '../plans/branch.directory.js';
import { SessionReport } from '../sessions/session-parts.entity.js';
import { sessionOfTask } from '../sessions/session.forms.js';
import { fieldError, fieldErrors } from '../task-forms/field-error.js';
import { assertTaskFor, requireLinked } from '../task-forms/linked-record.js';
import { TaskFormRegistry } from '../task-forms/task-form.registry.js';
import { stringVar } from '../task-forms/variable.reader.js';
import type { WorkflowTask } from '../workflow/tasks/task.entity.js';
import { MemberReviewDto, SecretaryCommentsDto, VanguardCommentsDto } from './evaluation.dto.js';
import {
  BranchReview,
  PeerReview,
  SecretaryComment,
  VanguardComment,
  VanguardRound,
} from './evaluation.entity.js';
import { EvaluationContextResponse, VanguardContextResponse } from './evaluation.response.js';

/** Forms of the `evaluation` and `vanguard-review` flows. */
@Injectable()
export class EvaluationForms implements OnModuleInit {
  constructor(
    private readonly registry: TaskFormRegistry,
    private readonly branches: BranchDirectory,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      formKey: 'orglife:member-review',
      payload: MemberReviewDto,
      contextType: EvaluationContextResponse,
      submit: async (em, user, task, dto) => {
        await this.memberReview(em, user.personId, task, dto);
      },
      context: (em, _user, task) => this.sessionContext(em, task),
    });
    this.registry.register({
      formKey: 'orglife:secretary-comments',
      payload: SecretaryCommentsDto,
      contextType: EvaluationContextResponse,
      submit: async (em, user, task, dto) => {
        const session = await sessionOfTask(em, task);
        const members = await this.branches.members(em, session.branchId);
        await assertMembers(
          em,
          members,
          dto.comments.map((c, i) => ({ field: `comments.${i}.personId`, personId: c.personId })),
        );
        for (const c of dto.comments) {
          await em.insert(SecretaryComment, {
            sessionId: session.id,
            personId: c.personId,
            authorId: user.personId,
            comment: c.comment,
          });
        }
      },
      context: (em, _user, task) => this.sessionContext(em, task),
    });
    this.registry.register({
      formKey: 'orglife:vanguard-comments',
      payload: VanguardCommentsDto,
      contextType: VanguardContextResponse,
      submit: async (em, user, task, dto) => {
        const { round, branchId } = await vanguardTarget(em, task);
        const members = await this.branches.members(em, branchId);
        await assertMembers(
          em,
          members,
          dto.comments.map((c, i) => ({ field: `comments.${i}.personId`, personId: c.personId })),
        );
        assertEveryMemberCommented(members, dto.comments);
        for (const c of dto.comments) {
          await em.insert(VanguardComment, {
            roundId: round.id,
            branchId,
            personId: c.personId,
            authorId: user.personId,
            grade: c.grade,
            comment: c.comment,
          });
        }
      },
      context: async (em, _user, task): Promise<VanguardContextResponse> => {
        const { round, branchId } = await vanguardTarget(em, task);
        return { round, branchId, members: await this.branches.members(em, branchId) };
      },
    });
  }

  private async sessionContext(
    em: EntityManager,
    task: WorkflowTask,
  ): Promise<EvaluationContextResponse> {
    const session = await sessionOfTask(em, task);
    return {
      session,
      members: await this.branches.members(em, session.branchId),
      reports: await em.find(SessionReport, { where: { sessionId: session.id } }),
    };
  }

  private async memberReview(
    em: EntityManager,
    reviewerId: string,
    task: WorkflowTask,
    dto: MemberReviewDto,
  ) {
    const session = await sessionOfTask(em, task);
    if (session.status !== 'closed') {
      throw new Conflict(`Session ${session.id} is not closed yet (组织生活尚未结束).`);
    }
    const reportIds = dto.peerReviews.map((p) => p.reportId);
    const reports = reportIds.length
      ? await em.findBy(SessionReport, { id: In(reportIds), sessionId: session.id })
      : [];
    const byId = new Map(reports.map((r) => [r.id, r]));
    const errors = dto.peerReviews.flatMap((p, i) => {
      const report = byId.get(p.reportId);
      if (!report)
        return [
          {
            field: `peerReviews.${i}.reportId`,
            message: '不是本次组织生活的汇报 (not a report of this session)',
          },
        ];
      if (report.personId === reviewerId)
        return [
          {
            field: `peerReviews.${i}.reportId`,
            message: '不能评议自己的汇报 (not your own report)',
          },
        ];
      return [];
    });
    if (errors.length > 0) throw fieldErrors(errors);
    await em.insert(BranchReview, {
      sessionId: session.id,
      reviewerId,
      rating: dto.branchReview.rating,
      opinion: dto.branchReview.opinion,
    });
    for (const p of dto.peerReviews) {
      await em.insert(PeerReview, { reportId: p.reportId, reviewerId, comment: p.comment });
    }
  }
}

/**
 * A vanguard task's round (the one linked to its flow, never `roundId`) and branch: the item
 * variable `branchId` of the multi-instance step, only if the task was made for that branch.
 */
async function vanguardTarget(
  em: EntityManager,
  task: WorkflowTask,
): Promise<{ round: VanguardRound; branchId: string }> {
  const round = await requireLinked(em, VanguardRound, task, [
    '先锋创绩点评轮次',
    'a vanguard round',
  ]);
  const branchId = stringVar(task.variables, 'branchId');
  assertTaskFor(task, branchId);
  return { round, branchId };
}

/** The quarter's task closes only with a comment on every member: 400 naming who is missing. */
function assertEveryMemberCommented(
  members: BranchMember[],
  comments: { personId: string }[],
): void {
  const commented = new Set(comments.map((c) => c.personId));
  const missing = members.filter((m) => !commented.has(m.id)).map((m) => m.name);
  if (missing.length > 0) {
    throw fieldError(
      'comments',
      `还需点评以下党员：${missing.join('、')} (every member needs a comment; missing: ${missing.join(', ')})`,
    );
  }
}
