/** Checks on the linked graph: what each element kind needs to run. */
import type { EventTrigger, FlowNode } from './model.js';
import type { Refused } from './flow-nodes.js';
import type { Problems } from './problems.js';

const ACTIVITIES = new Set<FlowNode['kind']>([
  'userTask',
  'serviceTask',
  'sendTask',
  'businessRuleTask',
  'receiveTask',
  'manualTask',
  'task',
  'scriptTask',
  'subProcess',
  'callActivity',
]);

/** Triggers an intermediate catch event waits for (a link catch passes straight on). */
export function isWaitingTrigger(trigger: EventTrigger): boolean {
  return trigger.kind === 'timer' || trigger.kind === 'message' || trigger.kind === 'signal';
}

function isActivity(node: FlowNode): boolean {
  return ACTIVITIES.has(node.kind);
}

function allowed(
  node: FlowNode,
  kinds: EventTrigger['kind'][],
  where: string,
  problems: Problems,
): void {
  if (!kinds.includes(node.trigger.kind)) {
    problems.add(node.id, `${node.trigger.kind} ${where} are not supported`);
  }
}

function checkStart(
  node: FlowNode,
  nodes: ReadonlyMap<string, FlowNode>,
  problems: Problems,
): void {
  const scope = node.scopeId ? nodes.get(node.scopeId) : undefined;
  if (!scope) allowed(node, ['none', 'timer', 'message', 'signal'], 'start events', problems);
  else if (scope.triggeredByEvent) {
    allowed(
      node,
      ['timer', 'message', 'signal', 'error', 'escalation'],
      'start events in event sub-processes',
      problems,
    );
  } else if (node.trigger.kind !== 'none') {
    problems.add(node.id, 'a sub-process can only start with a none start event');
  }
}

function checkGateway(
  node: FlowNode,
  nodes: ReadonlyMap<string, FlowNode>,
  problems: Problems,
  refused: Refused,
): void {
  if (node.kind === 'exclusiveGateway' || node.kind === 'inclusiveGateway') {
    if (node.outgoing.length < 2) return;
    for (const flow of node.outgoing) {
      if (!flow.condition && flow.id !== node.defaultFlowId) {
        problems.add(
          flow.id,
          `the sequence flow leaving gateway '${node.id}' has no condition and is not the default flow`,
        );
      }
    }
  }
  if (node.kind === 'eventBasedGateway') {
    const toRefused = [...refused.flows.values()].filter((source) => source === node.id).length;
    if (node.outgoing.length + toRefused < 2)
      problems.add(node.id, 'an event-based gateway needs at least two outgoing flows');
    for (const flow of node.outgoing) {
      const target = nodes.get(flow.targetId);
      const ok =
        target &&
        ((target.kind === 'intermediateCatchEvent' && isWaitingTrigger(target.trigger)) ||
          target.kind === 'receiveTask');
      if (!ok) {
        problems.add(
          flow.id,
          `after event-based gateway '${node.id}' must come a timer, message or signal catch event`,
        );
      }
    }
  }
}

/** What a kind of activity needs to run, or null when it needs nothing in particular. */
function missing(node: FlowNode): string | null {
  const { kind } = node;
  if (kind === 'serviceTask' && !node.job) {
    return 'the task has no job type (zeebe:taskDefinition type)';
  }
  if (kind === 'businessRuleTask' && !node.job && !node.decision) {
    return 'the business rule task calls no decision (zeebe:calledDecision) and has no job type (zeebe:taskDefinition type)';
  }
  if (kind === 'sendTask' && !node.job && node.trigger.kind !== 'message') {
    return 'the send task has neither a job type nor a message';
  }
  if (kind === 'scriptTask' && !node.script && !node.job) {
    return 'the script task has no FEEL expression (zeebe:script) and no job type';
  }
  if (kind === 'callActivity' && !node.call) {
    return 'the call activity does not name the process to call (zeebe:calledElement processId)';
  }
  if (kind === 'receiveTask' && node.trigger.kind !== 'message')
    return 'the receive task has no message';
  return null;
}

function checkActivity(node: FlowNode, problems: Problems): void {
  const problem = missing(node);
  if (problem) problems.add(node.id, problem);
  if (node.forCompensation && (node.incoming.length > 0 || node.outgoing.length > 0))
    problems.add(node.id, 'a compensation handler cannot have sequence flows');
  const mi = node.multiInstance;
  if (mi && !mi.inputCollection && !mi.loopCardinality) {
    problems.add(node.id, 'the multi-instance activity has no input collection');
  }
  if (mi?.outputCollection && !mi.outputElement) {
    problems.add(
      node.id,
      'the multi-instance activity has an output collection but no output element',
    );
  }
}

/**
 * Start listeners run when an element is activated from a sequence flow or its scope; events
 * a trigger creates (start and boundary events, the events after an event-based gateway) have
 * none in Zeebe either, so they are refused there rather than never run.
 */
