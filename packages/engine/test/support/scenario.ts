/**
 * Scenario support: runs a simulator script over fixture files beside the spec, once plainly
 * and once with every state passed through JSON between steps; both runs must agree.
 */
import { expect } from 'vitest';
import { simulate, type SimulationScript, type SimulationTrace } from '../../src/index.js';
import { compiled, fixture } from './bpmn.js';

export type Script = Omit<SimulationScript, 'start'> & { start?: string };

export const T0 = '2026-01-05T08:00:00.000Z';

export async function run(
  dir: string,
  file: string,
  script: Script = {},
  withFiles: string[] = [],
): Promise<SimulationTrace> {
  const main = await compiled(fixture(dir, file));
  const others = await Promise.all(withFiles.map(async (f) => compiled(fixture(dir, f))));
  const full: SimulationScript = { start: T0, ...script };
  const plain = simulate(main, others, full);
  const roundTripped = simulate(main, others, full, { roundTrip: true });
  expect(roundTripped).toEqual(plain);
  return plain;
}
