/**
 * The modeler's 模拟 (simulation): the engine itself (packages/engine, bundled for the browser)
 * runs the diagram in the page, with no server call. Every action is a step of the engine CLI's
 * simulation script (`Simulation` runs it, `readSimulationScript` reads it), so a run downloads
 * as a script that `pnpm engine simulate` replays, and a script loads back and replays here.
 */
import {
  compile,
  readSimulationScript,
  Simulation,
  SimulationError,
  type CompiledDefinition,
  type Problem,
  type SimulationScript,
  type SimulationStep,
  type Variables,
} from '@orglife/engine';

export type { SimulationScript, SimulationStep } from '@orglife/engine';

export type RunStatus = 'active' | 'completed' | 'terminated';

export interface SimulationView {
  status: RunStatus;
  /** The simulated clock. */
  now: string;
  /** Element id → tokens on it (elements of the simulated diagram only). */
  tokens: Record<string, number>;
  /** Elements completed at least once, in first-completion order. */
  passed: string[];
  /** Open user tasks, oldest first (`complete` takes the oldest at an element). */
  tasks: { elementId: string }[];
  /** Timers waiting, soonest first. */
  timers: { elementId: string; dueAt: string }[];
  /** Messages something waits for (catch events, receive tasks, message start events). */
  messages: { name: string; correlationKey?: string; elementId: string }[];
  signals: { name: string; elementId: string }[];
  incidents: { elementId: string; message: string }[];
  /** Problems outside any instance (a called process that is not there). */
  problems: string[];
  variables: Variables;
}

export interface LogEntry {
  /** null: the start. */
  step: SimulationStep | null;
  /** The clock after the step. */
  at: string;
  /** Elements a token arrived at in this step. */
  reached: string[];
  /** Why the step could not be taken (then it is not part of the script). */
  error?: string;
  status: RunStatus;
}

export interface StartOptions {
  start: string;
  variables?: Variables;
  services?: SimulationScript['services'];
}

/** Whole seconds from `from` to `to`, as an ISO-8601 duration the script's `advance` takes. */
export function durationBetween(from: string, to: string): string {
  const seconds = Math.max(0, Math.ceil((Date.parse(to) - Date.parse(from)) / 1000));
  return `PT${seconds}S`;
}

