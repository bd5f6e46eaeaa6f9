import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Conflict } from '../common/errors.js';
import { bilingual } from '../common/locale.js';
import { assertDates, yearBegun } from '../common/date-rules.js';
import type { Variables } from '@orglife/engine';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, Not } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { COMMITTEE_ROLES, type RoleName } from '../access/role-name.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { localDay } from '../common/time-zone.js';
import { addIsoDuration } from '../rectification/due-date.js';
import { fieldErrors } from '../task-forms/field-error.js';
import {
  findingsDue,
  findingVariable,
  openRectification,
} from '../rectification/rectification.opener.js';
import { TaskFormRegistry } from '../task-forms/task-form.registry.js';
import type { WorkflowJob } from '../workflow/jobs/job.entity.js';
import { JobHandlerRegistry } from '../workflow/jobs/job-handler.registry.js';
import { InstanceEndHooks } from '../workflow/instances/instance-end.hooks.js';
import { WorkflowRuntimeService } from '../workflow/instances/workflow-runtime.service.js';
import { AnnualInspection } from './annual-inspection.entity.js';
import { branchesOfUniversity } from './branch.population.js';
import { AnnualInspectionRecordDto, type StartInspectionDto } from './supervision.dto.js';
import { AnnualInspectionContextResponse } from './supervision.response.js';
import { taskField } from './task-variable.js';
import { assertTaskFor, linkedRecordById } from '../task-forms/linked-record.js';
import type { WorkflowTask } from '../workflow/tasks/task.entity.js';

const READERS: RoleName[] = ['od_admin', 'inspector', ...COMMITTEE_ROLES];

/** 年度调研督查: one inspection per committee (a direct branch is its own), findings per branch. */
@Injectable()
export class AnnualInspectionService implements OnModuleInit {
  constructor(
    private readonly access: AccessService,
    private readonly runtime: WorkflowRuntimeService,
    private readonly forms: TaskFormRegistry,
    private readonly jobs: JobHandlerRegistry,
    private readonly endHooks: InstanceEndHooks,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // A committee not yet inspected is no longer due once its flow is cancelled.
    this.endHooks.onTerminated(async (em, instanceId) => {
      await em.update(AnnualInspection, { instanceId, status: 'pending' }, { status: 'cancelled' });
    });
    this.jobs.register('orglife.annual-inspection.plan', (job, em) => this.plan(job, em));
    this.forms.register({
      formKey: 'orglife:annual-inspection',
      payload: AnnualInspectionRecordDto,
      contextType: AnnualInspectionContextResponse,
      context: async (em, _user, task): Promise<AnnualInspectionContextResponse> => {
        const inspection = await inspectionOf(em, task, false);
        const { branches } = await branchesOfUniversity(em);
        return {
          inspection,
          branches: branches.filter((b) => b.committeeId === inspection.committeeId),
        };
      },
      submit: async (em, user, task, p) => {
        const row = await inspectionOf(em, task, true);
        if (row.status !== 'pending')
          throw new Conflict(`调研督查已完成 (inspection ${row.id} is already done)`);
        const { branches } = await branchesOfUniversity(em);
        const ours = new Set(
          branches.filter((b) => b.committeeId === row.committeeId).map((b) => b.branchId),
        );
        const wrong = (p.findings ?? [])
          .map((f, i) => ({ f, i }))
          .filter(({ f }) => !ours.has(f.branchId))
          .map(({ i }) => ({
            field: `findings.${i}.branchId`,
            message: '不是受检党组织的支部 (not a branch of the inspected committee)',
          }));
        if (wrong.length > 0) throw fieldErrors(wrong);
        const now = this.clock.now();
        assertDates(...findingsDue(p.findings ?? [], now));
        Object.assign(row, {
          status: 'done',
          summary: p.summary,
          findingsCount: p.findings?.length ?? 0,
          inspectedBy: user.personId,
          inspectedAt: now,
        });
        await em.save(row);
        const findings = [];
        for (const finding of p.findings ?? []) {
          const opened = await openRectification(em, {
            source: 'inspection',
            sourceId: row.id,
            finding,
            createdBy: user.personId,
            now,
          });
          findings.push(findingVariable(opened));
        }
        return { findings };
      },
    });
  }

