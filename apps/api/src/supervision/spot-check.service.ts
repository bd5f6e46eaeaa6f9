import { Inject, Injectable } from '@nestjs/common';
import { Forbidden, NotFound, Conflict } from '../common/errors.js';
import { assertDates, monthBegun } from '../common/date-rules.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In, IsNull } from 'typeorm';
import { bilingual } from '../common/locale.js';
import { localDay } from '../common/time-zone.js';
import { AccessService } from '../access/access.service.js';
import { COMMITTEE_ROLES, type RoleName } from '../access/role-name.js';
import type { AuthUser } from '../auth/auth-user.js';
import { WorkflowRuntimeService } from '../workflow/instances/workflow-runtime.service.js';
import { previousMonth, universityIdOf } from './branch.population.js';
import { InspectionScope, type SessionRecordView } from './inspection.scope.js';
import { drawSample } from './sample.drawer.js';
import { SpotCheckBatch } from './spot-check-batch.entity.js';
import { SpotCheckItem } from './spot-check-item.entity.js';
import type { StartSpotCheckDto } from './supervision.dto.js';

/** Who sees batches: OD and inspectors whole; committees and branches only their own items. */
const READERS: RoleName[] = ['od_admin', 'inspector', ...COMMITTEE_ROLES, 'branch_secretary'];
const AUDITORS: RoleName[] = ['od_admin', 'inspector'];

export interface BatchView extends SpotCheckBatch {
  items: SpotCheckItem[];
}

export interface ReplayView {
  batchId: string;
  seed: number;
  sampleRate: number;
  minPerCommittee: number;
  algorithm: string;
  recorded: string[];
  rederived: string[];
  matches: boolean;
}

@Injectable()
export class SpotCheckService {
  constructor(
    private readonly access: AccessService,
    private readonly runtime: WorkflowRuntimeService,
    private readonly scope: InspectionScope,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(user: AuthUser): Promise<BatchView[]> {
    const visible = await this.visibleUnits(user);
    const batches = await this.db.manager.find(SpotCheckBatch, { order: { drawnAt: 'DESC' } });
    const items = batches.length
      ? await this.db.manager.find(SpotCheckItem, {
          where: { batchId: In(batches.map((b) => b.id)) },
        })
      : [];
    return batches
      .map((b) => ({ ...b, items: items.filter((i) => i.batchId === b.id && visible(i.branchId)) }))
      .filter((b) => b.items.length > 0 || visible(null));
  }

  async get(user: AuthUser, id: string): Promise<BatchView> {
    const visible = await this.visibleUnits(user);
    const batch = await this.db.manager.findOneBy(SpotCheckBatch, { id });
    if (!batch) throw new NotFound(`Spot-check batch ${id} does not exist.`);
    const items = await this.db.manager.findBy(SpotCheckItem, { batchId: id });
    const mine = items.filter((i) => visible(i.branchId));
    if (mine.length === 0 && !visible(null)) throw forbidden();
    return { ...batch, items: mine };
  }

  /** Draws the batch again from its recorded seed, rule and population: the audit of a draw. */
  async replay(user: AuthUser, id: string): Promise<ReplayView> {
    if (!(await this.isAuditor(user))) throw forbidden();
    const batch = await this.db.manager.findOneBy(SpotCheckBatch, { id });
    if (!batch) throw new NotFound(`Spot-check batch ${id} does not exist.`);
    const rederived = drawSample(batch.population, {
      seed: batch.seed,
      rate: batch.sampleRate,
      minPerCommittee: batch.minPerCommittee,
    });
    return {
      batchId: batch.id,
      seed: batch.seed,
      sampleRate: batch.sampleRate,
      minPerCommittee: batch.minPerCommittee,
      algorithm: batch.algorithm,
      recorded: batch.sampledBranchIds,
      rederived,
      matches: JSON.stringify(rederived) === JSON.stringify(batch.sampledBranchIds),
    };
  }

  /** 409 naming the month's regular draw when there is one (a second one is a 追加抽查). */
  private async assertNoRegularDraw(month: string): Promise<void> {
    const existing = await this.db.manager.findOneBy(SpotCheckBatch, {
      month,
      kind: 'regular',
      cancelledAt: IsNull(),
    });
    if (!existing) return;
    const day = localDay(existing.createdAt);
    throw new Conflict(
      bilingual(
        `${month}已有月度抽查（${day}抽取），如需再次抽查请选择“追加抽查”并填写理由`,
        `${month} already has its regular spot check (drawn ${day}); start an extra check with a reason`,
      ),
      { existingBatchId: existing.id },
    );
  }

  /** OD starts a draw now through the flow's manual start; the defaults stay the model's. */
  async start(user: AuthUser, dto: StartSpotCheckDto): Promise<{ instanceId: string }> {
    const universityId = await this.universityOf();
    await this.access.assertRole(user, universityId, ['od_admin']);
    const now = this.clock.now();
    if (dto.month) assertDates(monthBegun('month', dto.month, now));
    const month = dto.month ?? previousMonth(localDay(now));
    if (!dto.extra) await this.assertNoRegularDraw(month);
    const variables = Object.fromEntries(
      Object.entries({
        sampleRate: dto.sampleRate,
        seed: dto.seed,
        month,
        extra: dto.extra === true,
        reason: dto.reason,
        startedBy: user.personId,
      }).filter(([, v]) => v !== undefined),
    ) as Record<string, number | string | boolean>;
    const instance = await this.runtime.startProcess(null, {
      processId: 'spot-check',
      variables,
      orgUnitId: universityId,
      startedBy: user.personId,
    });
    return { instanceId: instance.id };
  }

  async records(user: AuthUser, branchId: string, month: string): Promise<SessionRecordView[]> {
    await this.scope.assertMayInspect(user, branchId, month);
    return this.scope.records(this.db.manager, branchId, month);
  }

  /** A predicate over branch ids (null = "sees whole batches"). */
  private async visibleUnits(user: AuthUser): Promise<(branchId: string | null) => boolean> {
    if (await this.isAuditor(user)) return () => true;
    const ids = new Set(await this.access.visibleOrgUnitIds(user, READERS));
    if (ids.size === 0) throw forbidden();
    return (branchId) => branchId !== null && ids.has(branchId);
  }

  private async isAuditor(user: AuthUser): Promise<boolean> {
    const universityId = await this.universityOf();
    return this.access.hasRole(user, universityId, AUDITORS);
  }

  private universityOf(): Promise<string> {
    return universityIdOf(this.db.manager);
  }
}

function forbidden(): Forbidden {
  return new Forbidden('You may not see this spot check (您无权查看该抽查).');
}
