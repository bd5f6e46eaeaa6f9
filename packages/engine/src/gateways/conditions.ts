/** Outgoing-flow conditions of exclusive and inclusive gateways. */
import type { Flow, FlowNode } from '../compile/model.js';
import { evaluateExpr } from '../feel/expression.js';
import { raiseIncident } from '../runtime/incidents.js';
import type { ElementInstance } from '../runtime/state.js';
import type { Step } from '../runtime/step.js';
import { visibleVariables } from '../runtime/variables.js';

/**
 * The flows to take: the first (exclusive) or every (inclusive) flow whose condition is true,
 * else the default flow. Raises an incident and returns null when none applies or a condition fails.
 */
export function chooseFlows(
  step: Step,
  el: ElementInstance,
  node: FlowNode,
  firstOnly: boolean,
): Flow[] | null {
  if (node.outgoing.length === 1 && !node.outgoing[0]?.condition) return node.outgoing;
  const variables = visibleVariables(step, el.id);
  const chosen: Flow[] = [];
  for (const flow of node.outgoing) {
    if (flow.id === node.defaultFlowId) continue;
    if (!flow.condition) {
      chosen.push(flow);
    } else {
      const result = evaluateExpr(flow.condition, variables, step.now);
      if (!result.ok) {
        raiseIncident(
          step,
          el,
          `condition of flow '${flow.id}' failed: ${result.message}`,
          'activate',
        );
        return null;
      }
      if (result.value !== true && result.value !== false && result.value !== null) {
        raiseIncident(
          step,
          el,
          `condition of flow '${flow.id}' (${flow.condition.source}) gave ${JSON.stringify(result.value)}, not true or false`,
          'activate',
        );
        return null;
      }
      if (result.value === true) chosen.push(flow);
    }
    if (firstOnly && chosen.length > 0) return chosen;
  }
  if (chosen.length > 0) return chosen;
  const fallback = node.outgoing.find((f) => f.id === node.defaultFlowId);
  if (fallback) return [fallback];
  if (node.outgoing.length === 0) return [];
  raiseIncident(
    step,
    el,
    'no outgoing sequence flow condition is true and there is no default flow',
    'activate',
  );
  return null;
}
