import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { RoleName } from '../access/role-name.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { createValidationPipe } from '../common/validation.pipe.js';
import { instantOf, localDay } from '../common/time-zone.js';
import { monthOf } from '../plans/month.js';
import { CreateStudyContentDto } from '../study/study.dto.js';
import { STUDY_PROCESS_ID, StudyService } from '../study/study.service.js';
import { TaskFormService } from '../task-forms/task-form.service.js';
import { JobExecutor } from '../workflow/jobs/job.executor.js';
import { WorkflowTask } from '../workflow/tasks/task.entity.js';

/** Committees that add their arrangement, with the login that does it. */
const ARRANGING = [
  { committee: 'C1', by: 'committee_secretary', theme: '立足岗位作贡献' },
  { committee: 'C2', by: 'c2_secretary', theme: '理论武装铸忠诚' },
];

/**
 * Branches whose secretary submits a plan, so `committee_secretary` (C1) has approvals waiting.
 * C1-B1 stays at the draft: it is `branch_secretary`'s branch, whose inbox should show the draft.
 */
const SUBMITTING = [
  { branch: 'C1-B2', by: 'c1b2_secretary' },
  { branch: 'C1-B3', by: 'c1b3_secretary' },
];

const SEGMENTS = ['study', 'lecture', 'report', 'review'] as const;
const DAY = 24 * 3600_000;

export interface DemoMonthResult {
  month: string;
  plans: number;
  submitted: string[];
}

interface Member {
  id: string;
  name: string;
}

/**
 * Plays the first days of the current month on the freshly seeded demo university, as the demo
 * users and through the services the HTTP routes use: OD publishes the study content, both
 * committees arrange, every branch's plan flow starts, two C1 branches submit their plans.
 */
@Injectable()
export class DemoMonth {
  private readonly logger = new Logger('DemoMonth');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly forms: TaskFormService,
    private readonly jobs: JobExecutor,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Runs the demo month unless a flow already ran here; null when skipped. Never fails the boot. */
  async runIfNoInstances(): Promise<DemoMonthResult | null> {
    if (await this.hasInstances()) return null;
    if (!(await this.studyFlowDeployed())) {
      this.logger.warn('demo month skipped: the study-content flow is not deployed');
      return null;
    }
    try {
      const result = await this.run();
      this.logger.log(
        `demo month ${result.month}: study content published, ${ARRANGING.length} committee arrangements, ` +
          `${result.plans} plan flows; submitted for approval: ${result.submitted.join(', ') || 'none'}; the rest wait at the draft`,
      );
      return result;
    } catch (error) {
      this.logger.error(error, 'demo month failed; the demo data has no flows');
      return null;
    }
  }

  async hasInstances(): Promise<boolean> {
    const [row] = await this.db.query<{ found: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM wf_instance) AS found`,
    );
    return row?.found ?? false;
  }

  private async studyFlowDeployed(): Promise<boolean> {
    const [row] = await this.db.query<{ found: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM wf_definition WHERE process_id = $1) AS found`,
      [STUDY_PROCESS_ID],
    );
    return row?.found ?? false;
  }

  private async run(): Promise<DemoMonthResult> {
    const study = this.moduleRef.get(StudyService, { strict: false });
    const now = this.clock.now();
    const month = monthOf(now);
    const od = await this.userOf('od_admin');

    const draft: object = await createValidationPipe().transform(
      {
        month,
        title: `${month} 月度学习内容`,
        topics: ['学习党章党规', '学习习近平新时代中国特色社会主义思想'],
        materials: [{ title: '中国共产党章程', description: '重点学习总纲和党员章节' }],
        attachmentIds: [],
      },
      { type: 'body', metatype: CreateStudyContentDto },
    );
    const content = await study.create(od, draft as CreateStudyContentDto);
    await this.settle();
    await study.publish(od, content.id, {});
    await this.settle();
    for (const { committee, by, theme } of ARRANGING) {
      await study.arrange(await this.userOf(by), content.id, {
        committeeId: await this.unitId(committee),
        theme,
        arrangement: '20日下午集中开展组织生活，结合本单位实际交流研讨',
        materials: [],
      });
      await this.settle();
    }

    const sessionAt = demoSessionAt(now, month);
    const submitted: string[] = [];
    for (const { branch, by } of SUBMITTING) {
      if (!sessionAt) break;
      await this.submitPlan(await this.userOf(by), await this.unitId(branch), sessionAt);
      submitted.push(branch);
    }
    const plans = (await this.openTasks('orglife:plan-draft')).length + submitted.length;
    return { month, plans, submitted };
  }

  private async submitPlan(secretary: AuthUser, branchId: string, sessionAt: Date): Promise<void> {
    const task = (await this.openTasks('orglife:plan-draft')).find(
      (t) => t.variables['branchId'] === branchId,
    );
    if (!task) throw new Error(`no open plan draft for branch ${branchId}`);
    const { context } = await this.forms.view(secretary, task.id);
    const members = (context as { members: Member[] }).members;
    await this.forms.submit(secretary, task.id, {
      topic: '学习贯彻党的创新理论，立足岗位作贡献',
      plannedAt: sessionAt.toISOString(),
      place: '党员活动室',
      meetingTypes: ['member_assembly', 'party_lecture'],
      segments: SEGMENTS.map((key, i) => ({
        key,
        ownerId: members[i % members.length]?.id,
        content: `${key} 环节：围绕本月学习内容安排`,
      })),
      activity: { kind: 'theme_day', description: '主题党日：重温入党誓词' },
    });
    await this.settle();
  }

  /** Runs the jobs the last step made due (list committees, start plans) before the next step. */
  private async settle(): Promise<void> {
    while ((await this.jobs.runDueJobs()) > 0);
  }

  private openTasks(formKey: string): Promise<WorkflowTask[]> {
    return this.db.getRepository(WorkflowTask).findBy({ formKey, status: 'open' });
  }

  private async unitId(code: string): Promise<string> {
    const [row] = await this.db.query<{ id: string }[]>(`SELECT id FROM org_unit WHERE code = $1`, [
      code,
    ]);
    if (!row) throw new Error(`the demo university has no org unit ${code}`);
    return row.id;
  }

  /** The demo user as the JWT guard would load them: roles read from the database. */
  private async userOf(username: string): Promise<AuthUser> {
    const [account] = await this.db.query<{ personId: string }[]>(
      `SELECT person_id AS "personId" FROM account WHERE username = $1`,
      [username],
    );
    if (!account) throw new Error(`the demo university has no login ${username}`);
    const roles = await this.db.query<{ role: RoleName; orgUnitId: string }[]>(
      `SELECT role, org_unit_id AS "orgUnitId" FROM role_assignment WHERE person_id = $1`,
      [account.personId],
    );
    return { personId: account.personId, username, roles };
  }
}

/**
 * When the demo plans hold their session: 14:30 on the university's clock on the 20th, or the next
 * day once the 20th has passed; null when no day of the month is left (the plans then all wait at
 * the draft).
 */
export function demoSessionAt(now: Date, month: string): Date | null {
  const twentieth = instantOf(`${month}-20 14:30:00`);
  const tomorrow = instantOf(`${localDay(new Date(now.getTime() + DAY))} 14:30:00`);
  const at = tomorrow > twentieth ? tomorrow : twentieth;
  return monthOf(at) === month ? at : null;
}
