import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A branch that may be drawn, with the committee it belongs to. */
export interface SampleCandidate {
  branchId: string;
  committeeId: string;
}

export interface SampleRule {
  /** 32-bit integer seed, recorded with the batch so the draw can be re-derived. */
  seed: number;
  /** Share of all branches to draw, 0 < rate ≤ 1. */
  rate: number;
  /** Branches drawn from every committee that has any, before the rest of the quota. */
  minPerCommittee: number;
}

/** Name of the procedure below; stored with each batch so an auditor knows how to replay it. */
export const SAMPLE_ALGORITHM = 'xoroshiro128plus/committee-first-v1';

/**
 * Draws branches uniformly at random from a seed: first `minPerCommittee` from each committee
 * (committees in id order), then the remaining quota `ceil(rate × N)` from the branches not yet
 * drawn. Candidates are put in id order first, so the same seed and population always give the
 * same sample whatever order the database returns them in.
 */
export function drawSample(population: readonly SampleCandidate[], rule: SampleRule): string[] {
  assertRule(rule);
  const pool = [...population].sort((a, b) => compare(a.branchId, b.branchId));
  const rng = xoroshiro128plus(rule.seed);
  const pick = (from: SampleCandidate[]): SampleCandidate => {
    const index = uniformInt(rng, 0, from.length - 1);
    const [chosen] = from.splice(index, 1);
    if (!chosen) throw new Error('drawSample: picked from an empty pool');
    return chosen;
  };

  const drawn: SampleCandidate[] = [];
  const committees = [...new Set(pool.map((c) => c.committeeId))].sort(compare);
  for (const committeeId of committees) {
    const theirs = pool.filter((c) => c.committeeId === committeeId);
    for (let i = 0; i < rule.minPerCommittee && theirs.length > 0; i++) {
      const chosen = pick(theirs);
      drawn.push(chosen);
      pool.splice(pool.indexOf(chosen), 1);
    }
  }
  const quota = Math.ceil(rule.rate * population.length);
  while (drawn.length < quota && pool.length > 0) drawn.push(pick(pool));
  return drawn.map((c) => c.branchId);
}

/** A fresh seed for a new batch (the only non-deterministic step; it is recorded). */
export function newSeed(random: () => number = Math.random): number {
  return Math.floor(random() * 0x7fffffff);
}

function assertRule(rule: SampleRule): void {
  if (!Number.isInteger(rule.seed))
    throw new RangeError(`seed must be an integer, got ${rule.seed}`);
  if (!(rule.rate > 0 && rule.rate <= 1)) {
    throw new RangeError(`sampleRate must be in (0, 1], got ${rule.rate}`);
  }
  if (!Number.isInteger(rule.minPerCommittee) || rule.minPerCommittee < 0) {
    throw new RangeError(
      `minPerCommittee must be a non-negative integer, got ${rule.minPerCommittee}`,
    );
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
