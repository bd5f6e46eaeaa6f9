import * as ReplaceOptions from 'bpmn-js/lib/features/replace/ReplaceOptions';
import type { ElementKind } from '../engine-elements';

/** What each bpmn-js palette entry creates. */
export const PALETTE_KINDS: Readonly<Record<string, ElementKind>> = {
  'create.start-event': { type: 'bpmn:StartEvent' },
  'create.intermediate-event': { type: 'bpmn:IntermediateThrowEvent' },
  'create.end-event': { type: 'bpmn:EndEvent' },
  'create.exclusive-gateway': { type: 'bpmn:ExclusiveGateway' },
  'create.task': { type: 'bpmn:Task' },
  'create.data-object': { type: 'bpmn:DataObjectReference' },
  'create.data-store': { type: 'bpmn:DataStoreReference' },
  'create.subprocess-expanded': { type: 'bpmn:SubProcess' },
  'create.participant-expanded': { type: 'bpmn:Participant' },
  'create.group': { type: 'bpmn:Group' },
};

/** What each bpmn-js context pad "append" entry appends. */
export const APPEND_KINDS: Readonly<Record<string, ElementKind>> = {
  'append.end-event': { type: 'bpmn:EndEvent' },
  'append.gateway': { type: 'bpmn:ExclusiveGateway' },
  'append.append-task': { type: 'bpmn:Task' },
  'append.intermediate-event': { type: 'bpmn:IntermediateThrowEvent' },
  'append.text-annotation': { type: 'bpmn:TextAnnotation' },
  'append.receive-task': { type: 'bpmn:ReceiveTask' },
  'append.message-intermediate-event': {
    type: 'bpmn:IntermediateCatchEvent',
    eventDefinitionType: 'bpmn:MessageEventDefinition',
  },
  'append.timer-intermediate-event': {
    type: 'bpmn:IntermediateCatchEvent',
    eventDefinitionType: 'bpmn:TimerEventDefinition',
  },
  'append.condition-intermediate-event': {
    type: 'bpmn:IntermediateCatchEvent',
    eventDefinitionType: 'bpmn:ConditionalEventDefinition',
  },
  'append.signal-intermediate-event': {
    type: 'bpmn:IntermediateCatchEvent',
    eventDefinitionType: 'bpmn:SignalEventDefinition',
  },
  'append.compensation-activity': { type: 'bpmn:Task' },
};

interface ReplaceOption {
  actionName: string;
  target?: ElementKind;
}

function replaceOptionLists(): ReplaceOption[][] {
  const lists: ReplaceOption[][] = [];
  for (const value of Object.values(ReplaceOptions as Record<string, unknown>)) {
    if (Array.isArray(value)) lists.push(value as ReplaceOption[]);
    else if (value && typeof value === 'object')
      lists.push(...(Object.values(value) as ReplaceOption[][]));
  }
  return lists;
}

/** What each replace-menu action turns the element into, from bpmn-js's own option catalog. */
export const REPLACE_KINDS: ReadonlyMap<string, ElementKind> = new Map(
  replaceOptionLists()
    .flat()
    .flatMap((option) => (option.target ? [[option.actionName, option.target] as const] : [])),
);
