/**
 * How many times each element of a generated model must complete in a finished run, given
 * the start variables (baked into the outline) and which boundary events fired.
 */
import { ids } from './model.outline.js';
import type { Activity, ModelOutline, Outline } from './model.outline.js';

/** 'yes' = exactly once, 'no' = never, 'maybe' = at most once (cut short by an interruption). */
export type Reach = 'yes' | 'no' | 'maybe';

export function expectedCompletions(
  model: ModelOutline,
  fired: ReadonlySet<string>,
  terminated: boolean,
): Map<string, Reach> {
  const expected = new Map<string, Reach>();
  const set = (id: string, reach: Reach): void => {
    expected.set(id, reach);
  };
  const when = (reach: Reach, condition: boolean): Reach => (condition ? reach : 'no');

  const visit = (node: Outline, reach: Reach): void => {
    switch (node.kind) {
      case 'userTask':
      case 'timerCatch':
      case 'messageCatch':
      case 'signalCatch':
        return set(node.id, reach);
      case 'sequence':
        return node.items.forEach((item) => visit(item, reach));
      case 'parallel':
        set(node.id, reach);
        set(ids.join(node.id), reach);
        return node.branches.forEach((b) => visit(b, reach));
      case 'exclusive':
        set(node.id, reach);
        set(ids.merge(node.id), reach);
        return node.branches.forEach((b, i) => visit(b, when(reach, i === node.chosen)));
      case 'inclusive':
        set(node.id, reach);
        set(ids.join(node.id), reach);
        return node.branches.forEach((b, i) => visit(b, when(reach, node.taken[i] === true)));
      case 'subProcess':
        return visitActivity(node, reach, false);
      case 'race':
        set(node.id, reach);
        set(ids.merge(node.id), reach);
        for (const branch of node.branches) {
          const won = when(reach, fired.has(branch.eventId));
          set(branch.eventId, won);
          visit(branch.body, won);
        }
        return;
      case 'guarded': {
        const hasFired = fired.has(node.id);
        visitActivity(node.activity, reach, node.interrupting && hasFired);
        set(node.id, when(reach, hasFired));
        visit(node.handler, when(reach, hasFired));
        if (node.interrupting) set(ids.merge(node.id), reach);
        else set(ids.end(node.id), when(reach, hasFired));
        return;
      }
    }
  };
  const visitActivity = (activity: Activity, reach: Reach, interrupted: boolean) => {
    set(activity.id, interrupted ? 'no' : reach);
    if (activity.kind === 'userTask') return;
    const inner: Reach = interrupted ? 'maybe' : reach;
    set(ids.start(activity.id), reach);
    set(ids.end(activity.id), inner);
    visit(activity.body, inner);
  };

  set('Start', 'yes');
  if (model.terminator) {
    set('TerminateFork', 'yes');
    set(model.terminator.taskId, 'yes');
    set(model.terminator.endId, 'yes');
  }
  const bodyReach: Reach = terminated ? 'maybe' : 'yes';
  visit(model.body, bodyReach);
  set('End', bodyReach);
  return expected;
}
