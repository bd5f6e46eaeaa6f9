/**
 * The simulator's script: a start, services and steps, run on the in-memory runtime. The CLI's
 * `simulate` and the web modeler's simulation both run scripts through `Simulation`, one step at
 * a time, and read and write them with `readSimulationScript`.
 */
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

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function checkStep(step: unknown, index: number): SimulationStep {
  const where = `step ${index + 1}`;
  if (!isObject(step)) throw new SimulationError(`${where} must be a JSON object`);
  if (step.variables !== undefined && !isObject(step.variables))
    throw new SimulationError(`${where}: "variables" must be a JSON object`);
  const name = ['complete', 'advance', 'message', 'signal'].find((k) => k in step);
  if (!name) throw new SimulationError(`${where} is none of complete, advance, message, signal`);
  if (typeof step[name] !== 'string' || !step[name])
    throw new SimulationError(`${where}: "${name}" must be a non-empty string`);
  const key = step.correlationKey;
  if (key !== undefined && typeof key !== 'string' && typeof key !== 'number')
    throw new SimulationError(`${where}: "correlationKey" must be a string or a number`);
  return step as SimulationStep;
}

/**
 * Checks a parsed script (JSON) and settles its start: an ISO date-time, or now when it has none.
 * Throws SimulationError naming what is wrong.
 */
export function readSimulationScript(raw: unknown, now = new Date()): SimulationScript {
  if (!isObject(raw)) throw new SimulationError('the script must be a JSON object');
  const script = raw as Partial<SimulationScript>;
  const start = script.start ?? now.toISOString();
  if (typeof start !== 'string' || Number.isNaN(Date.parse(start)))
    throw new SimulationError(`script "start" '${String(start)}' is not an ISO date-time`);
  if (script.process !== undefined && typeof script.process !== 'string')
    throw new SimulationError('script "process" must be a process id');
  if (script.variables !== undefined && !isObject(script.variables))
    throw new SimulationError('script "variables" must be a JSON object');
  if (script.services !== undefined && !isObject(script.services))
    throw new SimulationError('script "services" must be a JSON object');
  if (script.steps !== undefined && !Array.isArray(script.steps))
    throw new SimulationError('script "steps" must be a list');
  const steps = (script.steps as unknown[] | undefined)?.map(checkStep);
  return {
    ...script,
    start: new Date(start).toISOString(),
    ...(steps ? { steps } : {}),
  };
}

export interface SimulationOptions {
  roundTrip?: boolean;
  decisions?: readonly Decision[];
}

/**
 * One simulation run: deploys `decisions` (DMN), `others` (called processes) and `main`, starts
 * the root process (when it has a none start event) and then takes steps one by one.
 */
export class Simulation {
  readonly runtime: MemoryRuntime;
  readonly processId: string;
  /** The root instance: started at once, or by the first step that starts one (message, timer). */
  rootId: string | undefined;
  private taken = 0;

  constructor(
    main: CompiledDefinition,
    others: CompiledDefinition[],
    script: Omit<SimulationScript, 'steps'>,
    options: SimulationOptions = {},
  ) {
    const workers: Record<string, () => ServiceOutcome> = {};
    for (const [type, outcome] of Object.entries(script.services ?? {}))
      workers[type] = () => outcome;
    const { decisions, ...rest } = options;
    this.runtime = new MemoryRuntime({ now: script.start, workers, ...rest });
    if (decisions) this.runtime.deployDecisions(decisions);
    for (const other of others) this.runtime.deploy(other);
    this.runtime.deploy(main);
    this.processId = rootProcess(main, script.process);
    const hasNoneStart = Boolean(main.processes.get(this.processId)?.startId);
    this.rootId = hasNoneStart
      ? this.runtime.start(this.processId, {
          ...(script.variables ? { variables: script.variables } : {}),
        })?.id
      : undefined;
  }

  /** Takes one step; throws SimulationError (the step counted from 1) when it cannot be taken. */
  step(step: SimulationStep): void {
    const index = this.taken++;
    const runtime = this.runtime;
    if ('complete' in step) {
      if (!runtime.completeTaskAt(step.complete, step.variables)) {
        throw new SimulationError(`step ${index + 1}: no open task at '${step.complete}'`);
      }
    } else if ('advance' in step) {
      try {
        runtime.advance(step.advance);
      } catch (error) {
        throw new SimulationError(`step ${index + 1}: ${(error as Error).message}`);
      }
    } else if ('message' in step) {
      runtime.publishMessage(step.message, step.correlationKey, step.variables);
    } else if ('signal' in step) {
      runtime.broadcastSignal(step.signal, step.variables);
    } else {
      throw new SimulationError(`step ${index + 1} is none of complete, advance, message, signal`);
    }
    this.rootId ??= [...runtime.instances.values()].find(
      (i) => i.state.processId === this.processId && !i.parent,
    )?.id;
  }

  trace(): SimulationTrace {
    return simulationTrace(this.runtime, this.rootId);
  }
}

/** Runs a whole script (see `Simulation`) and answers where the root instance stands. */
export function simulate(
  main: CompiledDefinition,
  others: CompiledDefinition[],
  script: SimulationScript,
  options: SimulationOptions = {},
): SimulationTrace {
  const simulation = new Simulation(main, others, script, options);
  for (const step of script.steps ?? []) simulation.step(step);
  return simulation.trace();
}
