import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Conflict } from '../common/errors.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { BranchDirectory } from '../plans/branch.directory.js';
import { MonthlyPlan } from '../plans/plan.entity.js';
import { linkedRecord } from '../task-forms/linked-record.js';
import { TaskFormRegistry } from '../task-forms/task-form.registry.js';
import type { WorkflowTask } from '../workflow/tasks/task.entity.js';
import { SessionSelfStudy } from './session-parts.entity.js';
import { recordOf } from './session-record.input.js';
import { writeParts } from './session-record.parts.js';
import { assertRecordValid } from './session-record.rules.js';
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
    const members = await this.branches.members(em, session.branchId);
    const record = recordOf(dto);
    await assertRecordValid(
      em,
      session,
      { ...record, summary: null },
      { required: members, allowed: members },
      this.clock.now(),
    );
    await writeParts(em, session.id, record);
    await em.update(
      OrgSession,
      { id: session.id },
      { status: 'recorded', recordedBy, recordedAt: this.clock.now() },
    );
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
    throw new Conflict(`Task ${task.id} is not linked to a session (任务未关联组织生活).`);
  if (statuses && !statuses.includes(session.status)) {
    throw new Conflict(
      `Session ${session.id} is ${session.status}; this form needs it ${statuses.join(' or ')} (组织生活状态不符).`,
    );
  }
  return session;
}
