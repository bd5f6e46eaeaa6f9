/**
 * Escalations: an escalation throw (intermediate or end event) is caught by the nearest
 * escalation boundary event or event sub-process up the scope chain. An interrupting catch ends
 * the scope it belongs to, the thrower with it; a non-interrupting one starts beside it and the
 * thrower goes on. An escalation nothing catches is no failure: the thrower goes on, as in Zeebe,
 * and `escalationUncaught` hands it to the call activity of a parent instance, if any.
 */
import { triggerEventSubProcess } from '../activities/event-sub-process.js';
import { fireBoundary } from '../events/boundary-event.js';
import { findCatcher } from './catchers.js';
import { complete } from './lifecycle.js';
import type { ElementInstance } from './state.js';
import type { Step } from './step.js';

/**
 * Catches at the nearest catcher from `from` up (a thrower, or a call activity whose called
 * process did not catch it); false, with the effect, when none does.
 */
export function escalate(step: Step, from: ElementInstance, code: string): boolean {
  const catcher = findCatcher(step, from, 'escalation', code);
  if (catcher?.kind === 'boundary') fireBoundary(step, catcher.host, catcher.node);
  else if (catcher) triggerEventSubProcess(step, catcher.scopeId, catcher.node, catcher.start);
  else step.emit({ type: 'escalationUncaught', escalationCode: code });
  return catcher !== null;
}

export function throwEscalation(step: Step, thrower: ElementInstance, code: string): void {
  escalate(step, thrower, code);
  if (step.element(thrower.id)) complete(step, thrower.id);
}
