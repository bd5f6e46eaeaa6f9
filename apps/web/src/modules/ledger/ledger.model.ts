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
  /** The requirement missed by the most of its branches (why the rate is below 100%), if any. */
  mostMissed?: { requirement: string; branches: number };
}

const missed = (checks: readonly RequirementCheck[]) => checks.some((c) => c.status === 'missed');

/** Share of each committee's branches with no missed requirement so far this year. */
export function complianceByCommittee(branches: readonly BranchLedgerRow[]): Compliance[] {
  const groups = new Map<
    string,
    { compliant: number; total: number; missedBy: Map<string, Set<string>> }
  >();
  for (const branch of branches) {
    const group = groups.get(branch.committeeId) ?? { compliant: 0, total: 0, missedBy: new Map() };
    group.total += 1;
    if (!missed(branch.shortfalls)) group.compliant += 1;
    for (const c of branch.shortfalls) {
      if (c.status !== 'missed') continue;
      const by = group.missedBy.get(c.requirement) ?? new Set<string>();
      by.add(branch.branchId);
      group.missedBy.set(c.requirement, by);
    }
    groups.set(branch.committeeId, group);
  }
  return [...groups].map(([id, { compliant, total, missedBy }]) => {
    const [top] = [...missedBy].sort((a, b) => b[1].size - a[1].size);
    return {
      id,
      compliant,
      total,
      rate: Math.round((compliant / total) * 100),
      ...(top ? { mostMissed: { requirement: top[0], branches: top[1].size } } : {}),
    };
  });
}

/** A row's open checks grouped by requirement and status: one line each, with their windows. */
export function groupedShortfalls(checks: readonly RequirementCheck[]) {
  const groups = new Map<
    string,
    { requirement: string; status: 'due' | 'missed'; windows: string[]; have: number; need: number }
  >();
  for (const c of checks) {
    if (c.status === 'met') continue;
    const key = `${c.requirement}|${c.status}|${c.personId ?? ''}`;
    const group = groups.get(key) ?? {
      requirement: c.requirement,
      status: c.status,
      windows: [],
      have: c.have,
      need: c.need,
    };
    group.windows.push(c.window);
    groups.set(key, group);
  }
  // missed first: what needs attention now
  return [...groups.values()].sort((a, b) =>
    a.status === b.status ? 0 : a.status === 'missed' ? -1 : 1,
  );
}

/** Per branch: how many requirement periods are still due, or missed. */
export function statusByBranch(branches: readonly BranchLedgerRow[]) {
  return branches.map((b) => ({
    id: b.branchId,
    name: b.name,
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
