/**
 * Multi-instance activities: a body element instance holds the counters and results; inner
 * instances (parallel or one after another) each get the item and `loopCounter` as locals.
 */
import type { JsonValue, Variables } from '../contract.js';
import type { FlowNode } from '../compile/model.js';
import { evaluateExpr } from '../feel/expression.js';
import { EngineCommandError } from '../runtime/command-error.js';
import { raiseIncident } from '../runtime/incidents.js';
import {
  admitActivation,
  createAndActivate,
  leave,
  openBoundaries,
  terminate,
} from '../runtime/lifecycle.js';
import type { ElementInstance, MultiInstanceBody } from '../runtime/state.js';
import type { Step } from '../runtime/step.js';
import { closeSubscriptionsOf } from '../runtime/subscriptions.js';
import { setVariable, visibleVariables } from '../runtime/variables.js';

const BODY = 'multiInstanceBody';

export function enterMultiInstance(step: Step, node: FlowNode, parentId: string | null): void {
  const body = step.put({
    id: step.nextId(),
    elementId: node.id,
    parentId,
    body: { items: [], total: 0, active: 0, completed: 0, next: 0 },
  });
  step.history('activated', body, BODY);
  startBody(step, body.id);
}

function collection(step: Step, body: ElementInstance, node: FlowNode): JsonValue[] | string {
  const mi = node.multiInstance;
  const variables = visibleVariables(step, body.parentId);
  if (mi?.inputCollection) {
    const items = evaluateExpr(mi.inputCollection, variables, step.now);
    if (!items.ok) return items.message;
    if (!Array.isArray(items.value)) {
      return `input collection ${mi.inputCollection.source} is not a list (got ${JSON.stringify(items.value)})`;
    }
    return items.value;
  }
  if (mi?.loopCardinality) {
    const count = evaluateExpr(mi.loopCardinality, variables, step.now);
    if (!count.ok) return count.message;
    const n = Number(count.value);
    if (!Number.isInteger(n) || n < 0)
      return `loop cardinality ${mi.loopCardinality.source} is not a whole number`;
    return Array.from({ length: n }, (_, i) => i + 1);
  }
  return 'the multi-instance activity has no input collection';
}

/** Also the retry of an incident on the body. */
export function startBody(step: Step, bodyId: string): void {
  const body = step.element(bodyId);
  if (!body?.body || !admitActivation(step, body)) return;
  const node = step.node(body.elementId);
  if (!openBoundaries(step, body, node)) return;
  const items = collection(step, body, node);
  if (typeof items === 'string') {
    raiseIncident(step, body, items, 'activate');
    return;
  }
  const mi = node.multiInstance;
  const state: MultiInstanceBody = {
    items: mi?.sequential ? items : [],
    total: items.length,
    active: 0,
    completed: 0,
    next: 0,
    ...(mi?.outputCollection ? { results: items.map(() => null) } : {}),
  };
  step.update(bodyId, { body: state });
  if (items.length === 0) {
    completeBody(step, bodyId);
    return;
  }
  if (mi?.sequential) startInner(step, bodyId, node, 0, items[0] ?? null);
  else items.forEach((item, i) => startInner(step, bodyId, node, i, item));
}

function startInner(
  step: Step,
  bodyId: string,
  node: FlowNode,
  index: number,
  item: JsonValue,
): void {
  const body = step.element(bodyId);
  if (!body?.body) return;
  step.update(bodyId, { body: { ...body.body, active: body.body.active + 1, next: index + 1 } });
  const variables: Variables = { loopCounter: index + 1 };
  const inputElement = node.multiInstance?.inputElement;
  if (inputElement) variables[inputElement] = item;
  createAndActivate(step, node, bodyId, { variables, loopIndex: index });
}

/** An inner instance completed; `scope` is what it saw (its item, its outputs). */
export function innerCompleted(step: Step, inner: ElementInstance, scope: Variables): void {
  const body = step.element(inner.parentId);
  if (!body?.body) return;
  const node = step.node(body.elementId);
  const mi = node.multiInstance;
  const state: MultiInstanceBody = {
    ...body.body,
    active: body.body.active - 1,
    completed: body.body.completed + 1,
  };
  if (mi?.outputElement && state.results) {
    const value = evaluateExpr(mi.outputElement, scope, step.now);
    state.results = state.results.slice();
    state.results[inner.loopIndex ?? 0] = value.ok ? value.value : null;
  }
  step.update(body.id, { body: state });
  if (mi?.completionCondition) {
    // As in Zeebe, the output collection so far is visible to the condition (votes counted).
    const done = evaluateExpr(
      mi.completionCondition,
      {
        ...scope,
        ...(mi.outputCollection ? { [mi.outputCollection]: resultsOf(state) } : {}),
        numberOfInstances: state.total,
        numberOfActiveInstances: state.active,
        numberOfCompletedInstances: state.completed,
      },
      step.now,
    );
    if (!done.ok) {
      raiseIncident(step, body, `completion condition: ${done.message}`, 'activate');
      return;
    }
    if (done.value === true) {
      for (const child of step.childrenOf(body.id)) terminate(step, child.id);
      completeBody(step, body.id);
      return;
    }
  }
  if (mi?.sequential && state.next < state.total) {
    startInner(step, body.id, node, state.next, state.items[state.next] ?? null);
  } else if (state.active === 0 && state.next >= state.total) {
    completeBody(step, body.id);
  }
}

