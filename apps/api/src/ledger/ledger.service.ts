import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Forbidden, NotFound } from '../common/errors.js';
import { AccessService } from '../access/access.service.js';
import { COMMITTEE_ROLES, type RoleName } from '../access/role-name.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { LedgerFactsRepository } from './ledger-facts.repository.js';
import { localDay } from '../common/time-zone.js';
import { LedgerRequirement } from './ledger-requirement.entity.js';
import type { BranchLedgerRow, LecturerLedgerRow, MemberLedgerRow } from './ledger-rows.js';
import { LedgerCalculator } from './ledger.calculator.js';
import type { LedgerQueryDto, UpdateRequirementDto } from './ledger.dto.js';

/** Who reads branch ledgers in their subtree; anyone else sees only their own member row. */
const READERS: RoleName[] = [
  'od_admin',
  ...COMMITTEE_ROLES,
  'branch_secretary',
  'branch_committee',
];

export interface LedgerView {
  year: number;
  /** The day the figures are computed for: shortfalls are due by or missed before it. */
  asOf: string;
  members: MemberLedgerRow[];
  branches: BranchLedgerRow[];
  committeeSecretaries: LecturerLedgerRow[];
  leaders: LecturerLedgerRow[];
}

/** A person's own ledger rows; null where they have no such row. */
export interface MyLedgerView {
  year: number;
  asOf: string;
  member: MemberLedgerRow | null;
  committeeSecretary: LecturerLedgerRow | null;
  leader: LecturerLedgerRow | null;
}

/** The ledger (台账): computed on request from the session and evaluation records, never entered. */
@Injectable()
export class LedgerService {
  constructor(
    private readonly access: AccessService,
    private readonly facts: LedgerFactsRepository,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Member rows: readers get their subtree's members; anyone else their own row only. */
  async members(
    user: AuthUser,
    query: LedgerQueryDto,
  ): Promise<{ year: number; asOf: string; rows: MemberLedgerRow[] }> {
    const reader = await this.readerScope(user, query.orgUnitId, false);
    if (reader) {
      const view = await this.compute(reader, query.year);
      return { year: view.year, asOf: view.asOf, rows: view.members };
    }
    if (query.orgUnitId && !(await this.isOwnBranch(user, query.orgUnitId))) throw forbidden();
    const view = await this.compute(await this.ownBranch(user), query.year);
    return {
      year: view.year,
      asOf: view.asOf,
      rows: view.members.filter((m) => m.personId === user.personId),
    };
  }

  /**
   * The caller's own rows (我的台账), whatever they may read of others: as a member of their
   * branch, as a committee secretary and as a school leader (lectures in the units they oversee).
   */
  async mine(user: AuthUser, year?: number): Promise<MyLedgerView> {
    const scopes = await Promise.all([
      this.ownBranch(user),
      this.branchesUnderRole(user, 'committee_secretary'),
      this.branchesUnderRole(user, 'leader'),
    ]);
    const view = await this.compute([...new Set(scopes.flat())], year);
    const own = <T extends { personId: string }>(rows: T[]) =>
      rows.find((r) => r.personId === user.personId) ?? null;
    return {
      year: view.year,
      asOf: view.asOf,
      member: own(view.members),
      committeeSecretary: own(view.committeeSecretaries),
      leader: own(view.leaders),
    };
  }

  /** Everything a reader may see (branches, members, secretaries, leaders). */
  async full(user: AuthUser, query: LedgerQueryDto): Promise<LedgerView> {
    const scope = await this.readerScope(user, query.orgUnitId, true);
    const view = await this.compute(scope ?? [], query.year);
    if (!this.isOd(user)) view.leaders = view.leaders.filter((l) => l.personId === user.personId);
    return view;
  }

  requirements(): Promise<LedgerRequirement[]> {
    return this.db.manager.find(LedgerRequirement, { order: { subject: 'ASC', key: 'ASC' } });
  }

  async updateRequirement(
    user: AuthUser,
    key: string,
    dto: UpdateRequirementDto,
  ): Promise<LedgerRequirement> {
    if (!this.isOd(user))
      throw new Forbidden('Only OD edits ledger requirements (仅组织部可修改).');
    const row = await this.db.manager.findOneBy(LedgerRequirement, { key });
    if (!row) throw new NotFound(`Ledger requirement ${key} does not exist.`);
    Object.assign(row, { ...dto, updatedBy: user.personId, updatedAt: this.clock.now() });
    return this.db.manager.save(row);
  }

  private async compute(branchIds: string[], year?: number): Promise<LedgerView> {
    const asOf = localDay(this.clock.now());
    const y = year ?? Number(asOf.slice(0, 4));
    const [facts, rules] = await Promise.all([this.facts.load(y, branchIds), this.requirements()]);
    const calc = new LedgerCalculator(facts, rules, y, asOf);
    return {
      year: y,
      asOf,
      members: calc.members(),
      branches: calc.branches(),
      committeeSecretaries: calc.committeeSecretaries(),
      leaders: calc.leaders(),
    };
  }

  /**
   * Branch ids a reader may see (under `orgUnitId` when given); null when the user reads no
   * branch ledger at all — a 403 when `required`, else the caller falls back to the own row.
   */
  private async readerScope(
    user: AuthUser,
    orgUnitId: string | undefined,
    required: boolean,
  ): Promise<string[] | null> {
    const patterns = await this.access.visiblePathPatterns(user, READERS);
    if (patterns.length === 0) {
      if (required) throw forbidden();
      return null;
    }
    if (orgUnitId) {
      if (!(await this.access.hasRole(user, orgUnitId, READERS))) {
        if (required) throw forbidden();
        return null;
      }
    }
    const scope = orgUnitId ? [`${await this.access.pathOf(orgUnitId)}%`] : patterns;
    const rows = await this.db.query<{ id: string }[]>(
      `SELECT id FROM org_unit WHERE type = 'branch' AND path LIKE ANY($1::text[]) ORDER BY path`,
      [scope],
    );
    return rows.map((r) => r.id);
  }

  private async ownBranch(user: AuthUser): Promise<string[]> {
    const [row] = await this.db.query<{ id: string }[]>(
      `SELECT b.id FROM person p JOIN org_unit u ON u.id = p.org_unit_id
         JOIN org_unit b ON b.type = 'branch' AND u.path LIKE b.path || '%'
        WHERE p.id = $1 ORDER BY b.depth DESC LIMIT 1`,
      [user.personId],
    );
    return row ? [row.id] : [];
  }

  /** The branches under the units where the caller holds `role`. */
  private async branchesUnderRole(user: AuthUser, role: RoleName): Promise<string[]> {
    const units = user.roles.filter((r) => r.role === role).map((r) => r.orgUnitId);
    if (units.length === 0) return [];
    const rows = await this.db.query<{ id: string }[]>(
      `SELECT b.id FROM org_unit b JOIN org_unit u ON b.path LIKE u.path || '%'
        WHERE b.type = 'branch' AND u.id = ANY($1::uuid[]) ORDER BY b.path`,
      [units],
    );
    return rows.map((r) => r.id);
  }

  private async isOwnBranch(user: AuthUser, orgUnitId: string): Promise<boolean> {
    return (await this.ownBranch(user)).includes(orgUnitId);
  }

  private isOd(user: AuthUser): boolean {
    return user.roles.some((r) => r.role === 'od_admin');
  }
}

function forbidden(): Forbidden {
  return new Forbidden('You may not see this ledger (您无权查看该台账).');
}
