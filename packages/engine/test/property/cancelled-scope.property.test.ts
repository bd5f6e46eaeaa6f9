import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { modelArbitrary } from './block.model.js';
import type { ModelOutline, Outline } from './model.outline.js';
import { choicesArbitrary, compileModel, unbalancedElementInstances } from './property.support.js';
import { runRandomly } from './random-run.driver.js';

/** Interrupting boundary events → the activity they cancel. */
function interruptingBoundaries(
  node: Outline,
  found = new Map<string, string>(),
): Map<string, string> {
  switch (node.kind) {
    case 'sequence':
      node.items.forEach((item) => interruptingBoundaries(item, found));
      break;
    case 'parallel':
    case 'exclusive':
    case 'inclusive':
      node.branches.forEach((branch) => interruptingBoundaries(branch, found));
      break;
    case 'subProcess':
      interruptingBoundaries(node.body, found);
      break;
    case 'race':
      node.branches.forEach((branch) => interruptingBoundaries(branch.body, found));
      break;
    case 'guarded':
      if (node.interrupting) found.set(node.id, node.activity.id);
      if (node.activity.kind === 'subProcess') interruptingBoundaries(node.activity.body, found);
      interruptingBoundaries(node.handler, found);
      break;
    case 'userTask':
    case 'timerCatch':
    case 'messageCatch':
    case 'signalCatch':
      break;
  }
  return found;
}

/** True when the element is the activity itself or lies inside it. */
function within(model: ModelOutline, elementId: string, activityId: string): boolean {
  return elementId === activityId || (model.scopes.get(elementId) ?? []).includes(activityId);
}

describe('a cancelled scope', () => {
  it('leaves no task, timer or subscription behind when the instance is cancelled', async () => {
    await fc.assert(
      fc.asyncProperty(
        modelArbitrary,
        choicesArbitrary,
        fc.nat(12),
        async (model, choices, cancelAfter) => {
          // given a random model run for a random number of steps
          const { outline, definition } = await compileModel(model);

          // when it is cancelled from outside (unless it ended before)
          const run = runRandomly(definition, outline, { choices, cancelAfter });

          // then it is terminated, or completed if it ended first, and nothing is left open
          const cancelled = run.steps.some((s) => s.command.type === 'cancel');
          expect(run.state.status).toBe(cancelled ? 'terminated' : 'completed');
          expect(run.waits.elementIds()).toEqual([]);
          expect(unbalancedElementInstances(run.history)).toEqual([]);
          const ended = run.steps
            .flatMap((s) => s.effects)
            .filter((e) => e.type === 'instanceEnded');
          expect(ended).toEqual([
            expect.objectContaining({ status: cancelled ? 'terminated' : 'completed' }),
          ]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('closes everything inside an activity when an interrupting boundary event fires on it', async () => {
    let interruptions = 0;
    // Whether a random model fires an interrupting boundary at all is itself random: keep
    // drawing batches until the property has been exercised by at least one interruption.
    for (let batch = 0; interruptions === 0 && batch < 20; batch++) {
      await fc.assert(
        fc.asyncProperty(modelArbitrary, choicesArbitrary, async (model, choices) => {
          // given a random model with its interrupting boundary events
          const { outline, definition } = await compileModel(model);
          const boundaries = interruptingBoundaries(outline.body);

          // when it runs in a random order
          const run = runRandomly(definition, outline, { choices });

          // then right after each interrupting boundary fires, nothing inside its activity is open
          for (const step of run.steps) {
            const activity = step.target === undefined ? undefined : boundaries.get(step.target);
            if (activity === undefined) continue;
            interruptions++;
            expect(step.open.filter((id) => within(outline, id, activity))).toEqual([]);
          }
        }),
        { numRuns: 40 },
      );
    }
    expect(interruptions).toBeGreaterThan(0);
  });

  it('ends the whole instance at a terminate end event, closing every other branch', async () => {
    await fc.assert(
      fc.asyncProperty(modelArbitrary, choicesArbitrary, async (model, choices) => {
        // given a model whose second parallel branch ends in a terminate end event
        const { outline, definition } = await compileModel({ ...model, terminating: true });
        const terminator = outline.terminator!;

        // when it runs in a random order
        const run = runRandomly(definition, outline, { choices });

        // then the step that reaches the terminate end completes the instance and closes every wait state
        const last = run.steps[run.steps.length - 1]!;
        expect(last.target).toBe(terminator.taskId);
        expect(
          last.effects.some(
            (e) =>
              e.type === 'history' &&
              e.event.kind === 'completed' &&
              e.event.elementId === terminator.endId,
          ),
        ).toBe(true);
        expect(run.state.status).toBe('completed');
        expect(last.open).toEqual([]);
        expect(unbalancedElementInstances(run.history)).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });
});
