/**
 * Randomly composed, block-structured process models: every split has its matching join, so
 * the number of times each element must complete follows from the tree alone (plus which
 * boundary events fired during the run).
 */
import fc from 'fast-check';

export type Block =
  | { kind: 'userTask' }
  | { kind: 'timerCatch' }
  | { kind: 'messageCatch' }
  | { kind: 'signalCatch' }
  | { kind: 'sequence'; items: Block[] }
  | { kind: 'parallel'; branches: Block[] }
  /** `pick` chooses the branch (modulo the branch count); the last branch is the default flow. */
  | { kind: 'exclusive'; branches: Block[]; pick: number }
  /** `mask` chooses a non-empty subset of branches. */
  | { kind: 'inclusive'; branches: Block[]; mask: number }
  | { kind: 'subProcess'; body: Block }
  /** An event-based gateway: the first of its events to occur wins, the others are cancelled. */
  | { kind: 'race'; branches: { trigger: Trigger; body: Block }[] }
  | {
      kind: 'guarded';
      activity: { kind: 'userTask' } | { kind: 'subProcess'; body: Block };
      trigger: Trigger;
      interrupting: boolean;
      handler: Block;
    };

export type Trigger = 'timer' | 'message' | 'signal';

/** A model: start → body → end, or (terminating) a parallel split whose second branch
 * waits at a user task and then reaches a terminate end event. */
export interface Model {
  body: Block;
  terminating: boolean;
}

const MAX_DEPTH = 3;
const trigger = fc.constantFrom<Trigger>('timer', 'message', 'signal');

export const blockArbitrary: fc.Arbitrary<Block> = fc.letrec<{ block: Block }>((tie) => {
  const block = tie('block');
  const branches = fc.array(block, { minLength: 2, maxLength: 3 });
  return {
    block: fc.oneof(
      { maxDepth: MAX_DEPTH, depthIdentifier: 'block' },
      fc.constant<Block>({ kind: 'userTask' }),
      fc.constant<Block>({ kind: 'timerCatch' }),
      fc.constant<Block>({ kind: 'messageCatch' }),
      fc.constant<Block>({ kind: 'signalCatch' }),
      fc.record({
        kind: fc.constant('sequence' as const),
        items: fc.array(block, { minLength: 2, maxLength: 3 }),
      }),
      fc.record({ kind: fc.constant('parallel' as const), branches }),
      fc.record({ kind: fc.constant('exclusive' as const), branches, pick: fc.nat(5) }),
      fc.record({ kind: fc.constant('inclusive' as const), branches, mask: fc.nat(6) }),
      fc.record({ kind: fc.constant('subProcess' as const), body: block }),
      fc.record({
        kind: fc.constant('race' as const),
        branches: fc.array(fc.record({ trigger, body: block }), { minLength: 2, maxLength: 3 }),
      }),
      fc.record({
        kind: fc.constant('guarded' as const),
        activity: fc.oneof(
          fc.constant({ kind: 'userTask' as const }),
          fc.record({ kind: fc.constant('subProcess' as const), body: block }),
        ),
        trigger,
        interrupting: fc.boolean(),
        handler: block,
      }),
    ),
  };
}).block;

export const modelArbitrary: fc.Arbitrary<Model> = fc.record({
  body: blockArbitrary,
  terminating: fc.boolean(),
});
