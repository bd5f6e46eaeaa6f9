import { localName } from '@/utils/bilingual';
import type { HistoryEvent } from './instances.api';

/** One line of 办理过程: a step a person can recognise, what happened to it, who acted. */
export interface HistoryStep {
  key: string;
  at: string;
  /** The step's name from the BPMN, in the reader's language; null for an unnamed start/end. */
  name: string | null;
  /** `startEvent` / `endEvent` when unnamed: the page says 流程开始 / 流程结束. */
  type: string;
  kind: HistoryEvent['kind'];
  actorName: string | null;
}

// Elements people see as steps; gateways, flows, the process itself and the hidden
// multi-instance body (Task_X#multiInstanceBody) are the engine's business.
const STEP_TYPES = new Set([
  'userTask',
  'serviceTask',
  'sendTask',
  'receiveTask',
  'scriptTask',
  'businessRuleTask',
  'manualTask',
  'callActivity',
  'subProcess',
  'startEvent',
  'endEvent',
  'intermediateCatchEvent',
  'intermediateThrowEvent',
  'boundaryEvent',
]);
const EVENT_TYPES = new Set([
  'startEvent',
  'endEvent',
  'intermediateCatchEvent',
  'intermediateThrowEvent',
  'boundaryEvent',
]);

/** Element id → name, read from the definition's BPMN XML. */
export function elementNames(xml: string): Map<string, string> {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const names = new Map<string, string>();
  for (const element of doc.querySelectorAll('[id][name]')) {
    names.set(element.getAttribute('id')!, element.getAttribute('name')!);
  }
  return names;
}

/**
 * The instance's history as steps: activities when they start and end (with who completed a
 * user task), events when they happen; gateways and engine-internal elements left out.
 */
export function historySteps(
  events: readonly HistoryEvent[],
  names: ReadonlyMap<string, string>,
): HistoryStep[] {
  return events
    .filter((event) => STEP_TYPES.has(event.elementType))
    .filter((event) => !(EVENT_TYPES.has(event.elementType) && event.kind === 'activated'))
    .map((event, index) => {
      const name = names.get(event.elementId);
      return {
        key: `${event.elementInstanceId}-${event.kind}-${index}`,
        at: event.at,
        name: name ? localName(name) : null,
        type: event.elementType,
        kind: event.kind,
        actorName: event.actorName,
      };
    });
}
