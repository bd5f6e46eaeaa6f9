/** Writes a model outline as BPMN 2.0 XML, the way Camunda Modeler would (Zeebe extensions). */
import { ids, PROCESS_ID } from './model.outline.js';
import type { Activity, ModelOutline, Outline } from './model.outline.js';
import type { Trigger } from './block.model.js';

interface XmlNode {
  id: string;
  tag: string;
  attrs: string;
  body: string;
  incoming: string[];
  outgoing: string[];
}

/** The flow nodes and sequence flows directly inside one process or sub-process. */
class Scope {
  readonly nodes = new Map<string, XmlNode>();
  readonly flows: string[] = [];

  constructor(private readonly flowIds: { count: number }) {}

  add(id: string, tag: string, attrs = '', body = ''): string {
    this.nodes.set(id, { id, tag, attrs, body, incoming: [], outgoing: [] });
    return id;
  }

  connect(sourceId: string, targetId: string, condition?: string): string {
    const id = `Flow_${++this.flowIds.count}`;
    this.nodes.get(sourceId)?.outgoing.push(id);
    this.nodes.get(targetId)?.incoming.push(id);
    const expression = condition
      ? `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression>`
      : '';
    this.flows.push(
      `<bpmn:sequenceFlow id="${id}" sourceRef="${sourceId}" targetRef="${targetId}">${expression}</bpmn:sequenceFlow>`,
    );
    return id;
  }

  toXml(): string {
    const nodes = [...this.nodes.values()].map((n) => {
      const refs = [
        ...n.incoming.map((f) => `<bpmn:incoming>${f}</bpmn:incoming>`),
        ...n.outgoing.map((f) => `<bpmn:outgoing>${f}</bpmn:outgoing>`),
      ].join('');
      return `<bpmn:${n.tag} id="${n.id}"${n.attrs}>${refs}${n.body}</bpmn:${n.tag}>`;
    });
    return [...nodes, ...this.flows].join('\n');
  }
}

const timer = (duration: string) =>
  `<bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${duration}</bpmn:timeDuration></bpmn:timerEventDefinition>`;
const messageRef = (id: string) => `<bpmn:messageEventDefinition messageRef="Message_${id}" />`;
const signalRef = (id: string) => `<bpmn:signalEventDefinition signalRef="Signal_${id}" />`;

