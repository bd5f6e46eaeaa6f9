import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { MemoryRuntime } from '../../src/runtime/memory-runtime.js';
import type { Compiled } from './property.support.js';
import { modelArbitrary } from './block.model.js';
import { PROCESS_ID } from './model.outline.js';
import type { ModelOutline } from './model.outline.js';
import { choicesArbitrary, compileModel } from './property.support.js';

const START = '2026-01-05T08:00:00.000Z';

/** What the runtime holds after each step: open tasks and timers, and the instance state. */
interface Snapshot {
  tasks: string[];
  timers: string[];
  state: unknown;
}

/** Runs one instance on the in-memory runtime, picking the next open wait state at random. */
function runOnMemoryRuntime(
  definition: Compiled,
  model: ModelOutline,
  choices: readonly number[],
  roundTrip: boolean,
) {
  const runtime = new MemoryRuntime({ now: START, roundTrip, recordPassed: false });
  runtime.deploy(definition);
  const instance = runtime.start(PROCESS_ID, { variables: model.variables });
  if (!instance) throw new Error('the generated process was not deployed');
  const correlated = new Set<string>();
  const snapshots: Snapshot[] = [];
  const snapshot = () => {
    const state = runtime.instances.get(instance.id)!.state;
    snapshots.push({
      tasks: [...runtime.tasks.keys()],
      timers: [...runtime.timers.keys()],
      state: JSON.parse(JSON.stringify(state)),
    });
    return state;
  };
  for (let step = 0; snapshot().status === 'active'; step++) {
    if (step > 400) throw new Error('instance still active after 400 steps');
    const state = runtime.instances.get(instance.id)!.state;
    const tasks = [...runtime.tasks.keys()];
    const timers = [...runtime.timers.values()];
    const messages = Object.values(state.subscriptions).filter(
      (s) => s.kind !== 'timer' && !correlated.has(s.id),
    );
    const count = tasks.length + timers.length + messages.length;
    if (count === 0) throw new Error(`instance is active but waits for nothing (step ${step})`);
    let pick = (choices[step % choices.length] ?? 0) % count;
    if (pick < tasks.length) runtime.completeTask(tasks[pick]!);
    else if ((pick -= tasks.length) < timers.length) runtime.advanceTo(timers[pick]!.dueAt);
    else {
      const subscription = messages[pick - timers.length]!;
      correlated.add(subscription.id);
      if (subscription.kind === 'signal') runtime.broadcastSignal(subscription.name!);
      else
        expect(runtime.publishMessage(subscription.name!, subscription.correlationKey)).toBe(true);
    }
  }
  return { runtime, snapshots };
}

describe('the in-memory runtime on randomly composed models', () => {
  it('completes every instance, holds nothing afterwards, and behaves the same with states passed through JSON', async () => {
    await fc.assert(
      fc.asyncProperty(modelArbitrary, choicesArbitrary, async (model, choices) => {
        // given a random model deployed on two runtimes, one of which round-trips every state through JSON
        const { outline, definition } = await compileModel(model);

        // when both complete open wait states in the same random order
        const live = runOnMemoryRuntime(definition, outline, choices, false);
        const copied = runOnMemoryRuntime(definition, outline, choices, true);

        // then the instance completed and the runtime holds no task or timer for it
        const last = live.snapshots[live.snapshots.length - 1]!;
        expect(last).toMatchObject({
          tasks: [],
          timers: [],
          state: { status: 'completed', elements: {}, subscriptions: {} },
        });
        // and the JSON round trip changed nothing at any step
        expect(copied.snapshots).toEqual(live.snapshots);
      }),
      { numRuns: 25 },
    );
  });
});
