import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { modelArbitrary } from './block.model.js';
import { choicesArbitrary, compileModel } from './property.support.js';
import { runRandomly } from './random-run.driver.js';

describe('instance state at every wait state', () => {
  it('is left untouched by a command and behaves identically after a round trip through JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        modelArbitrary,
        choicesArbitrary,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
        async (model, choices, copyAt) => {
          // given one random model and one random completion order
          const { outline, definition } = await compileModel(model);

          // when run A keeps the live state and run B continues on JSON copies at random steps
          const live = runRandomly(definition, outline, { choices, checkInputUnchanged: true });
          const copied = runRandomly(definition, outline, {
            choices,
            copyStateBefore: (step) => copyAt[step % copyAt.length] === true,
          });

          // then no command changed the state it was given, and both runs issue the same commands,
          // get the same effects and end in the same state
          expect(copied.steps).toEqual(live.steps);
          expect(copied.state).toEqual(live.state);
          expect(JSON.parse(JSON.stringify(live.state))).toEqual(live.state);
        },
      ),
      { numRuns: 40 },
    );
  });
});