/** Parses a JSON object typed by the user; throws with the reason when it is none. */
export function parseVariables(text: string): Variables | undefined {
  if (!text.trim()) return undefined;
  const value: unknown = JSON.parse(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new SyntaxError('not a JSON object');
  return value as Variables;
}

export class SimulationSession {
  private simulation: Simulation | undefined;
  private base: Omit<SimulationScript, 'steps'> | undefined;
  private steps: SimulationStep[] = [];
  readonly log: LogEntry[] = [];

  private constructor(readonly definition: CompiledDefinition) {}

  /** Compiles the diagram; answers its problems when the engine refuses it. */
  static async open(
    xml: string,
  ): Promise<{ ok: true; session: SimulationSession } | { ok: false; problems: Problem[] }> {
    const result = await compile(xml);
    if (!result.ok) return { ok: false, problems: result.problems };
    return { ok: true, session: new SimulationSession(result.definition) };
  }

  get started(): boolean {
    return this.simulation !== undefined;
  }

  /** The process the run starts: the one with a none start event, else the first. */
  get processId(): string {
    return this.simulation?.processId ?? this.definition.processIds[0] ?? '';
  }

  nameOf(elementId: string): string | undefined {
    for (const process of this.definition.processes.values()) {
      const node = process.nodes.get(elementId);
      if (node) return node.name;
    }
    return undefined;
  }

  /** Starts (again, from nothing): the clock at `start`, the root process with `variables`. */
  start(options: StartOptions): LogEntry {
    const base: Omit<SimulationScript, 'steps'> = {
      start: new Date(options.start).toISOString(),
      ...(options.variables ? { variables: options.variables } : {}),
      ...(options.services && Object.keys(options.services).length
        ? { services: options.services }
        : {}),
    };
    this.log.length = 0;
    this.steps = [];
    this.simulation = undefined;
    this.base = undefined;
    try {
      this.simulation = new Simulation(this.definition, [], base);
    } catch (error) {
      const entry = this.entry(null, new Set(), (error as Error).message);
      this.log.push(entry);
      return entry;
    }
    this.base = { ...base, process: this.simulation.processId };
    const entry = this.entry(null, new Set());
    this.log.push(entry);
    return entry;
  }

  /** Takes one step; a step the engine refuses is logged with its reason and not recorded. */
  take(step: SimulationStep): LogEntry {
    const simulation = this.simulation;
    if (!simulation) throw new Error('the simulation has not started');
    const before = new Set(this.tokenIds());
    let error: string | undefined;
    try {
      simulation.step(step);
      this.steps.push(step);
    } catch (caught) {
      // the engine counts the steps it was given, refused ones too: say it without the number
      error =
        caught instanceof SimulationError
          ? caught.message.replace(/^step \d+:\s*/, '')
          : (caught as Error).message;
    }
    const entry = this.entry(step, before, error);
    this.log.push(entry);
    return entry;
  }

  /** The run so far as the engine CLI's simulation script. */
  script(): SimulationScript {
    if (!this.base) throw new Error('the simulation has not started');
    return { ...this.base, steps: [...this.steps] };
  }

  /**
   * Starts over with a script (parsed JSON) and takes its steps; stops at the first step the
   * engine refuses. Throws SimulationError when `raw` is not a script, or names another process.
   */
  replay(raw: unknown): void {
    const script = readSimulationScript(raw);
    if (script.process && !this.definition.processIds.includes(script.process))
      throw new SimulationError(`process '${script.process}' is not in this diagram`);
    this.start({
      start: script.start,
      ...(script.variables ? { variables: script.variables } : {}),
      ...(script.services ? { services: script.services } : {}),
    });
    if (this.base && script.process) this.base.process = script.process;
    for (const step of script.steps ?? []) {
      if (this.take(step).error) break;
    }
  }

  /** The duration to the next timer, for 'advance to the next timer'; undefined when none waits. */
  untilNextTimer(): string | undefined {
    const next = this.view().timers[0];
    return next ? durationBetween(this.view().now, next.dueAt) : undefined;
  }

  private ownInstances() {
    const runtime = this.simulation?.runtime;
    return runtime
      ? [...runtime.instances.values()].filter((i) => i.definition === this.definition)
      : [];
  }

  /** Element instance ids with tokens, as `elementId@id` (to see what a step reached). */
  private tokenIds(): string[] {
    return this.ownInstances().flatMap((i) =>
      Object.values(i.state.elements)
        .filter((el) => el.elementId !== i.state.processId)
        .map((el) => `${el.elementId}@${i.id}@${el.id}`),
    );
  }

  private entry(step: SimulationStep | null, before: Set<string>, error?: string): LogEntry {
    const reached = [
      ...new Set(
        this.tokenIds()
          .filter((id) => !before.has(id))
          .map((id) => id.split('@')[0] ?? id),
      ),
    ];
    const view = this.view();
    return {
      step,
      at: view.now,
      reached,
      status: view.status,
      ...(error ? { error } : {}),
    };
  }

  view(): SimulationView {
    const simulation = this.simulation;
    const runtime = simulation?.runtime;
    const root = simulation?.rootId ? runtime?.instances.get(simulation.rootId) : undefined;
    const instances = this.ownInstances();
    const tokens: Record<string, number> = {};
    const passed = new Set<string>();
    const timers: SimulationView['timers'] = [];
    const messages: SimulationView['messages'] = [];
    const signals: SimulationView['signals'] = [];
    const incidents: SimulationView['incidents'] = [];
    for (const instance of instances) {
      const { state } = instance;
      for (const el of Object.values(state.elements)) {
        if (el.elementId === state.processId) continue;
        tokens[el.elementId] = (tokens[el.elementId] ?? 0) + 1;
      }
      for (const id of instance.passed) passed.add(id);
      for (const sub of Object.values(state.subscriptions)) {
        if (sub.kind === 'timer' && sub.dueAt)
          timers.push({ elementId: sub.elementId, dueAt: sub.dueAt });
        else if (sub.kind === 'message' && sub.name)
          messages.push({
            name: sub.name,
            elementId: sub.elementId,
            ...(sub.correlationKey !== undefined ? { correlationKey: sub.correlationKey } : {}),
          });
        else if (sub.kind === 'signal' && sub.name)
          signals.push({ name: sub.name, elementId: sub.elementId });
      }
      for (const incident of Object.values(state.incidents))
        incidents.push({ elementId: incident.elementId, message: incident.message });
    }
    for (const timer of runtime?.timers.values() ?? []) {
      if (timer.start && this.definition.processIds.includes(timer.start.processId))
        timers.push({ elementId: timer.start.elementId, dueAt: timer.dueAt });
    }
    // a failed job waits for its retry on the clock as a timer does
    const own = new Set(instances.map((i) => i.id));
    for (const { instanceId, job, dueAt } of runtime?.retrying.values() ?? [])
      if (own.has(instanceId)) timers.push({ elementId: job.elementId, dueAt });
    timers.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
    for (const start of this.definition.startEvents) {
      if (start.messageName) messages.push({ name: start.messageName, elementId: start.elementId });
      if (start.signalName) signals.push({ name: start.signalName, elementId: start.elementId });
    }
    const tasks = [...(runtime?.tasks.values() ?? [])]
      .filter(
        ({ instanceId }) => runtime?.instances.get(instanceId)?.definition === this.definition,
      )
      .map(({ task }) => ({ elementId: task.elementId }));
    return {
      status: root?.state.status ?? 'active',
      now: runtime?.now ?? this.base?.start ?? '',
      tokens,
      passed: [...passed],
      tasks,
      timers,
      messages,
      signals,
      incidents,
      problems: [...(runtime?.problems ?? [])],
      variables: root?.state.variables ?? {},
    };
  }
}
