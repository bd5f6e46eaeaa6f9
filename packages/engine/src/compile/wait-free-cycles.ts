/**
 * Loops a token can run around without ever waiting: no user task, job, call, receive task,
 * timer/message/signal catch event or event-based gateway on the way. They pass validation
 * (the loop may be left by a condition) but, if it never is, the engine stops the step after
 * its activation allowance; validation warns about them up front.
 */
import { DEFAULT_MAX_ACTIVATIONS } from '../runtime/step.js';
import type { FlowNode } from './model.js';
import { isWaitingTrigger } from './structure-checks.js';
import type { Problems } from './problems.js';

const WAITING_KINDS = new Set<FlowNode['kind']>([
  'userTask',
  'receiveTask',
  'callActivity',
  'eventBasedGateway',
]);

function waitsItself(node: FlowNode): boolean {
  if (WAITING_KINDS.has(node.kind) || node.job !== undefined || node.listeners) return true;
  return node.kind === 'intermediateCatchEvent' && isWaitingTrigger(node.trigger);
}

/** Node ids that make a token wait: waiting elements and the sub-processes holding one. */
function waitingNodes(nodes: ReadonlyMap<string, FlowNode>): Set<string> {
  const waiting = new Set<string>();
  for (const node of nodes.values()) {
    if (!waitsItself(node)) continue;
    for (let id: string | null = node.id; id !== null; id = nodes.get(id)?.scopeId ?? null) {
      waiting.add(id);
    }
  }
  return waiting;
}

/** Strongly connected components of the sequence-flow graph (Tarjan), in discovery order. */
function loops(nodes: ReadonlyMap<string, FlowNode>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (id: string): void => {
    index.set(id, index.size);
    low.set(id, index.get(id) as number);
    stack.push(id);
    onStack.add(id);
    for (const flow of nodes.get(id)?.outgoing ?? []) {
      const next = flow.targetId;
      if (!nodes.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(id, Math.min(low.get(id) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(id, Math.min(low.get(id) as number, index.get(next) as number));
      }
    }
    if (low.get(id) !== index.get(id)) return;
    const component: string[] = [];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      onStack.delete(top);
      component.push(top);
      if (top === id) break;
    }
    const selfLoop = nodes.get(id)?.outgoing.some((f) => f.targetId === id) ?? false;
    if (component.length > 1 || selfLoop) found.push(component);
  };
  for (const id of nodes.keys()) if (!index.has(id)) visit(id);
  return found;
}

export function warnWaitFreeLoops(nodes: ReadonlyMap<string, FlowNode>, warnings: Problems): void {
  const waiting = waitingNodes(nodes);
  const order = [...nodes.keys()];
  for (const loop of loops(nodes)) {
    if (loop.some((id) => waiting.has(id))) continue;
    const ids = [...loop].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    warnings.add(
      ids[0] ?? null,
      `the loop through ${ids.map((id) => `'${id}'`).join(', ')} has no wait state ` +
        '(user task, job, call activity, timer, message or signal catch): if its condition never ' +
        'lets the token out, the engine stops it with an incident once one step has activated ' +
        `${DEFAULT_MAX_ACTIVATIONS.toLocaleString('en')} elements (the default allowance)`,
    );
  }
}
