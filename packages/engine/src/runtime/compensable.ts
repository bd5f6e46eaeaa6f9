/** The completed activities compensation may still undo (kept in the instance state). */
import type { ElementInstance } from './state.js';
import type { Step } from './step.js';

/** Records a completed activity that has a compensation handler. */
export function recordCompensable(step: Step, el: ElementInstance): void {
  const scopes: string[] = [];
  for (let scope = step.element(el.parentId); scope; scope = step.element(scope.parentId))
    scopes.push(scope.id);
  step.state.compensable = [...(step.state.compensable ?? []), { elementId: el.elementId, scopes }];
}
