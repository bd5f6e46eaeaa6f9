/**
 * For each joining inclusive gateway: the nodes of its scope from which a token can still
 * reach it. A token waiting at the join is released once no live token sits on any of these.
 */
import type { FlowNode } from './model.js';

export function computeUpstream(nodes: ReadonlyMap<string, FlowNode>): void {
  const incomingSources = new Map<string, string[]>();
  for (const node of nodes.values()) {
    for (const flow of node.outgoing) {
      const list = incomingSources.get(flow.targetId) ?? [];
      list.push(node.id);
      incomingSources.set(flow.targetId, list);
    }
  }
  for (const gateway of nodes.values()) {
    if (gateway.kind !== 'inclusiveGateway' || gateway.incoming.length < 2) continue;
    const seen = new Set<string>();
    const stack = [...(incomingSources.get(gateway.id) ?? [])];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (id === gateway.id || seen.has(id)) continue;
      seen.add(id);
      stack.push(...(incomingSources.get(id) ?? []));
      const node = nodes.get(id);
      if (node?.kind === 'boundaryEvent' && node.attachedToId) stack.push(node.attachedToId);
    }
    gateway.upstream = seen;
  }
}