  async start(user: AuthUser, dto: StartInspectionDto): Promise<{ instanceId: string }> {
    const { universityId } = await branchesOfUniversity(this.db.manager);
    await this.access.assertRole(user, universityId, ['od_admin']);
    if (dto.year) assertDates(yearBegun('year', dto.year, this.clock.now()));
    const year = dto.year ?? Number(localDay(this.clock.now()).slice(0, 4));
    const taken = await this.db
      .getRepository(AnnualInspection)
      .findOneBy({ year, status: Not('cancelled') });
    if (taken) {
      throw new Conflict(
        bilingual(
          `${year}年度调研督查已发起，不能重复发起`,
          `The ${year} inspection has already been started`,
        ),
        { existingInstanceId: taken.instanceId },
      );
    }
    const instance = await this.runtime.startProcess(null, {
      processId: 'annual-inspection',
      variables: dto.year ? { year: dto.year } : {},
      orgUnitId: universityId,
      startedBy: user.personId,
    });
    return { instanceId: instance.id };
  }

  async list(user: AuthUser, year?: number): Promise<AnnualInspection[]> {
    const patterns = await this.access.visiblePathPatterns(user, READERS);
    if (patterns.length === 0) return [];
    const qb = this.db
      .getRepository(AnnualInspection)
      .createQueryBuilder('a')
      .innerJoin('org_unit', 'u', 'u.id = a.committee_id')
      .where('u.path LIKE ANY(:patterns)', { patterns })
      .orderBy('a.year', 'DESC')
      .addOrderBy('u.path', 'ASC');
    if (year) qb.andWhere('a.year = :year', { year });
    return qb.getMany();
  }

  /** One pending inspection per committee with branches, and per direct branch. */
  private async plan(job: WorkflowJob, em: EntityManager): Promise<Variables> {
    const now = this.clock.now();
    const year =
      typeof job.variables['year'] === 'number'
        ? job.variables['year']
        : Number(localDay(now).slice(0, 4));
    const dueAt = addIsoDuration(now, String(job.variables['inspectionPeriod'])).toISOString();
    const { universityId, branches } = await branchesOfUniversity(em);
    // One inspection a committee a year: the yearly timer after OD started the year by hand (or a
    // second start) adds only committees the year has not covered yet.
    const covered = new Set(
      (await em.findBy(AnnualInspection, { year, status: Not('cancelled') })).map(
        (a) => a.committeeId,
      ),
    );
    const committees = [...new Set(branches.map((b) => b.committeeId))].filter(
      (id) => !covered.has(id),
    );
    const names = await em.query<{ id: string; name: string }[]>(
      `SELECT id, name FROM org_unit WHERE id = ANY($1::uuid[])`,
      [committees],
    );
    const targets = [];
    for (const committeeId of committees) {
      const row = await em.save(
        em.create(AnnualInspection, {
          year,
          committeeId,
          status: 'pending',
          instanceId: job.instanceId,
          createdAt: now,
        }),
      );
      targets.push({
        inspectionId: row.id,
        committeeId,
        committeeName: names.find((n) => n.id === committeeId)?.name ?? '',
        inspectionDueAt: dueAt,
      });
    }
    return { year, universityId, targets };
  }
}

/**
 * The committee's inspection a task of the multi-instance step is about: named by the `target`
 * item variable, but only one linked to the task's flow and the committee the task was made for.
 */
async function inspectionOf(
  em: EntityManager,
  task: WorkflowTask,
  lock: boolean,
): Promise<AnnualInspection> {
  const row = await linkedRecordById(
    em,
    AnnualInspection,
    task,
    taskField(task, 'target', 'inspectionId'),
    ['此调研督查', 'this inspection'],
    lock,
  );
  assertTaskFor(task, row.committeeId);
  return row;
}
