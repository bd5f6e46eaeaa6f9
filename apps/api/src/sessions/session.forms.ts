import { HttpStatus, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { assertDates, passed, withinMonth } from '../common/date-rules.js';
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { Attachment } from '../attachments/attachment.entity.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { ProblemException } from '../common/problem.js';
import { assertMembers, BranchDirectory, type BranchMember } from '../plans/branch.directory.js';
import { MonthlyPlan } from '../plans/plan.entity.js';
import { fieldErrors } from '../task-forms/field-error.js';
import { linkedRecord } from '../task-forms/linked-record.js';
import { TaskFormRegistry } from '../task-forms/task-form.registry.js';
import type { WorkflowTask } from '../workflow/tasks/task.entity.js';
import {
  SessionAttachment,
  SessionAttendance,
  SessionDecision,
  SessionLecture,
  SessionReport,
  SessionSegment,
  SessionSelfStudy,
  SessionSpeech,
} from './session-parts.entity.js';
import { SelfStudyDto, SessionRecordDto, SessionSummaryDto } from './session.dto.js';
import { OrgSession } from './session.entity.js';
import { SessionFormContextResponse } from './session.response.js';
import type { SessionStatus } from './session.vocabulary.js';
import { checkSixHaves } from './six-haves.js';
import { SignInService } from './sign-in/sign-in.service.js';

/** Forms of the `session` flow: self-study confirmation, the record ("six haves"), the summary. */
@Injectable()
export class SessionForms implements OnModuleInit {
  constructor(
    private readonly registry: TaskFormRegistry,
    private readonly branches: BranchDirectory,
    private readonly signIn: SignInService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      formKey: 'orglife:self-study-confirm',
      payload: SelfStudyDto,
      contextType: SessionFormContextResponse,
      submit: async (em, user, task, dto) => {
        const session = await sessionOfTask(em, task, ['scheduled']);
        await em.save(
          em.create(SessionSelfStudy, {
            sessionId: session.id,
            personId: user.personId,
            note: dto.note ?? null,
            confirmedAt: this.clock.now(),
          }),
        );
      },
      context: (em, _user, task) => this.sessionContext(em, task),
    });
    this.registry.register({
      formKey: 'orglife:session-record',
      payload: SessionRecordDto,
      contextType: SessionFormContextResponse,
      submit: async (em, user, task, dto) => {
        await this.record(em, user.personId, task, dto);
      },
      context: (em, _user, task) => this.sessionContext(em, task),
    });
    this.registry.register({
      formKey: 'orglife:session-summary',
      payload: SessionSummaryDto,
      contextType: SessionFormContextResponse,
      submit: async (em, user, task, dto) => {
        const session = await sessionOfTask(em, task, ['recorded']);
        await em.update(
          OrgSession,
          { id: session.id },
          {
            summary: dto.summary,
            summaryBy: user.personId,
            summaryAt: this.clock.now(),
            status: 'summarized',
          },
        );
      },
      context: (em, _user, task) => this.sessionContext(em, task),
    });
  }

  private async sessionContext(
    em: EntityManager,
    task: WorkflowTask,
  ): Promise<SessionFormContextResponse> {
    const session = await sessionOfTask(em, task);
    const plan = await em.findOneBy(MonthlyPlan, { id: session.planId });
    return {
      session,
      plan,
      members: await this.branches.members(em, session.branchId),
      escalated: task.headers['escalated'] === 'true',
      sixHaves: (await checkSixHaves(em, [session.id]))[0]!,
      signIns: await this.signIn.signIns(session.id, undefined, em),
    };
  }

  private async record(
    em: EntityManager,
    recordedBy: string,
    task: WorkflowTask,
    dto: SessionRecordDto,
  ) {
    const session = await sessionOfTask(em, task, ['scheduled']);
    const heldAt = new Date(dto.heldAt);
    assertDates(
      withinMonth('heldAt', heldAt, session.month) ?? passed('heldAt', heldAt, this.clock.now()),
    );
    const members = await this.branches.members(em, session.branchId);
    const listed = new Set(dto.attendance.map((a) => a.personId));
    const missing = members.filter((m) => !listed.has(m.id));
    if (missing.length > 0) {
      throw fieldErrors([
        {
          field: 'attendance',
          message: `缺少考勤: ${missing.map((m) => m.name).join('、')} (every member needs an attendance row)`,
        },
      ]);
    }
    await assertMembers(em, members, [
      ...dto.attendance.map((a, i) => ({
        field: `attendance.${i}.personId`,
        personId: a.personId,
      })),
      ...dto.segments.map((s, i) => ({ field: `segments.${i}.ownerId`, personId: s.ownerId })),
      ...dto.speeches.map((s, i) => ({ field: `speeches.${i}.personId`, personId: s.personId })),
      ...dto.reports.map((r, i) => ({ field: `reports.${i}.personId`, personId: r.personId })),
    ]);
    assertContributorsAttended(members, dto);
    await this.assertSpeakersExist(em, dto);
    await this.assertAttachmentsOfBranch(em, session.branchId, dto);

    const sessionId = session.id;
    await em.insert(
      SessionAttendance,
      dto.attendance.map((a) => ({
        sessionId,
        personId: a.personId,
        status: a.status,
        reason: a.reason ?? null,
      })),
    );
    await em.insert(
      SessionSegment,
      dto.segments.map((s) => ({ sessionId, key: s.key, ownerId: s.ownerId, record: s.record })),
    );
    for (const s of dto.speeches) {
      await em.insert(SessionSpeech, {
        sessionId,
        personId: s.personId,
        topic: s.topic,
        content: s.content ?? null,
      });
    }
    for (const l of dto.lectures) {
      await em.insert(SessionLecture, {
        sessionId,
        kind: l.kind,
        speakerId: l.speakerId ?? null,
        speakerName: l.speakerName ?? null,
        title: l.title,
      });
    }
    for (const r of dto.reports) {
      await em.insert(SessionReport, {
        sessionId,
        personId: r.personId,
        kind: r.kind,
        content: r.content,
      });
    }
    for (const d of dto.decisions) {
      await em.insert(SessionDecision, { sessionId, category: d.category, content: d.content });
    }
    for (const a of dto.attachments) {
      await em.insert(SessionAttachment, { sessionId, attachmentId: a.attachmentId, kind: a.kind });
    }
    await em.update(
      OrgSession,
      { id: sessionId },
      {
        status: 'recorded',
        heldAt,
        recordedBy,
        recordedAt: this.clock.now(),
      },
    );
  }

  private async assertSpeakersExist(em: EntityManager, dto: SessionRecordDto): Promise<void> {
    const ids = dto.lectures.flatMap((l) => (l.speakerId ? [l.speakerId] : []));
    if (ids.length === 0) return;
    const found = new Set(
      (
        await em.query<{ id: string }[]>(`SELECT id FROM person WHERE id = ANY($1::uuid[])`, [ids])
      ).map((r) => r.id),
    );
    const errors = dto.lectures.flatMap((l, i) =>
      l.speakerId && !found.has(l.speakerId)
        ? [{ field: `lectures.${i}.speakerId`, message: '所选主讲人不存在 (no such person)' }]
        : [],
    );
    if (errors.length > 0) throw fieldErrors(errors);
  }

  private async assertAttachmentsOfBranch(
    em: EntityManager,
    branchId: string,
    dto: SessionRecordDto,
  ): Promise<void> {
    const ids = dto.attachments.map((a) => a.attachmentId);
    if (ids.length === 0) return;
    const found = new Set(
      (await em.findBy(Attachment, { id: In(ids), orgUnitId: branchId })).map((a) => a.id),
    );
    const errors = dto.attachments.flatMap((a, i) =>
      found.has(a.attachmentId)
        ? []
        : [
            {
              field: `attachments.${i}.attachmentId`,
              message: '附件不存在或不属于本支部 (not an upload of this branch)',
            },
          ],
    );
    if (errors.length > 0) throw fieldErrors(errors);
  }
}

