import { Inject, Injectable } from '@nestjs/common';
import { Forbidden, NotFound } from '../common/errors.js';
import { assertDates, dueAfterToday } from '../common/date-rules.js';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { COMMITTEE_ROLES, type RoleName } from '../access/role-name.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { WorkflowRuntimeService } from '../workflow/instances/workflow-runtime.service.js';
import { Transactions } from '../database/transactions.js';
import type { RectificationEvent } from './rectification-event.entity.js';
import type { RectificationQueryDto, SelfFoundRectificationDto } from './rectification.dto.js';
import {
  OPEN_RECTIFICATION_STATUSES,
  RECTIFICATION_STATUSES,
  Rectification,
  type RectificationStatus,
} from './rectification.entity.js';
import { openRectification } from './rectification.opener.js';
import { RectificationRepository } from './rectification.repository.js';

/** Who may see rectification items in their subtree. */
const READERS: RoleName[] = [
  'od_admin',
  ...COMMITTEE_ROLES,
  'branch_secretary',
  'branch_committee',
  'inspector',
];
/** Who may record a problem on a branch themselves. */
const OPENERS: RoleName[] = ['od_admin', ...COMMITTEE_ROLES, 'branch_secretary'];

export interface RectificationBoard {
  items: Rectification[];
  /** Items per status, every status present (0 when none), for the board's columns. */
  counts: Record<RectificationStatus, number>;
  overdue: number;
}

@Injectable()
export class RectificationService {
  constructor(
    private readonly access: AccessService,
    private readonly runtime: WorkflowRuntimeService,
    private readonly tx: Transactions,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async board(user: AuthUser, query: RectificationQueryDto): Promise<RectificationBoard> {
    const patterns = await this.access.visiblePathPatterns(user, READERS);
    if (patterns.length === 0) throw noAccess();
    if (query.orgUnitId) await this.access.assertRole(user, query.orgUnitId, READERS);
    const scope = query.orgUnitId ? [`${await this.access.pathOf(query.orgUnitId)}%`] : patterns;
    const qb = this.db
      .getRepository(Rectification)
      .createQueryBuilder('r')
      .innerJoin('org_unit', 'u', 'u.id = r.branch_id')
      .where('u.path LIKE ANY(:scope)', { scope })
      .orderBy('r.due_at', 'ASC')
      .addOrderBy('r.id', 'ASC');
    if (query.source) qb.andWhere('r.source = :source', { source: query.source });
    const all = await qb.getMany();
    const counts = Object.fromEntries(RECTIFICATION_STATUSES.map((s) => [s, 0])) as Record<
      RectificationStatus,
      number
    >;
    for (const item of all) counts[item.status] += 1;
    const now = this.clock.now();
    const open = (r: Rectification) =>
      (OPEN_RECTIFICATION_STATUSES as readonly string[]).includes(r.status);
    return {
      items: query.status ? all.filter((r) => r.status === query.status) : all,
      counts,
      overdue: all.filter((r) => open(r) && r.dueAt < now).length,
    };
  }

  async get(
    user: AuthUser,
    id: string,
  ): Promise<{ rectification: Rectification; history: RectificationEvent[] }> {
    const item = await this.db.manager.findOneBy(Rectification, { id });
    if (!item) throw new NotFound(`Rectification ${id} does not exist (整改事项不存在).`);
    await this.access.assertRole(user, item.branchId, READERS);
    return {
      rectification: item,
      history: await new RectificationRepository(this.db.manager).history(id),
    };
  }

  /** A self-found problem (自查): the item and its rectification flow start together. */
  async openSelfFound(user: AuthUser, dto: SelfFoundRectificationDto): Promise<Rectification> {
    await this.access.assertRole(user, dto.branchId, OPENERS);
    assertDates(dueAfterToday('dueDate', dto.dueDate, this.clock.now()));
    return this.tx.run(async (em) => {
      const item = await openRectification(em, {
        source: 'self_found',
        sourceId: null,
        finding: dto,
        createdBy: user.personId,
        now: this.clock.now(),
      });
      const instance = await this.runtime.startProcess(em, {
        processId: 'rectification',
        variables: { rectificationId: item.id },
        orgUnitId: item.branchId,
        businessKey: `rectification:${item.id}`,
        startedBy: user.personId,
      });
      item.instanceId = instance.id;
      await em.update(Rectification, { id: item.id }, { instanceId: instance.id });
      return item;
    });
  }
}

function noAccess(): Forbidden {
  return new Forbidden('You may not see rectification items (您无权查看整改事项).');
}
