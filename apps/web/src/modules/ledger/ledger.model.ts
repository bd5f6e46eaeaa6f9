import type { BranchLedgerRow, RequirementCheck } from '@/api/ledger';

export interface LedgerData {
  members: { shortfalls: RequirementCheck[] }[];
  branches: BranchLedgerRow[];
  secretaries: { shortfalls: RequirementCheck[] }[];
  leaders: { shortfalls: RequirementCheck[] }[];
}

export interface Compliance {
  id: string;
  compliant: number;
  total: number;
  /** 0–100 */
  rate: number;
}

const missed = (checks: readonly RequirementCheck[]) => checks.some((c) => c.status === 'missed');

/** Share of each committee's branches with no missed requirement so far this year. */
export function complianceByCommittee(branches: readonly BranchLedgerRow[]): Compliance[] {
  const groups = new Map<string, { compliant: number; total: number }>();
  for (const branch of branches) {
    const group = groups.get(branch.committeeId) ?? { compliant: 0, total: 0 };
    group.total += 1;
    if (!missed(branch.shortfalls)) group.compliant += 1;
    groups.set(branch.committeeId, group);
  }
  return [...groups].map(([id, g]) => ({
    id,
    ...g,
    rate: Math.round((g.compliant / g.total) * 100),
  }));
}

/** Per branch: how many requirements are met, still due, or missed. */
export function statusByBranch(branches: readonly BranchLedgerRow[]) {
  return branches.map((b) => ({
    id: b.branchId,
    name: b.name,
    met: b.shortfalls.filter((c) => c.status === 'met').length,
    due: b.shortfalls.filter((c) => c.status === 'due').length,
    missed: b.shortfalls.filter((c) => c.status === 'missed').length,
  }));
}

/** Shortfalls (due or missed) per requirement across members, branches, secretaries and leaders. */
export function shortfallsByRequirement(data: LedgerData) {
  const counts = new Map<string, { due: number; missed: number }>();
  const rows = [...data.members, ...data.branches, ...data.secretaries, ...data.leaders];
  for (const row of rows) {
    for (const check of row.shortfalls) {
      if (check.status === 'met') continue;
      const entry = counts.get(check.requirement) ?? { due: 0, missed: 0 };
      entry[check.status] += 1;
      counts.set(check.requirement, entry);
    }
  }
  return [...counts]
    .map(([requirement, c]) => ({ requirement, ...c }))
    .sort((a, b) => b.missed - a.missed);
}
