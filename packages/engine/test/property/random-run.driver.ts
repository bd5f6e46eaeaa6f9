/**
 * Drives one instance of a compiled model to its end, choosing at every step which open wait
 * state to complete next (a user task, a due timer, a message, a signal) from a list of random numbers.
 */
import { execute, startInstance } from '../../src/index.js';
import type { Command, Effect, HistoryEvent } from '../../src/contract.js';
import type { EngineState } from '../../src/index.js';
import { OpenWaits } from './open-waits.ledger.js';
import { PROCESS_ID } from './model.outline.js';
import type { ModelOutline } from './model.outline.js';

type Definition = Parameters<typeof startInstance>[0];

export interface RunOptions {
  /** Random numbers; step k picks action `choices[k % length] % (number of open waits)`. */
  choices: readonly number[];
  /** Before step k, continue on a JSON copy of the state instead of the live object. */
  copyStateBefore?: (step: number) => boolean;
  /** After this many steps, cancel the instance from outside. */
  cancelAfter?: number;
  /** Throw if a command changes the state object it was given (callers keep old versions). */
  checkInputUnchanged?: boolean;
}

export interface StepRecord {
  command: Command | { type: 'start' };
  /** Element id of the wait state the command completed (none for start and cancel). */
  target?: string;
  effects: Effect[];
  /** Element ids of the open wait states after the step. */
  open: string[];
}

export interface RunRecord {
  steps: StepRecord[];
  state: EngineState;
  waits: OpenWaits;
  /** Boundary events whose timer fired or message was correlated. */
  fired: Set<string>;
  history: HistoryEvent[];
}

const MAX_STEPS = 400;
const START = Date.parse('2026-01-05T08:00:00.000Z');

export function runRandomly(
  definition: Definition,
  model: ModelOutline,
  options: RunOptions,
): RunRecord {
  const waits = new OpenWaits();
  const steps: StepRecord[] = [];
  const fired = new Set<string>();
  const spent = new Set<string>();
  let clock = START;
  const now = () => new Date(clock).toISOString();

  const first = startInstance(definition, {
    instanceId: 'inst-1',
    processId: PROCESS_ID,
    variables: model.variables,
    now: now(),
  });
  let state: EngineState = first.state;
  waits.apply(first.effects);
  steps.push({ command: { type: 'start' }, effects: first.effects, open: waits.elementIds() });

  for (let step = 0; state.status === 'active'; step++) {
    if (step >= MAX_STEPS) throw new Error(`instance still active after ${MAX_STEPS} steps`);
    clock += 60_000;
    const { command, target } =
      step === options.cancelAfter
        ? { command: { type: 'cancel', now: now() } as const, target: undefined }
        : nextCommand(step);
    if (options.copyStateBefore?.(step)) state = JSON.parse(JSON.stringify(state)) as EngineState;
    const before = options.checkInputUnchanged ? JSON.stringify(state) : undefined;
    const result = execute(definition, state, command);
    if (before !== undefined && JSON.stringify(state) !== before)
      throw new Error(`${command.type} changed its input state`);
    state = result.state;
    waits.apply(result.effects);
    keepIfStillSubscribed(command);
    steps.push({ command, target, effects: result.effects, open: waits.elementIds() });
  }
  const history = steps.flatMap((s) =>
    s.effects.flatMap((e) => (e.type === 'history' ? [e.event] : [])),
  );
  return { steps, state, waits, fired, history };

  /**
   * A fired message or signal subscription is closed by its own effect; a non-interrupting
   * boundary's stays open, and we let it fire only once.
   */
  function keepIfStillSubscribed(command: Command): void {
    if (command.type !== 'correlateMessage' && command.type !== 'broadcastSignal') return;
    if (state.subscriptions[command.subscriptionId]) spent.add(command.subscriptionId);
  }

  function nextCommand(step: number): { command: Command; target: string } {
    const tasks = [...waits.tasks.values()];
    const timers = [...waits.timers.values()];
    const messages = [...waits.messages.values()].filter((m) => !spent.has(m.id));
    const signals = [...waits.signals.values()].filter((m) => !spent.has(m.id));
    const count = tasks.length + timers.length + messages.length + signals.length;
    if (count === 0)
      throw new Error(`instance is active but waits for nothing (step ${step}): a token was lost`);
    let pick = (options.choices[step % options.choices.length] ?? 0) % count;
    if (pick < tasks.length) {
      const task = tasks[pick]!;
      waits.tasks.delete(task.id);
      return {
        command: { type: 'completeTask', taskId: task.id, now: now() },
        target: task.elementId,
      };
    }
    pick -= tasks.length;
    if (pick < timers.length) {
      const timer = timers[pick]!;
      waits.timers.delete(timer.id);
      fired.add(timer.elementId);
      clock = Math.max(clock, Date.parse(timer.dueAt));
      return {
        command: { type: 'fireTimer', timerId: timer.id, now: now() },
        target: timer.elementId,
      };
    }
    pick -= timers.length;
    if (pick < messages.length) {
      const subscription = messages[pick]!;
      fired.add(subscription.elementId);
      return {
        command: { type: 'correlateMessage', subscriptionId: subscription.id, now: now() },
        target: subscription.elementId,
      };
    }
    const signal = signals[pick - messages.length]!;
    fired.add(signal.elementId);
    return {
      command: { type: 'broadcastSignal', subscriptionId: signal.id, now: now() },
      target: signal.elementId,
    };
  }
}
