/** The simulator's script: a start, services and steps, run on the in-memory runtime. */
import type { Variables } from '../contract.js';
import type { CompiledDefinition } from '../compile/model.js';
import type { Decision } from '../decisions/model.js';
import { MemoryRuntime, type ServiceOutcome } from './memory-runtime.js';
import { simulationTrace, type SimulationTrace } from './simulation-trace.js';

export type SimulationStep =
  | { complete: string; variables?: Variables }
  | { advance: string }
  | { message: string; correlationKey?: string | number; variables?: Variables }
  | { signal: string; variables?: Variables };

export interface SimulationScript {
  start: string;
  process?: string;
  variables?: Variables;
  services?: Record<string, ServiceOutcome>;
  steps?: SimulationStep[];
}

export class SimulationError extends Error {}

function rootProcess(main: CompiledDefinition, requested?: string): string {
  if (requested) {
    if (!main.processIds.includes(requested))
      throw new SimulationError(`process '${requested}' is not in the file`);
    return requested;
  }
  const withNoneStart = main.processIds.find((id) => main.processes.get(id)?.startId);
  const first = withNoneStart ?? main.processIds[0];
  if (!first) throw new SimulationError('the file has no process');
  return first;
}

function runStep(runtime: MemoryRuntime, step: SimulationStep, index: number): void {
  if ('complete' in step) {
    if (!runtime.completeTaskAt(step.complete, step.variables)) {
      throw new SimulationError(`step ${index + 1}: no open task at '${step.complete}'`);
    }
  } else if ('advance' in step) {
    runtime.advance(step.advance);
  } else if ('message' in step) {
    runtime.publishMessage(step.message, step.correlationKey, step.variables);
  } else if ('signal' in step) {
    runtime.broadcastSignal(step.signal, step.variables);
  } else {
    throw new SimulationError(`step ${index + 1} is none of complete, advance, message, signal`);
  }
}

/**
 * Deploys `decisions` (DMN), `others` (called processes) and `main`, starts the root process and
 * runs the steps.
 */
export function simulate(
  main: CompiledDefinition,
  others: CompiledDefinition[],
  script: SimulationScript,
  options: { roundTrip?: boolean; decisions?: readonly Decision[] } = {},
): SimulationTrace {
  const workers: Record<string, () => ServiceOutcome> = {};
  for (const [type, outcome] of Object.entries(script.services ?? {}))
    workers[type] = () => outcome;
  const { decisions, ...rest } = options;
  const runtime = new MemoryRuntime({ now: script.start, workers, ...rest });
  if (decisions) runtime.deployDecisions(decisions);
  for (const other of others) runtime.deploy(other);
  runtime.deploy(main);
  const processId = rootProcess(main, script.process);
  const hasNoneStart = Boolean(main.processes.get(processId)?.startId);
  let rootId = hasNoneStart
    ? runtime.start(processId, { ...(script.variables ? { variables: script.variables } : {}) })?.id
    : undefined;
  (script.steps ?? []).forEach((step, index) => {
    runStep(runtime, step, index);
    rootId ??= [...runtime.instances.values()].find(
      (i) => i.state.processId === processId && !i.parent,
    )?.id;
  });
  return simulationTrace(runtime, rootId);
}