/** The results of the inner instances, without those cancelled. */
function resultsOf(state: MultiInstanceBody): JsonValue[] {
  const removed = new Set(state.removed ?? []);
  return (state.results ?? []).filter((_, i) => !removed.has(i));
}

/** A parallel body a command may change: else the command is invalid. */
function parallelBody(step: Step, bodyId: string): { body: ElementInstance; node: FlowNode } {
  const body = step.element(bodyId);
  if (!body?.body) {
    throw new EngineCommandError('NOT_FOUND', `no multi-instance body '${bodyId}'`);
  }
  const node = step.node(body.elementId);
  if (node.multiInstance?.sequential) {
    throw new EngineCommandError('INVALID', `'${node.id}' is a sequential multi-instance`);
  }
  return { body, node };
}

/** Starts one more inner instance of a running parallel body, with `item` as its element. */
export function addInnerInstance(step: Step, bodyId: string, item: JsonValue): void {
  const { body, node } = parallelBody(step, bodyId);
  const state = body.body!;
  const index = state.next;
  step.update(bodyId, {
    body: {
      ...state,
      total: state.total + 1,
      ...(state.results ? { results: [...state.results, null] } : {}),
    },
  });
  startInner(step, bodyId, node, index, item);
}

/** Cancels one open inner instance of a parallel body; it no longer counts. */
export function cancelInnerInstance(step: Step, innerId: string): void {
  const inner = step.element(innerId);
  if (inner?.loopIndex === undefined || !inner.parentId) {
    throw new EngineCommandError('NOT_FOUND', `no inner instance '${innerId}'`);
  }
  const { body } = parallelBody(step, inner.parentId);
  terminate(step, inner.id);
  const state = body.body!;
  step.update(body.id, {
    body: {
      ...state,
      total: state.total - 1,
      active: state.active - 1,
      removed: [...(state.removed ?? []), inner.loopIndex],
    },
  });
  if (state.active - 1 === 0 && state.next >= state.total - 1) completeBody(step, body.id);
}

/**
 * Starts the completed inner instance `loopIndex` of a running parallel body again: it no longer
 * counts as completed and its result is cleared until it completes anew.
 */
export function reopenInnerInstance(
  step: Step,
  bodyId: string,
  loopIndex: number,
  item: JsonValue,
): void {
  const { body, node } = parallelBody(step, bodyId);
  const state = body.body!;
  const running = step.childrenOf(bodyId).some((child) => child.loopIndex === loopIndex);
  if (
    !Number.isInteger(loopIndex) ||
    loopIndex < 0 ||
    loopIndex >= state.next ||
    running ||
    (state.removed ?? []).includes(loopIndex)
  ) {
    throw new EngineCommandError(
      'INVALID',
      `inner instance ${loopIndex} of '${bodyId}' has not completed`,
    );
  }
  const results = state.results?.slice();
  if (results) results[loopIndex] = null;
  step.update(bodyId, {
    body: {
      ...state,
      active: state.active + 1,
      completed: state.completed - 1,
      ...(results ? { results } : {}),
    },
  });
  const variables: Variables = { loopCounter: loopIndex + 1 };
  const inputElement = node.multiInstance?.inputElement;
  if (inputElement) variables[inputElement] = item;
  createAndActivate(step, node, bodyId, { variables, loopIndex });
}

function completeBody(step: Step, bodyId: string): void {
  const body = step.element(bodyId);
  if (!body?.body) return;
  const node = step.node(body.elementId);
  const name = node.multiInstance?.outputCollection;
  if (name) setVariable(step, body.parentId, name, resultsOf(body.body));
  closeSubscriptionsOf(step, body.id);
  step.remove(body.id);
  step.history('completed', body, BODY);
  leave(step, node, body.parentId);
}
