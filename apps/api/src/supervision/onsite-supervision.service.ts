import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { InvalidInput, Conflict } from '../common/errors.js';
import { AccessService } from '../access/access.service.js';
import { COMMITTEE_ROLES, type RoleName } from '../access/role-name.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { BranchDirectory } from '../plans/branch.directory.js';
import { assertDates, notAfterToday, sameDay } from '../common/date-rules.js';
import { localDay } from '../common/time-zone.js';
import { OrgSession } from '../sessions/session.entity.js';
import {
  findingsDue,
  findingVariable,
  openRectification,
} from '../rectification/rectification.opener.js';
import { TaskFormRegistry } from '../task-forms/task-form.registry.js';
import { WorkflowRuntimeService } from '../workflow/instances/workflow-runtime.service.js';
import { Transactions } from '../database/transactions.js';
import { InstanceEndHooks } from '../workflow/instances/instance-end.hooks.js';
import { OnsiteSupervision } from './onsite-supervision.entity.js';
import { OnsiteSupervisionRecordDto, type StartOnsiteSupervisionDto } from './supervision.dto.js';
import { OnsiteSupervisionContextResponse } from './supervision.response.js';
import { requireLinked } from '../task-forms/linked-record.js';
import { fieldError } from '../task-forms/field-error.js';

const SUPERVISORS: RoleName[] = ['od_admin', ...COMMITTEE_ROLES];
const READERS: RoleName[] = [...SUPERVISORS, 'branch_secretary', 'branch_committee', 'inspector'];

/** 现场督导: a committee leader attends a branch session, records guidance, may raise findings. */
const ONSITE = ['现场督导', 'an on-site supervision'] as const;

@Injectable()
export class OnsiteSupervisionService implements OnModuleInit {
  constructor(
    private readonly access: AccessService,
    private readonly runtime: WorkflowRuntimeService,
    private readonly tx: Transactions,
    private readonly forms: TaskFormRegistry,
    private readonly endHooks: InstanceEndHooks,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // A visit not yet recorded dies with its flow; a recorded one is history.
    this.endHooks.onTerminated(async (em, instanceId) => {
      await em.update(
        OnsiteSupervision,
        { instanceId, status: 'pending' },
        { status: 'cancelled' },
      );
    });
    this.forms.register({
      formKey: 'orglife:onsite-supervision-record',
      payload: OnsiteSupervisionRecordDto,
      contextType: OnsiteSupervisionContextResponse,
      context: async (em, _user, task): Promise<OnsiteSupervisionContextResponse> => ({
        supervision: await requireLinked(em, OnsiteSupervision, task, ONSITE),
      }),
      submit: async (em, user, task, p) => {
        const { id } = await requireLinked(em, OnsiteSupervision, task, ONSITE);
        const row = await em.findOneOrFail(OnsiteSupervision, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        });
        if (row.status !== 'pending')
          throw new Conflict(`现场督导已记录 (on-site supervision ${row.id} is already recorded)`);
        const now = this.clock.now();
        // The visit attended a session: it happened the day that session was held.
        const session = row.sessionId
          ? await em.findOneBy(OrgSession, { id: row.sessionId })
          : null;
        assertDates(
          notAfterToday('attendedOn', p.attendedOn, now),
          session?.heldAt
            ? sameDay('attendedOn', p.attendedOn, localDay(session.heldAt), [
                '该次组织生活的召开日期',
                'the day the session was held',
              ])
            : null,
          ...findingsDue(p.findings ?? [], now),
        );
        Object.assign(row, {
          status: 'recorded',
          supervisorId: user.personId,
          attendedOn: p.attendedOn,
          guidance: p.guidance,
          findingsCount: p.findings?.length ?? 0,
        });
        await em.save(row);
        const findings = [];
        for (const finding of p.findings ?? []) {
          const opened = await openRectification(em, {
            source: 'onsite_supervision',
            sourceId: row.id,
            finding: { ...finding, branchId: row.branchId },
            createdBy: user.personId,
            now,
          });
          findings.push(findingVariable(opened));
        }
        return { findings };
      },
    });
  }

  /** Starts the visit: the record task goes to the supervisor who starts it. */
  async start(user: AuthUser, dto: StartOnsiteSupervisionDto): Promise<OnsiteSupervision> {
    await this.access.assertRole(user, dto.branchId, SUPERVISORS);
    return this.tx.run(async (em) => {
      const branch = await new BranchDirectory().context(em, dto.branchId);
      if (dto.sessionId) {
        const session = await em.findOneBy(OrgSession, { id: dto.sessionId });
        if (session?.status === 'cancelled') {
          throw fieldError('sessionId', '该次组织生活已取消 (the session was cancelled)');
        }
        if (session?.branchId !== dto.branchId) {
          throw new InvalidInput('sessionId: not a session of this branch', {
            errors: [
              {
                field: 'sessionId',
                message: '不是该支部的组织生活 (not a session of this branch)',
              },
            ],
          });
        }
      }
      const row = await em.save(
        em.create(OnsiteSupervision, {
          sessionId: dto.sessionId ?? null,
          branchId: branch.branchId,
          committeeId: branch.committeeId,
          status: 'pending',
          startedBy: user.personId,
          createdAt: this.clock.now(),
        }),
      );
      const instance = await this.runtime.startProcess(em, {
        processId: 'onsite-supervision',
        variables: {
          onsiteId: row.id,
          branchId: branch.branchId,
          committeeId: branch.committeeId,
          universityId: branch.universityId,
          sessionId: dto.sessionId ?? null,
          supervisorId: user.personId,
        },
        orgUnitId: branch.branchId,
        businessKey: `onsite:${row.id}`,
        startedBy: user.personId,
      });
      row.instanceId = instance.id;
      return em.save(row);
    });
  }

  async list(user: AuthUser): Promise<OnsiteSupervision[]> {
    const patterns = await this.access.visiblePathPatterns(user, READERS);
    if (patterns.length === 0) return [];
    return this.db
      .getRepository(OnsiteSupervision)
      .createQueryBuilder('o')
      .innerJoin('org_unit', 'u', 'u.id = o.branch_id')
      .where('u.path LIKE ANY(:patterns)', { patterns })
      .orderBy('o.created_at', 'DESC')
      .getMany();
  }
}
