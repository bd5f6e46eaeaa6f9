/** Sequence flows, default flows and boundary attachments, with their dangling references. */
import type { ModdleElement } from 'bpmn-moddle';
import type { FlowNode } from './model.js';
import { body, child, str } from './moddle-access.js';
import { checkedFeel } from './checked-expression.js';
import type { NodeSink } from './flow-nodes.js';

export function linkFlows(sink: NodeSink): void {
  const { nodes, problems, reported } = sink;
  for (const { el, scopeId } of sink.flows) {
    const id = el.id ?? '';
    const source = child(el, 'sourceRef')?.id;
    const target = child(el, 'targetRef')?.id;
    if (!source && !reported.has(`${id}:sourceRef`))
      problems.add(id, 'the sequence flow has no source');
    if (!target && !reported.has(`${id}:targetRef`))
      problems.add(id, 'the sequence flow has no target');
    const from = source ? nodes.get(source) : undefined;
    const to = target ? nodes.get(target) : undefined;
    if (!from || !to) {
      const refused = sink.refused.elements;
      if (source && target && (refused.has(source) || refused.has(target)))
        sink.refused.flows.set(id, source);
      continue;
    }
    if (from.scopeId !== scopeId || to.scopeId !== scopeId) {
      problems.add(id, 'the sequence flow crosses a sub-process border');
      continue;
    }
    const text = body(child(el, 'conditionExpression'));
    from.outgoing.push({
      id,
      sourceId: from.id,
      targetId: to.id,
      ...(text ? { condition: checkedFeel(text, id, 'condition', problems) } : {}),
    });
    to.incoming.push(id);
  }
}

export function linkDefaults(elements: Map<string, ModdleElement>, sink: NodeSink): void {
  for (const node of sink.nodes.values()) {
    const el = elements.get(node.id);
    const fallback = child(el, 'default')?.id;
    if (!fallback || sink.refused.flows.has(fallback)) continue;
    if (!node.outgoing.some((f) => f.id === fallback)) {
      sink.problems.add(node.id, `the default flow '${fallback}' does not leave this element`);
    } else {
      node.defaultFlowId = fallback;
    }
  }
}

export function linkBoundaries(sink: NodeSink): void {
  for (const node of sink.nodes.values()) {
    if (node.kind !== 'boundaryEvent') continue;
    const host: FlowNode | undefined = node.attachedToId
      ? sink.nodes.get(node.attachedToId)
      : undefined;
    if (!host) {
      const refusedHost = node.attachedToId && sink.refused.elements.has(node.attachedToId);
      if (!refusedHost && !sink.reported.has(`${node.id}:attachedToRef`)) {
        sink.problems.add(node.id, 'the boundary event is not attached to any activity');
      }
      continue;
    }
    host.boundaryIds.push(node.id);
    if (node.trigger.kind === 'compensation') linkCompensationHandler(sink, node, host);
  }
}

/** A compensation boundary event's association names its host's compensation handler. */
function linkCompensationHandler(sink: NodeSink, boundary: FlowNode, host: FlowNode): void {
  const handlerId = sink.associations.get(boundary.id);
  const handler = handlerId ? sink.nodes.get(handlerId) : undefined;
  if (!handler?.forCompensation) {
    sink.problems.add(
      boundary.id,
      'the compensation boundary event is not associated with a compensation handler (an activity marked for compensation)',
    );
    return;
  }
  host.compensationHandlerId = handler.id;
}

/** Moddle elements by id, for properties read after the nodes exist. */
export function indexElements(container: ModdleElement, into: Map<string, ModdleElement>): void {
  const list = container['flowElements'];
  if (!Array.isArray(list)) return;
  for (const el of list as ModdleElement[]) {
    if (el.id) into.set(el.id, el);
    if (str(el, '$type') === 'bpmn:SubProcess' || str(el, '$type') === 'bpmn:AdHocSubProcess')
      indexElements(el, into);
  }
}

/**
 * Link events: each throw link passes its token to the catch link of the same name in its
 * scope, as if a sequence flow joined them (so joins, loops and reachability see the jump).
 */
export function linkLinkEvents(sink: NodeSink): void {
  const catches = new Map<string, FlowNode>();
  const linked = (node: FlowNode) => (node.trigger.kind === 'link' ? node.trigger.name : null);
  for (const node of sink.nodes.values()) {
    const name = linked(node);
    if (name === null || node.kind !== 'intermediateCatchEvent') continue;
    const key = `${node.scopeId ?? ''}\n${name}`;
    if (catches.has(key))
      sink.problems.add(node.id, `another link catch event in this scope is named '${name}'`);
    else catches.set(key, node);
  }
  for (const node of sink.nodes.values()) {
    const name = linked(node);
    if (name === null || node.kind !== 'intermediateThrowEvent') continue;
    const target = catches.get(`${node.scopeId ?? ''}\n${name}`);
    if (!target) {
      sink.problems.add(node.id, `no link catch event in this scope is named '${name}'`);
      continue;
    }
    const id = `${node.id}→${target.id}`;
    node.outgoing.push({ id, sourceId: node.id, targetId: target.id });
    target.incoming.push(id);
  }
}
