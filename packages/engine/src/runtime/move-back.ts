/**
 * Where a token may be sent back (退回): to a user task it could have come from, in its own
 * scope, and not into a parallel branch that has already joined. The plan says which element
 * instances go (every token of the scope the target leads to) and where the target starts.
 */
import type { InstanceStateBase } from '../contract.js';
import type { CompiledDefinition, CompiledProcess, FlowNode } from '../compile/model.js';
import type { ElementInstance, EngineState } from './state.js';

export type MoveBackProblem =
  'notFound' | 'notUserTask' | 'multiInstance' | 'otherScope' | 'notUpstream' | 'joinedBranch';

export type MoveBackPlan =
  | { ok: true; cancel: string[]; parentId: string | null }
  | { ok: false; problem: MoveBackProblem; message: string };

const SPLITTING = new Set(['parallelGateway', 'inclusiveGateway']);
/** Parallel depth is tracked this far; deeper nesting counts as this deep. */
const MAX_DEPTH = 8;

/**
 * Plans moving the token of element instance `fromId` back to user task `targetId`. Walking the
 * flows backwards from the token, a parallel/inclusive join entered counts one level deeper and
 * a split left one level out: the target must be reached at the token's level or outside it
 * (then the sibling branches go too), never inside a block the token has already left.
 */
export function planMoveBack(
  def: CompiledDefinition,
  opaque: InstanceStateBase,
  fromId: string,
  targetId: string,
): MoveBackPlan {
  const state = opaque as EngineState;
  const process = def.processes.get(state.processId);
  const from = state.elements[fromId];
  const target = process?.nodes.get(targetId);
  if (!process || !from || !target) {
    return refuse('notFound', `no element instance '${fromId}' or element '${targetId}'`);
  }
  if (target.kind !== 'userTask') return refuse('notUserTask', `'${targetId}' is not a user task`);
  if (target.multiInstance) {
    return refuse('multiInstance', `'${targetId}' is a multi-instance task`);
  }
  const token = tokenOf(state, from);
  const node = process.nodes.get(token.elementId);
  if (!node || node.scopeId !== target.scopeId) {
    return refuse('otherScope', `'${targetId}' is not in the scope of '${from.elementId}'`);
  }
  const reach = reachBackwards(process, node, targetId);
  if (reach === 'none') {
    return refuse('notUpstream', `'${targetId}' is not on a path leading to '${node.id}'`);
  }
  if (reach === 'inside') {
    return refuse('joinedBranch', `'${targetId}' lies in a parallel branch that has joined`);
  }
  const downstream = reachForwards(process, target);
  const cancel = Object.values(state.elements)
    .filter((el) => el.parentId === token.parentId && downstream.has(el.elementId))
    .map((el) => el.id);
  return { ok: true, cancel, parentId: token.parentId };
}

function refuse(problem: MoveBackProblem, message: string): MoveBackPlan {
  return { ok: false, problem, message };
}

/** The token a task instance stands for: its multi-instance body when it is an inner instance. */
function tokenOf(state: EngineState, el: ElementInstance): ElementInstance {
  if (el.loopIndex === undefined || !el.parentId) return el;
  return state.elements[el.parentId] ?? el;
}

function sourcesOf(process: CompiledProcess): Map<string, string> {
  const sources = new Map<string, string>();
  for (const n of process.nodes.values()) for (const f of n.outgoing) sources.set(f.id, f.sourceId);
  return sources;
}

function predecessors(process: CompiledProcess, sources: Map<string, string>, n: FlowNode) {
  const out = n.incoming.flatMap((flowId) => sources.get(flowId) ?? []);
  if (n.kind === 'boundaryEvent' && n.attachedToId) out.push(n.attachedToId);
  return out.flatMap((id) => process.nodes.get(id) ?? []);
}

/** Whether `targetId` is upstream of `start`: at the token's level or outside, only inside, or not. */
function reachBackwards(
  process: CompiledProcess,
  start: FlowNode,
  targetId: string,
): 'level' | 'inside' | 'none' {
  const sources = sourcesOf(process);
  const seen = new Set<string>();
  const queue: { node: FlowNode; depth: number }[] = [{ node: start, depth: 0 }];
  let inside = false;
  for (let item = queue.shift(); item; item = queue.shift()) {
    for (const prev of predecessors(process, sources, item.node)) {
      let depth = item.depth;
      if (SPLITTING.has(prev.kind) && prev.incoming.length > 1) depth += 1;
      if (SPLITTING.has(prev.kind) && prev.outgoing.length > 1) depth -= 1;
      depth = Math.max(-MAX_DEPTH, Math.min(MAX_DEPTH, depth));
      if (prev.id === targetId) {
        if (depth <= 0) return 'level';
        inside = true;
      }
      const key = `${prev.id}@${depth}`;
      if (seen.has(key)) continue;
      seen.add(key);
      queue.push({ node: prev, depth });
    }
  }
  return inside ? 'inside' : 'none';
}

/** Every element of the scope a token at `from` can still reach (boundary paths included). */
function reachForwards(process: CompiledProcess, from: FlowNode): Set<string> {
  const seen = new Set<string>([from.id]);
  const queue = [from];
  for (let n = queue.shift(); n; n = queue.shift()) {
    const next = [...n.outgoing.map((f) => f.targetId), ...n.boundaryIds];
    for (const id of next) {
      const node = process.nodes.get(id);
      if (!node || seen.has(id)) continue;
      seen.add(id);
      queue.push(node);
    }
  }
  return seen;
}
