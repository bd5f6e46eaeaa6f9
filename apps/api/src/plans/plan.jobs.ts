import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CLOCK, type Clock } from '../clock/clock.js';
import { requireLinked } from '../task-forms/linked-record.js';
import { In } from 'typeorm';
import { JobHandlerRegistry } from '../workflow/jobs/job-handler.registry.js';
import { InstanceEndHooks } from '../workflow/instances/instance-end.hooks.js';
import { Notifier } from '../notifications/notifier.js';
import { MonthlyPlan } from './plan.entity.js';

/** Service tasks of the `monthly-plan` flow. */
const PLAN = ['计划', 'a plan'] as const;

@Injectable()
export class PlanJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlerRegistry,
    private readonly endHooks: InstanceEndHooks,
    private readonly notifier: Notifier,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // A plan not yet approved dies with its flow; an approved one stays (its session is history).
    this.endHooks.onTerminated(async (em, instanceId) => {
      await em.update(
        MonthlyPlan,
        { instanceId, status: In(['pending', 'submitted', 'returned']) },
        { status: 'cancelled' },
      );
    });
    // The model decides how many levels approve; reaching this task means the last one did.
    this.jobs.register('orglife.plan.approved', async (job, em) => {
      const plan = await requireLinked(em, MonthlyPlan, job, PLAN);
      await em.update(
        MonthlyPlan,
        { id: plan.id },
        { status: 'approved', approvedAt: this.clock.now() },
      );
      // the drafter (else the branch's secretaries) hears it with the approval, and the
      // branch's group robot when it takes this kind
      const drafter = job.variables['drafter'];
      const people =
        typeof drafter === 'string'
          ? [drafter]
          : (
              await em.query<{ id: string }[]>(
                `SELECT person_id AS id FROM role_assignment
                  WHERE role = 'branch_secretary' AND org_unit_id = $1`,
                [plan.branchId],
              )
            ).map((r) => r.id);
      await this.notifier.notify(em, {
        kind: 'plan_approved',
        personIds: people,
        title: `计划已批准：${plan.month} 月度计划`,
        body: `${plan.month} 的集中组织生活计划已批准${plan.topic ? `（${plan.topic}）` : ''}，请按计划召开。`,
        link: '/sessions',
        orgUnitId: plan.branchId,
      });
    });
  }
}
