/** Moddle flow elements → compiled flow nodes (one scope at a time, sub-processes recursively). */
import type { ModdleElement } from 'bpmn-moddle';
import { eventTrigger } from './event-trigger.js';
import type { FlowNode, NodeKind } from './model.js';
import { bool, child, children, str } from './moddle-access.js';
import type { Problems } from './problems.js';
import {
  adHocDef,
  callDef,
  correlationKey,
  decisionCallDef,
  ioMappings,
  jobDef,
  listenerDefs,
  multiInstanceDef,
  scriptDef,
  userTaskDef,
} from './zeebe-extensions.js';

const KINDS: Record<string, NodeKind> = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:IntermediateCatchEvent': 'intermediateCatchEvent',
  'bpmn:IntermediateThrowEvent': 'intermediateThrowEvent',
  'bpmn:BoundaryEvent': 'boundaryEvent',
  'bpmn:UserTask': 'userTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:SendTask': 'sendTask',
  'bpmn:BusinessRuleTask': 'businessRuleTask',
  'bpmn:ReceiveTask': 'receiveTask',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:Task': 'task',
  'bpmn:ScriptTask': 'scriptTask',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
  'bpmn:SubProcess': 'subProcess',
  'bpmn:AdHocSubProcess': 'subProcess',
  'bpmn:CallActivity': 'callActivity',
};

const UNSUPPORTED: Record<string, string> = {
  'bpmn:ComplexGateway': 'complex gateways',
  'bpmn:Transaction': 'transactions',
  'bpmn:CallChoreography': 'choreographies',
  'bpmn:ChoreographyTask': 'choreographies',
  'bpmn:SubChoreography': 'choreographies',
  'bpmn:ImplicitThrowEvent': 'implicit throw events',
};

/** Flow elements that carry no behaviour and are skipped. */
const IGNORED = new Set([
  'bpmn:SequenceFlow',
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
]);

/**
 * Elements that already have a problem and were left out of the graph, and the sequence flows
 * that touch them: checks on the rest must not report their absence again (a default flow
 * "not leaving" a gateway, an event sub-process "without" its start event, …).
 */
export interface Refused {
  elements: Map<string, { type: string; scopeId: string | null }>;
  /** Sequence flow id → its source element id. */
  flows: Map<string, string>;
}

export interface NodeSink {
  nodes: Map<string, FlowNode>;
  flows: { el: ModdleElement; scopeId: string | null }[];
  /** Associations (source id → target id): compensation boundary events → their handlers. */
  associations: Map<string, string>;
  problems: Problems;
  reported: ReadonlySet<string>;
  refused: Refused;
}

export function collectNodes(
  container: ModdleElement,
  processId: string,
  scopeId: string | null,
  sink: NodeSink,
): void {
  for (const artifact of children(container, 'artifacts')) {
    const source = child(artifact, 'sourceRef')?.id;
    const target = child(artifact, 'targetRef')?.id;
    if (artifact.$type === 'bpmn:Association' && source && target)
      sink.associations.set(source, target);
  }
  for (const el of children(container, 'flowElements')) {
    const id = el.id ?? '';
    if (el.$type === 'bpmn:SequenceFlow') {
      sink.flows.push({ el, scopeId });
      continue;
    }
    if (IGNORED.has(el.$type)) continue;
    const kind = KINDS[el.$type];
    if (!kind) {
      const what = UNSUPPORTED[el.$type] ?? `${el.$type.replace('bpmn:', '')} elements`;
      sink.problems.add(id, `${what} are not supported`);
      sink.refused.elements.set(id, { type: el.$type, scopeId });
      continue;
    }
    const node = buildNode(el, id, kind, processId, scopeId, sink);
    if (node) sink.nodes.set(id, node);
    else sink.refused.elements.set(id, { type: el.$type, scopeId });
    if (kind === 'subProcess') collectNodes(el, processId, id, sink);
  }
}

function buildNode(
  el: ModdleElement,
  id: string,
  kind: NodeKind,
  processId: string,
  scopeId: string | null,
  sink: NodeSink,
): FlowNode | null {
  const { problems } = sink;
  const trigger = eventTrigger(el, id, problems, sink.reported);
  if (!trigger) return null;
  const name = str(el, 'name');
  const node: FlowNode = {
    id,
    kind,
    processId,
    scopeId,
    outgoing: [],
    incoming: [],
    trigger,
    boundaryIds: [],
    interrupting: bool(el, 'cancelActivity') ?? bool(el, 'isInterrupting') ?? true,
    ...(name ? { name } : {}),
    ...ioMappings(el, id, problems),
  };
  const loop = child(el, 'loopCharacteristics');
  if (loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics') {
    node.multiInstance = multiInstanceDef(loop, id, problems);
  } else if (loop) {
    problems.add(id, 'standard loops are not supported; use multi-instance instead');
  }
  const decision = kind === 'businessRuleTask' ? decisionCallDef(el, id, problems) : undefined;
  if (decision) node.decision = decision;
  const listeners = listenerDefs(el, id, problems);
  if (listeners) node.listeners = listeners;
  const job = jobDef(el, id, problems);
  if (job) node.job = job;
  if (kind === 'userTask') node.userTask = userTaskDef(el, id, problems);
  const script = kind === 'scriptTask' ? scriptDef(el, id, problems) : undefined;
  if (script) node.script = script;
  const call = kind === 'callActivity' ? callDef(el, id, problems) : undefined;
  if (call) node.call = call;
  const attached = kind === 'boundaryEvent' ? child(el, 'attachedToRef')?.id : undefined;
  if (attached) node.attachedToId = attached;
  if (kind === 'subProcess' && bool(el, 'triggeredByEvent')) node.triggeredByEvent = true;
  if (bool(el, 'isForCompensation')) node.forCompensation = true;
  if (el.$type === 'bpmn:AdHocSubProcess') {
    const adHoc = adHocDef(el, id, problems);
    if (adHoc) node.adHoc = adHoc;
  }
  const message =
    (kind === 'sendTask' && !job) || kind === 'receiveTask' ? child(el, 'messageRef') : undefined;
  const messageName = str(message, 'name');
  if (message && messageName) {
    const key = correlationKey(message, id, problems);
    node.trigger = { kind: 'message', name: messageName, ...(key ? { correlationKey: key } : {}) };
  }
  return node;
}