/** The session behind a task (linked to its flow), optionally required to be in one of `statuses`. */
export async function sessionOfTask(
  em: EntityManager,
  task: WorkflowTask,
  statuses?: SessionStatus[],
): Promise<OrgSession> {
  const session = await linkedRecord(em, OrgSession, task);
  if (!session)
    throw new ProblemException(
      HttpStatus.CONFLICT,
      `Task ${task.id} is not linked to a session (任务未关联组织生活).`,
    );
  if (statuses && !statuses.includes(session.status)) {
    throw new ProblemException(
      HttpStatus.CONFLICT,
      `Session ${session.id} is ${session.status}; this form needs it ${statuses.join(' or ')} (组织生活状态不符).`,
    );
  }
  return session;
}

/**
 * Someone on leave or absent was not there: they cannot be credited with a speech, a lecture or
 * a report in that session (400 naming them and the entry).
 */
function assertContributorsAttended(members: BranchMember[], dto: SessionRecordDto): void {
  const away = new Map(
    dto.attendance
      .filter((a) => a.status === 'leave' || a.status === 'absent')
      .map((a) => [a.personId, a.status]),
  );
  const nameOf = (id: string) => members.find((m) => m.id === id)?.name ?? id;
  const entries = [
    ...dto.speeches.map((s, i) => ({
      field: `speeches.${i}.personId`,
      id: s.personId,
      what: '交流发言',
    })),
    ...dto.lectures.map((l, i) => ({
      field: `lectures.${i}.speakerId`,
      id: l.speakerId,
      what: '讲党课',
    })),
    ...dto.reports.map((r, i) => ({
      field: `reports.${i}.personId`,
      id: r.personId,
      what: '汇报',
    })),
  ];
  const errors = entries.flatMap(({ field, id, what }) => {
    const status = id ? away.get(id) : undefined;
    if (!id || !status) return [];
    const zh = status === 'leave' ? '请假' : '缺席';
    return [
      {
        field,
        message: `${nameOf(id)} 本次${zh}，不能记为${what} (${status === 'leave' ? 'on leave' : 'absent'}: cannot be credited)`,
      },
    ];
  });
  if (errors.length > 0) throw fieldErrors(errors);
}