function checkStartListeners(
  node: FlowNode,
  nodes: ReadonlyMap<string, FlowNode>,
  problems: Problems,
): void {
  if (!node.listeners?.start) return;
  const afterEventGateway = [...nodes.values()].some(
    (n) => n.kind === 'eventBasedGateway' && n.outgoing.some((f) => f.targetId === node.id),
  );
  if (node.kind === 'startEvent' || node.kind === 'boundaryEvent' || afterEventGateway)
    problems.add(
      node.id,
      `start execution listeners are not supported on ${afterEventGateway ? 'an event after an event-based gateway' : node.kind === 'startEvent' ? 'start events' : 'boundary events'} (end listeners are)`,
    );
}

export function checkNodes(
  nodes: ReadonlyMap<string, FlowNode>,
  problems: Problems,
  refused: Refused,
): void {
  for (const node of nodes.values()) {
    checkStartListeners(node, nodes, problems);
    switch (node.kind) {
      case 'startEvent':
        checkStart(node, nodes, problems);
        break;
      case 'endEvent':
        allowed(
          node,
          ['none', 'terminate', 'error', 'message', 'signal', 'escalation', 'compensation'],
          'end events',
          problems,
        );
        break;
      case 'intermediateCatchEvent':
        allowed(
          node,
          ['timer', 'message', 'signal', 'link'],
          'intermediate catch events',
          problems,
        );
        break;
      case 'intermediateThrowEvent':
        allowed(
          node,
          ['none', 'signal', 'message', 'escalation', 'link', 'compensation'],
          'intermediate throw events',
          problems,
        );
        break;
      case 'boundaryEvent': {
        allowed(
          node,
          ['timer', 'message', 'signal', 'error', 'escalation', 'compensation'],
          'boundary events',
          problems,
        );
        const host = node.attachedToId ? nodes.get(node.attachedToId) : undefined;
        if (host && !isActivity(host))
          problems.add(
            node.id,
            `the boundary event is attached to '${host.id}', which is not an activity`,
          );
        else if (
          host &&
          node.trigger.kind === 'escalation' &&
          host.kind !== 'subProcess' &&
          host.kind !== 'callActivity'
        )
          problems.add(
            node.id,
            'an escalation boundary event can only be attached to a sub-process or a call activity',
          );
        break;
      }
      case 'exclusiveGateway':
      case 'inclusiveGateway':
      case 'eventBasedGateway':
      case 'parallelGateway':
        checkGateway(node, nodes, problems, refused);
        break;
      case 'subProcess':
        checkSubProcess(node, nodes, problems, refused);
        checkActivity(node, problems);
        break;
      case 'userTask':
      case 'serviceTask':
      case 'sendTask':
      case 'businessRuleTask':
      case 'receiveTask':
      case 'manualTask':
      case 'task':
      case 'scriptTask':
      case 'callActivity':
        checkActivity(node, problems);
        break;
    }
  }
}

function checkSubProcess(
  node: FlowNode,
  nodes: ReadonlyMap<string, FlowNode>,
  problems: Problems,
  refused: Refused,
): void {
  const starts = [...nodes.values()].filter(
    (n) => n.scopeId === node.id && n.kind === 'startEvent',
  );
  const refusedStarts = [...refused.elements.values()].filter(
    (r) => r.scopeId === node.id && r.type === 'bpmn:StartEvent',
  ).length;
  if (refusedStarts > 0 && starts.length === 0) return;
  if (node.adHoc) {
    checkAdHoc(node, nodes, problems);
    return;
  }
  if (node.triggeredByEvent) {
    if (starts.length + refusedStarts !== 1)
      problems.add(node.id, 'an event sub-process needs exactly one start event');
    else if (starts[0]) node.eventStartId = starts[0].id;
    if (node.incoming.length || node.outgoing.length) {
      problems.add(node.id, 'an event sub-process cannot have sequence flows');
    }
    return;
  }
  const none = starts.filter((s) => s.trigger.kind === 'none');
  if (none.length !== 1)
    problems.add(node.id, 'the sub-process needs exactly one none start event');
  else if (none[0]) node.startId = none[0].id;
  node.eventSubProcessIds = [...nodes.values()]
    .filter((n) => n.scopeId === node.id && n.triggeredByEvent)
    .map((n) => n.id);
}

/** Ad-hoc sub-processes hold activities (and events between them), no start or end events. */
function checkAdHoc(
  node: FlowNode,
  nodes: ReadonlyMap<string, FlowNode>,
  problems: Problems,
): void {
  const inner = [...nodes.values()].filter((n) => n.scopeId === node.id);
  for (const n of inner) {
    if (n.kind === 'startEvent' || n.kind === 'endEvent')
      problems.add(n.id, 'an ad-hoc sub-process cannot hold start or end events');
  }
  if (!inner.some(isActivity)) problems.add(node.id, 'the ad-hoc sub-process holds no activity');
  node.eventSubProcessIds = inner.filter((n) => n.triggeredByEvent).map((n) => n.id);
}
