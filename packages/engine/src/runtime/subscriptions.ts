/** Timer, message and signal subscriptions: opening, closing and re-arming cycles. */
import type { FlowNode } from '../compile/model.js';
import { evaluateExpr } from '../feel/expression.js';
import { armTimer, nextOfCycle, toIso, type Cycle } from '../timers/timer-definition.js';
import type { Subscription } from './state.js';
import type { Step } from './step.js';
import { visibleVariables } from './variables.js';

function addTimer(
  step: Step,
  node: FlowNode,
  ownerId: string | null,
  dueAt: number,
  cycle?: Cycle,
): void {
  const sub: Subscription = {
    id: step.nextId(),
    kind: 'timer',
    elementId: node.id,
    ownerId,
    dueAt: toIso(dueAt),
    ...(cycle ? { cycle } : {}),
  };
  step.writable('subscriptions')[sub.id] = sub;
  step.emit({
    type: 'timerScheduled',
    timer: { id: sub.id, elementId: node.id, dueAt: sub.dueAt as string },
  });
}

/**
 * Opens the subscription an event waits on. FEEL (timer values, correlation keys) is evaluated
 * in the scope of `contextId`. Returns an error message, or null when opened (or nothing to open).
 */
export function openSubscription(
  step: Step,
  node: FlowNode,
  ownerId: string | null,
  contextId: string | null,
): string | null {
  const t = node.trigger;
  switch (t.kind) {
    case 'timer': {
      const armed = armTimer(t.timer, visibleVariables(step, contextId), step.now, step.timeZone);
      if (!armed.ok) return armed.message;
      addTimer(step, node, ownerId, armed.dueAt, armed.cycle);
      return null;
    }
    case 'message': {
      let correlationKey: string | undefined;
      if (t.correlationKey) {
        const key = evaluateExpr(t.correlationKey, visibleVariables(step, contextId), step.now);
        if (!key.ok) return key.message;
        if (key.value === null || typeof key.value === 'object') {
          return `correlation key ${t.correlationKey.source} must be a text or a number, got ${JSON.stringify(key.value)}`;
        }
        correlationKey = String(key.value);
      }
      const sub: Subscription = {
        id: step.nextId(),
        kind: 'message',
        elementId: node.id,
        ownerId,
        name: t.name,
        ...(correlationKey !== undefined ? { correlationKey } : {}),
      };
      step.writable('subscriptions')[sub.id] = sub;
      step.emit({
        type: 'messageSubscribed',
        subscription: {
          id: sub.id,
          elementId: node.id,
          name: t.name,
          ...(correlationKey !== undefined ? { correlationKey } : {}),
        },
      });
      return null;
    }
    case 'signal': {
      const sub: Subscription = {
        id: step.nextId(),
        kind: 'signal',
        elementId: node.id,
        ownerId,
        name: t.name,
      };
      step.writable('subscriptions')[sub.id] = sub;
      step.emit({
        type: 'signalSubscribed',
        subscription: { id: sub.id, elementId: node.id, name: t.name },
      });
      return null;
    }
    case 'none':
    case 'error':
    case 'escalation':
    case 'link':
    case 'compensation':
    case 'terminate':
      return null;
  }
}

export function closeSubscription(step: Step, sub: Subscription): void {
  delete step.writable('subscriptions')[sub.id];
  switch (sub.kind) {
    case 'timer':
      step.emit({ type: 'timerCancelled', timerId: sub.id });
      break;
    case 'message':
      step.emit({ type: 'messageUnsubscribed', subscriptionId: sub.id });
      break;
    case 'signal':
      step.emit({ type: 'signalUnsubscribed', subscriptionId: sub.id });
      break;
  }
}

export function closeSubscriptionsOf(step: Step, ownerId: string | null): void {
  for (const id in step.state.subscriptions) {
    const sub = step.state.subscriptions[id];
    if (sub && sub.ownerId === ownerId) closeSubscription(step, sub);
  }
}

/** A timer cycle fired: schedule its next firing, counted from the due time that just passed. */
export function rearmCycle(step: Step, sub: Subscription): void {
  if (sub.kind !== 'timer' || !sub.cycle || !sub.dueAt) return;
  const next = nextOfCycle(sub.cycle, Date.parse(sub.dueAt), step.timeZone);
  if (next) addTimer(step, step.node(sub.elementId), sub.ownerId, next.dueAt, next.cycle);
}
