/**
 * BPMN errors (business errors, not crashes): caught by the nearest error boundary event or
 * error event sub-process up the scope chain; uncaught ones become an incident at the thrower
 * and an `errorEscalated` effect, so a parent's call activity may still catch them.
 */
import { fireBoundary } from '../events/boundary-event.js';
import { triggerEventSubProcess } from '../activities/event-sub-process.js';
import { findCatcher } from './catchers.js';
import { raiseIncident } from './incidents.js';
import { complete } from './lifecycle.js';
import type { ElementInstance } from './state.js';
import type { Step } from './step.js';

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
  const catcher = findCatcher(step, thrower, 'error', code);
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
