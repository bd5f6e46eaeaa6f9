/**
 * Who catches a BPMN error or escalation: the nearest boundary event or event sub-process up
 * the scope chain whose code matches (one with the exact code before one that catches all).
 */
import type { FlowNode } from '../compile/model.js';
import type { ElementInstance } from './state.js';
import type { Step } from './step.js';

export type Catcher =
  | { kind: 'boundary'; host: ElementInstance; node: FlowNode }
  | { kind: 'eventSubProcess'; scopeId: string | null; node: FlowNode; start: FlowNode };

export type Thrown = 'error' | 'escalation';

function matches(node: FlowNode, kind: Thrown, code: string): 0 | 1 | 2 {
  const t = node.trigger;
  if (t.kind !== kind) return 0;
  if (t.code === code) return 2;
  return t.code === null ? 1 : 0;
}

function best(candidates: FlowNode[], kind: Thrown, code: string): FlowNode | undefined {
  return (
    candidates.find((n) => matches(n, kind, code) === 2) ??
    candidates.find((n) => matches(n, kind, code) === 1)
  );
}

function eventSubProcessCatcher(
  step: Step,
  ids: string[],
  scopeId: string | null,
  kind: Thrown,
  code: string,
): Catcher | null {
  const starts = ids.map((id) => step.node(step.node(id).eventStartId ?? id));
  const start = best(starts, kind, code);
  if (!start?.scopeId) return null;
  return { kind: 'eventSubProcess', scopeId, node: step.node(start.scopeId), start };
}

export function findCatcher(
  step: Step,
  thrower: ElementInstance,
  kind: Thrown,
  code: string,
): Catcher | null {
  for (let el: ElementInstance | undefined = thrower; el; el = step.element(el.parentId)) {
    const node = step.node(el.elementId);
    if (node.kind === 'subProcess' && !el.body && el !== thrower) {
      const ids = node.eventSubProcessIds ?? [];
      const caught = eventSubProcessCatcher(step, ids, el.id, kind, code);
      if (caught) return caught;
    }
    if (el.loopIndex === undefined) {
      const boundary = best(
        node.boundaryIds.map((id) => step.node(id)),
        kind,
        code,
      );
      if (boundary) return { kind: 'boundary', host: el, node: boundary };
    }
  }
  return eventSubProcessCatcher(step, step.process.eventSubProcessIds, null, kind, code);
}
