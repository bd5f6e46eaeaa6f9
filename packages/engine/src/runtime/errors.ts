/**
 * BPMN errors (business errors, not crashes): caught by the nearest error boundary event or
 * error event sub-process up the scope chain; uncaught ones become an incident at the thrower
 * and an `errorEscalated` effect, so a parent's call activity may still catch them.
 */
import type { FlowNode } from '../compile/model.js';
import { fireBoundary } from '../events/boundary-event.js';
import { triggerEventSubProcess } from '../activities/event-sub-process.js';
import { raiseIncident } from './incidents.js';
import { complete } from './lifecycle.js';
import type { ElementInstance } from './state.js';
import type { Step } from './step.js';

type Catcher =
  | { kind: 'boundary'; host: ElementInstance; node: FlowNode }
  | { kind: 'eventSubProcess'; scopeId: string | null; node: FlowNode; start: FlowNode };

function matches(node: FlowNode, code: string): 0 | 1 | 2 {
  if (node.trigger.kind !== 'error') return 0;
  if (node.trigger.code === code) return 2;
  return node.trigger.code === null ? 1 : 0;
}

function best(candidates: FlowNode[], code: string): FlowNode | undefined {
  return (
    candidates.find((n) => matches(n, code) === 2) ?? candidates.find((n) => matches(n, code) === 1)
  );
}

function eventSubProcessCatcher(
  step: Step,
  ids: string[],
  scopeId: string | null,
  code: string,
): Catcher | null {
  const starts = ids.map((id) => step.node(step.node(id).eventStartId ?? id));
  const start = best(starts, code);
  if (!start?.scopeId) return null;
  return { kind: 'eventSubProcess', scopeId, node: step.node(start.scopeId), start };
}

export function findCatcher(step: Step, thrower: ElementInstance, code: string): Catcher | null {
  for (let el: ElementInstance | undefined = thrower; el; el = step.element(el.parentId)) {
    const node = step.node(el.elementId);
    if (node.kind === 'subProcess' && !el.body && el !== thrower) {
      const caught = eventSubProcessCatcher(step, node.eventSubProcessIds ?? [], el.id, code);
      if (caught) return caught;
    }
    if (el.loopIndex === undefined) {
      const boundary = best(
        node.boundaryIds.map((id) => step.node(id)),
        code,
      );
      if (boundary) return { kind: 'boundary', host: el, node: boundary };
    }
  }
  return eventSubProcessCatcher(step, step.process.eventSubProcessIds, null, code);
}

/**
 * Throws from `thrower`. An error end event (`isEndEvent`) completes before the catch;
 * a task stays with an incident when nothing catches.
 */
export function throwBpmnError(
  step: Step,
  thrower: ElementInstance,
  code: string,
  message: string | undefined,
  isEndEvent: boolean,
): void {
  const catcher = findCatcher(step, thrower, code);
  if (!catcher) {
    raiseIncident(
      step,
      thrower,
      `error '${code}'${message ? ` (${message})` : ''} was thrown but no boundary event or event sub-process catches it`,
      'activate',
    );
    step.emit({ type: 'errorEscalated', errorCode: code, ...(message ? { message } : {}) });
    return;
  }
  if (isEndEvent) {
    complete(step, thrower.id);
    if (step.element(thrower.id)) return;
  }
  if (catcher.kind === 'boundary') fireBoundary(step, catcher.host, catcher.node);
  else triggerEventSubProcess(step, catcher.scopeId, catcher.node, catcher.start);
}
