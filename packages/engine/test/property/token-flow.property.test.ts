import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { modelArbitrary } from './block.model.js';
import { expectedCompletions } from './completion.oracle.js';
import {
  choicesArbitrary,
  compileModel,
  completionCounts,
  unbalancedElementInstances,
} from './property.support.js';
import { runRandomly } from './random-run.driver.js';

describe('token flow on randomly composed block-structured models', () => {
  it('completes every run, each element as often as its path demands, nothing left open', async () => {
    await fc.assert(
      fc.asyncProperty(modelArbitrary, choicesArbitrary, async (model, choices) => {
        // given a random model, its start variables choosing the gateway branches
        const { outline, definition } = await compileModel(model);

        // when every open wait state is completed in a random order until the instance ends
        const run = runRandomly(definition, outline, { choices });

        // then the instance completed exactly once and holds nothing open
        expect(run.state.status).toBe('completed');
        const ended = run.steps.flatMap((s) => s.effects).filter((e) => e.type === 'instanceEnded');
        expect(ended).toEqual([expect.objectContaining({ status: 'completed' })]);
        expect(run.waits.elementIds()).toEqual([]);
        expect(run.state.elements).toEqual({});
        expect(run.state.subscriptions).toEqual({});
        expect(unbalancedElementInstances(run.history)).toEqual([]);

        // and no token was lost or duplicated at any gateway, join or end event
        const counts = completionCounts(run.history);
        const expected = expectedCompletions(outline, run.fired, outline.terminator !== undefined);
        for (const [elementId, reach] of expected) {
          const count = counts.get(elementId) ?? 0;
          if (reach === 'maybe') expect(count, elementId).toBeLessThanOrEqual(1);
          else expect(count, elementId).toBe(reach === 'yes' ? 1 : 0);
        }
        expect([...counts.keys()].filter((id) => !expected.has(id))).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });
});
