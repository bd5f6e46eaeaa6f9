import { describe, expect, it } from 'vitest';
import { drawSample, type SampleCandidate } from '../src/supervision/sample.drawer.js';

const population: SampleCandidate[] = [
  ...Array.from({ length: 14 }, (_, i) => ({
    branchId: `a-${String(i).padStart(2, '0')}`,
    committeeId: 'A',
  })),
  ...Array.from({ length: 5 }, (_, i) => ({ branchId: `b-${i}`, committeeId: 'B' })),
  { branchId: 'c-0', committeeId: 'C' },
];
const rule = { seed: 20260301, rate: 0.1, minPerCommittee: 1 };

describe('spot-check sample drawing', () => {
  it('given the same seed and population, draws the same sample (in any input order)', () => {
    const first = drawSample(population, rule);
    const shuffled = [...population].reverse();
    expect(drawSample(shuffled, rule)).toEqual(first);
  });

  it('draws at least one branch from every committee that has branches', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const sample = drawSample(population, { ...rule, seed });
      const committees = new Set(
        sample.map((id) => population.find((c) => c.branchId === id)?.committeeId),
      );
      expect(committees).toEqual(new Set(['A', 'B', 'C']));
    }
  });

  it('draws ceil(rate × N) branches when that exceeds one per committee, without repeats', () => {
    const sample = drawSample(population, { ...rule, rate: 0.3 });
    expect(sample).toHaveLength(6);
    expect(new Set(sample).size).toBe(6);
  });

  it('gives different samples for different seeds, each branch drawn about equally often', () => {
    const counts = new Map<string, number>();
    const trials = 2000;
    for (let seed = 0; seed < trials; seed++) {
      for (const id of drawSample(population, { ...rule, seed })) {
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
    // Committee A has 14 branches and one mandatory draw: each about trials / 14 times.
    const aCounts = population
      .filter((c) => c.committeeId === 'A')
      .map((c) => counts.get(c.branchId) ?? 0);
    for (const n of aCounts) expect(n).toBeGreaterThan((trials / 14) * 0.7);
    for (const n of aCounts) expect(n).toBeLessThan((trials / 14) * 1.3);
    expect(counts.get('c-0')).toBe(trials);
  });

  it('refuses a sample rate outside (0, 1] naming the rate', () => {
    expect(() => drawSample(population, { ...rule, rate: 1.5 })).toThrow(/sampleRate/);
  });
});
