/** Ad-hoc sub-processes: their completion condition, checked whenever an inner element ends. */
import type { FlowNode } from '../compile/model.js';
import { evaluateExpr } from '../feel/expression.js';
import { raiseIncident } from './incidents.js';
import { terminate } from './lifecycle.js';
import type { ElementInstance } from './state.js';
import type { Step } from './step.js';
import { visibleVariables } from './variables.js';

/**
 * Checks the completion condition of an ad-hoc sub-process one of whose inner elements ended.
 * When it holds, the inner elements still active are terminated (unless cancelRemainingInstances
 * is false). Either way the sub-process completes once no inner element is left, as in Zeebe;
 * false only when the condition failed (an incident).
 */
export function adHocDone(step: Step, el: ElementInstance, node: FlowNode): boolean {
  const condition = node.adHoc?.completionCondition;
  if (!condition) return true;
  const result = evaluateExpr(condition, visibleVariables(step, el.id), step.now);
  if (!result.ok) {
    raiseIncident(step, el, `completion condition: ${result.message}`, 'activate');
    return false;
  }
  if (result.value !== true) return true;
  if (node.adHoc?.cancelRemaining !== false) {
    for (const child of step.childrenOf(el.id)) terminate(step, child.id);
  }
  return true;
}