export function toBpmnXml(model: ModelOutline): string {
  const flowIds = { count: 0 };
  const globals: string[] = [];
  const subscribe = (id: string) => {
    globals.push(
      `<bpmn:message id="Message_${id}" name="${ids.message(id)}"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderKey" /></bpmn:extensionElements></bpmn:message>`,
    );
    return messageRef(id);
  };
  const listen = (id: string) => {
    globals.push(`<bpmn:signal id="Signal_${id}" name="${ids.signal(id)}" />`);
    return signalRef(id);
  };
  const eventDefinition = (trigger: Trigger, id: string, duration: string) =>
    trigger === 'timer' ? timer(duration) : trigger === 'message' ? subscribe(id) : listen(id);

  /** Adds a block's elements to the scope; returns its entry and exit node ids. */
  const write = (node: Outline, scope: Scope): { entry: string; exit: string } => {
    switch (node.kind) {
      case 'userTask': {
        const id = scope.add(node.id, 'userTask', ` name="${node.id}"`);
        return { entry: id, exit: id };
      }
      case 'timerCatch': {
        const id = scope.add(node.id, 'intermediateCatchEvent', '', timer('PT1H'));
        return { entry: id, exit: id };
      }
      case 'messageCatch':
      case 'signalCatch': {
        const trigger = node.kind === 'messageCatch' ? 'message' : 'signal';
        const id = scope.add(
          node.id,
          'intermediateCatchEvent',
          '',
          eventDefinition(trigger, node.id, 'PT1H'),
        );
        return { entry: id, exit: id };
      }
      case 'sequence': {
        const parts = node.items.map((item) => write(item, scope));
        parts.slice(1).forEach((part, i) => scope.connect(parts[i]!.exit, part.entry));
        return { entry: parts[0]!.entry, exit: parts[parts.length - 1]!.exit };
      }
      case 'parallel':
        return split(
          scope,
          node.branches,
          'parallelGateway',
          node.id,
          ids.join(node.id),
          () => undefined,
        );
      case 'inclusive':
        return split(
          scope,
          node.branches,
          'inclusiveGateway',
          node.id,
          ids.join(node.id),
          (i) => `=${ids.take(node.id, i)}`,
        );
      case 'exclusive': {
        const last = node.branches.length - 1;
        const range = split(
          scope,
          node.branches,
          'exclusiveGateway',
          node.id,
          ids.merge(node.id),
          (i) => (i === last ? undefined : `=${ids.route(node.id)} = ${i}`),
        );
        const gateway = scope.nodes.get(node.id)!;
        gateway.attrs = ` default="${gateway.outgoing[last]!}"`;
        return range;
      }
      case 'subProcess':
        return single(writeActivity(node, scope));
      case 'race': {
        const gateway = scope.add(node.id, 'eventBasedGateway');
        const merge = scope.add(ids.merge(node.id), 'exclusiveGateway');
        for (const branch of node.branches) {
          scope.add(
            branch.eventId,
            'intermediateCatchEvent',
            '',
            eventDefinition(branch.trigger, branch.eventId, 'PT1H'),
          );
          const body = write(branch.body, scope);
          scope.connect(gateway, branch.eventId);
          scope.connect(branch.eventId, body.entry);
          scope.connect(body.exit, merge);
        }
        return { entry: gateway, exit: merge };
      }
      case 'guarded': {
        const activity = writeActivity(node.activity, scope);
        const cancel = node.interrupting ? '' : ' cancelActivity="false"';
        scope.add(
          node.id,
          'boundaryEvent',
          ` attachedToRef="${activity}"${cancel}`,
          eventDefinition(node.trigger, node.id, 'PT2H'),
        );
        const handler = write(node.handler, scope);
        scope.connect(node.id, handler.entry);
        if (!node.interrupting) {
          scope.connect(handler.exit, scope.add(ids.end(node.id), 'endEvent'));
          return single(activity);
        }
        const merge = scope.add(ids.merge(node.id), 'exclusiveGateway');
        scope.connect(activity, merge);
        scope.connect(handler.exit, merge);
        return { entry: activity, exit: merge };
      }
    }
  };
  const single = (id: string) => ({ entry: id, exit: id });
  const split = (
    scope: Scope,
    branches: Outline[],
    tag: string,
    forkId: string,
    joinId: string,
    condition: (branch: number) => string | undefined,
  ) => {
    scope.add(forkId, tag);
    const parts = branches.map((b) => write(b, scope));
    scope.add(joinId, tag);
    parts.forEach((part, i) => {
      scope.connect(forkId, part.entry, condition(i));
      scope.connect(part.exit, joinId);
    });
    return { entry: forkId, exit: joinId };
  };
  const writeActivity = (activity: Activity, scope: Scope): string => {
    if (activity.kind === 'userTask')
      return scope.add(activity.id, 'userTask', ` name="${activity.id}"`);
    const inner = new Scope(flowIds);
    const start = inner.add(ids.start(activity.id), 'startEvent');
    const end = inner.add(ids.end(activity.id), 'endEvent');
    const body = write(activity.body, inner);
    inner.connect(start, body.entry);
    inner.connect(body.exit, end);
    return scope.add(activity.id, 'subProcess', '', inner.toXml());
  };

  const root = new Scope(flowIds);
  const start = root.add('Start', 'startEvent');
  const body = write(model.body, root);
  const end = root.add('End', 'endEvent');
  if (model.terminator) {
    const { taskId, endId } = model.terminator;
    const fork = root.add('TerminateFork', 'parallelGateway');
    root.connect(start, fork);
    root.connect(fork, body.entry);
    root.connect(fork, root.add(taskId, 'userTask', ` name="${taskId}"`));
    root.connect(taskId, root.add(endId, 'endEvent', '', '<bpmn:terminateEventDefinition />'));
  } else {
    root.connect(start, body.entry);
  }
  root.connect(body.exit, end);

  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_generated" targetNamespace="http://bpmn.io/schema/bpmn">
<bpmn:process id="${PROCESS_ID}" isExecutable="true">
${root.toXml()}
</bpmn:process>
${globals.join('\n')}
</bpmn:definitions>
`;
}
