/** Incidents: the token stops at the element; resolving retries the step that failed. */
import type { Variables } from '../contract.js';
import { EngineCommandError } from './command-error.js';
import type { ElementInstance, Incident } from './state.js';
import type { Step } from './step.js';

export function raiseIncident(
  step: Step,
  el: ElementInstance,
  message: string,
  retry: Incident['retry'],
  variables?: Variables,
): void {
  const incident: Incident = {
    id: step.nextId(),
    elementId: el.elementId,
    elementInstanceId: el.id,
    message,
    retry,
    ...(variables ? { variables } : {}),
  };
  step.writable('incidents')[incident.id] = incident;
  step.update(el.id, { incidentId: incident.id });
  step.emit({
    type: 'incidentRaised',
    incident: { id: incident.id, elementId: el.elementId, message },
  });
  step.history('incident', el, el.body ? 'multiInstanceBody' : undefined);
}

/** Removes the incident; the caller re-runs what it names. */
export function takeIncident(step: Step, incidentId: string): Incident {
  const incident = step.state.incidents[incidentId];
  if (!incident) throw new EngineCommandError('NOT_FOUND', `no incident '${incidentId}'`);
  delete step.writable('incidents')[incidentId];
  const el = step.element(incident.elementInstanceId);
  if (el) {
    const rest = step.clear(el.id, 'incidentId');
    step.history('incidentResolved', rest, rest.body ? 'multiInstanceBody' : undefined);
  }
  step.emit({ type: 'incidentResolved', incidentId });
  return incident;
}

/** Drops an incident whose element is being terminated. */
export function dropIncident(step: Step, el: ElementInstance): void {
  if (!el.incidentId) return;
  delete step.writable('incidents')[el.incidentId];
  step.emit({ type: 'incidentResolved', incidentId: el.incidentId });
}
