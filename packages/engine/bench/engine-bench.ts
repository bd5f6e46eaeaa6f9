/**
 * `pnpm bench:engine`: the same three flows on @orglife/engine and on bpmn-engine, in one run.
 * Not a test: it prints figures. Run with `node --expose-gc` (the package script does).
 */
import { cpus, loadavg } from 'node:os';

import type { EngineUnderTest } from './bench.types.js';
import { FLOWS } from './bench.types.js';
import { bpmnEngineAdapter } from './bpmn-engine.adapter.js';
import { heapPerItem, microsecondsEach, throughput } from './measure.js';
import type { Timing } from './measure.js';
import { ourEngineAdapter } from './our-engine.adapter.js';

interface Plan {
  throughputMs: number;
  warmup: number;
  parked: number;
  restored: number;
}

interface Figures {
  name: string;
  perSecond: Map<string, Timing>;
  heapBytes: number;
  parked: number;
  restoreMicros: Timing;
  restored: number;
}

async function measure<P>(engine: EngineUnderTest<P>, plan: Plan): Promise<Figures> {
  const perSecond = new Map<string, Timing>();
  for (const flow of FLOWS) {
    perSecond.set(
      flow,
      await throughput((i) => engine.runToEnd(flow, i), plan.throughputMs, plan.warmup),
    );
  }
  const heap = await heapPerItem((i) => engine.park(i), plan.parked);
  const sample = heap.items.slice(0, plan.restored);
  const restore = await microsecondsEach(sample, (parked) => engine.serializeRestore(parked));
  for (const restored of restore.results) await engine.finish(restored);
  return {
    name: engine.name,
    perSecond,
    heapBytes: heap.bytes,
    parked: plan.parked,
    restoreMicros: restore.micros,
    restored: plan.restored,
  };
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const dec = (n: number) =>
  n.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');

const both = (t: Timing, format: (n: number) => string) => `${format(t.cpu)} (${format(t.wall)})`;

function report(ours: Figures, theirs: Figures): string[] {
  const lines = [
    `@orglife/engine vs bpmn-engine — Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${new Date().toISOString()}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    'Times per CPU second of this process, wall clock in parentheses; targets are judged on CPU time.',
    '',
    'completed instances/s (every user task completed as soon as it waits, model parsed once)',
    `  ${'flow'.padEnd(34)}${ours.name.padStart(20)}${theirs.name.padStart(22)}${'ratio'.padStart(16)}  target ≥ 50×`,
  ];
  const labels: Record<string, string> = {
    sequence: '(a) start → 3 user tasks → end',
    parallel: '(b) parallel split 5 tasks → join',
    exclusive: '(c) exclusive gateway, conditions',
  };
  for (const flow of FLOWS) {
    const a = ours.perSecond.get(flow) ?? { cpu: 0, wall: 0 };
    const b = theirs.perSecond.get(flow) ?? { cpu: 1, wall: 1 };
    const ratio = { cpu: a.cpu / b.cpu, wall: a.wall / b.wall };
    lines.push(
      `  ${(labels[flow] ?? flow).padEnd(34)}${both(a, int).padStart(20)}${both(b, int).padStart(22)}${both(ratio, (n) => `${int(n)}×`).padStart(16)}  ${mark(ratio.cpu >= 50)}`,
    );
  }
  const heapRatio = ours.heapBytes / theirs.heapBytes;
  const restoreRatio = {
    cpu: theirs.restoreMicros.cpu / ours.restoreMicros.cpu,
    wall: theirs.restoreMicros.wall / ours.restoreMicros.wall,
  };
  lines.push(
    '',
    'heap bytes per instance parked at a user task',
    `  ${ours.name}: ${int(ours.heapBytes)} B (${int(ours.parked)} parked)   ${theirs.name}: ${int(theirs.heapBytes)} B (${int(theirs.parked)} parked)`,
    `  ratio 1/${int(1 / heapRatio)}  target ≤ 1/100  ${mark(heapRatio <= 0.01)}`,
    '',
    'serialize + restore of a parked instance, mean µs',
    `  ${ours.name}: ${both(ours.restoreMicros, dec)} — JSON.stringify + JSON.parse of the state; ${int(ours.restored)} instances, each then completed`,
    `  ${theirs.name}: ${both(theirs.restoreMicros, dec)} — getState + JSON round trip + recover + resume to the wait; ${int(theirs.restored)} instances, each then completed`,
    `  ratio ${both(restoreRatio, (n) => `${int(n)}×`)} faster  target ≤ 20 µs  ${mark(ours.restoreMicros.cpu <= 20)}`,
  );
  return lines;
}

const ours = await measure(await ourEngineAdapter(), {
  throughputMs: 2000,
  warmup: 2000,
  parked: 10_000,
  restored: 10_000,
});
const theirs = await measure(await bpmnEngineAdapter(), {
  throughputMs: 3000,
  warmup: 20,
  parked: 1_000,
  restored: 200,
});
console.log(report(ours, theirs).join('\n'));
