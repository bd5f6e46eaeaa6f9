/**
 * The BPMN elements packages/engine executes, as the modeler offers them. Kept in step with
 * the engine's own list by test/unit/flows/engine-elements.test.ts (this list loads with the
 * modeler; the engine itself loads only with its 模拟 mode, modeler/simulation).
 */

/** An element kind: its moddle type plus, for events, the event definition it carries. */
export interface ElementKind {
  type: string;
  /** `undefined` = a plain (none) event. */
  eventDefinitionType?: string;
}

const NONE = 'none';

/** Event type → the event definitions the engine handles on it (`none` = no definition). */
export const ENGINE_EVENTS: Readonly<Record<string, readonly string[]>> = {
  'bpmn:StartEvent': [
    NONE,
    'bpmn:TimerEventDefinition',
    'bpmn:MessageEventDefinition',
    'bpmn:SignalEventDefinition',
  ],
  'bpmn:EndEvent': [
    NONE,
    'bpmn:ErrorEventDefinition',
    'bpmn:TerminateEventDefinition',
    'bpmn:MessageEventDefinition',
    'bpmn:SignalEventDefinition',
    'bpmn:EscalationEventDefinition',
    'bpmn:CompensateEventDefinition',
  ],
  'bpmn:IntermediateCatchEvent': [
    'bpmn:TimerEventDefinition',
    'bpmn:MessageEventDefinition',
    'bpmn:SignalEventDefinition',
    'bpmn:LinkEventDefinition',
  ],
  'bpmn:IntermediateThrowEvent': [
    NONE,
    'bpmn:MessageEventDefinition',
    'bpmn:SignalEventDefinition',
    'bpmn:EscalationEventDefinition',
    'bpmn:LinkEventDefinition',
    'bpmn:CompensateEventDefinition',
  ],
  'bpmn:BoundaryEvent': [
    'bpmn:TimerEventDefinition',
    'bpmn:MessageEventDefinition',
    'bpmn:SignalEventDefinition',
    'bpmn:ErrorEventDefinition',
    'bpmn:EscalationEventDefinition',
    'bpmn:CompensateEventDefinition',
  ],
};

/** Flow nodes other than events. */
export const ENGINE_NODES: readonly string[] = [
  'bpmn:Task',
  'bpmn:UserTask',
  'bpmn:ServiceTask',
  'bpmn:ScriptTask',
  'bpmn:SendTask',
  'bpmn:ReceiveTask',
  'bpmn:ManualTask',
  'bpmn:BusinessRuleTask',
  'bpmn:CallActivity',
  'bpmn:SubProcess',
  'bpmn:AdHocSubProcess',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:InclusiveGateway',
  'bpmn:EventBasedGateway',
];

/** Non-executing elements the engine tolerates (documentation and connections). */
export const ENGINE_ARTIFACTS: readonly string[] = [
  'bpmn:SequenceFlow',
  'bpmn:TextAnnotation',
  'bpmn:Association',
  'bpmn:Group',
  'label',
];

export function isEngineSupported(kind: ElementKind): boolean {
  const events = ENGINE_EVENTS[kind.type];
  if (events) return events.includes(kind.eventDefinitionType ?? NONE);
  return ENGINE_NODES.includes(kind.type) || ENGINE_ARTIFACTS.includes(kind.type);
}
