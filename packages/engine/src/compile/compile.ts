/**
 * compile(xml): BPMN XML → a validated, shared definition, or every problem found.
 * Only executable processes are compiled; a file that marks none executable has all compiled.
 */
import type { ModdleElement } from 'bpmn-moddle';
import type { CompileResult, StartEventInfo } from '../contract.js';
import { collectNodes, type NodeSink } from './flow-nodes.js';
import {
  indexElements,
  linkBoundaries,
  linkDefaults,
  linkFlows,
  linkLinkEvents,
} from './link-flows.js';
import type {
  CompiledDefinition,
  CompiledProcess,
  FlowNode,
  UserTaskElementInfo,
} from './model.js';
import { bool, children, extension, str } from './moddle-access.js';
import { parseXml, type Unresolved } from './parse-xml.js';
import { Problems } from './problems.js';
import { checkNodes } from './structure-checks.js';
import { computeUpstream } from './upstream.js';
import { warnWaitFreeLoops } from './wait-free-cycles.js';
import { warnCamunda7 } from './camunda7.js';

const REFERENCE_WORDS: Record<string, string> = {
  sourceRef: 'the sequence flow starts at',
  targetRef: 'the sequence flow leads to',
  default: 'the default flow is',
  attachedToRef: 'the boundary event is attached to',
  messageRef: 'the event refers to message',
  signalRef: 'the event refers to signal',
  errorRef: 'the event refers to error',
  escalationRef: 'the event refers to escalation',
  processRef: 'the participant refers to process',
};

function processOf(element: ModdleElement): ModdleElement | undefined {
  let el: ModdleElement | undefined = element;
  while (el && el.$type !== 'bpmn:Process') el = el['$parent'] as ModdleElement | undefined;
  return el;
}

/**
 * Dangling references that matter for execution: those in the processes being compiled.
 * (Interfaces, operations and other documentation-only parts are never executed.)
 */
function reportUnresolved(
  unresolved: Unresolved[],
  processes: ModdleElement[],
  problems: Problems,
): Set<string> {
  const reported = new Set<string>();
  for (const { element, property, value } of unresolved) {
    const prop = property.replace(/^bpmn:/, '');
    const process = processOf(element);
    if (!process || !processes.includes(process)) continue;
    const parent = element['$parent'] as ModdleElement | undefined;
    const isDefinition = element.$type.endsWith('EventDefinition');
    const ownerId = (isDefinition ? parent?.id : element.id) ?? null;
    reported.add(`${element.id ?? parent?.id ?? ''}:${prop}`);
    const words = REFERENCE_WORDS[prop] ?? `${prop} refers to`;
    problems.add(ownerId, `${words} '${value}', which does not exist in this file`);
  }
  return reported;
}

function compileProcess(
  process: ModdleElement,
  problems: Problems,
  reported: ReadonlySet<string>,
  warnings: Problems,
): CompiledProcess {
  const id = process.id ?? '';
  const sink: NodeSink = {
    nodes: new Map(),
    flows: [],
    associations: new Map(),
    problems,
    reported,
    refused: { elements: new Map(), flows: new Map() },
  };
  if (children(extension(process, 'zeebe:ExecutionListeners'), 'listeners').length > 0)
    problems.add(
      id,
      'execution listeners on the process itself are not supported (on its elements they are)',
    );
  collectNodes(process, id, null, sink);
  const elements = new Map<string, ModdleElement>();
  indexElements(process, elements);
  linkFlows(sink);
  linkLinkEvents(sink);
  linkDefaults(elements, sink);
  linkBoundaries(sink);
  checkNodes(sink.nodes, problems, sink.refused);
  computeUpstream(sink.nodes);
  warnWaitFreeLoops(sink.nodes, warnings);
  const top = [...sink.nodes.values()].filter((n) => n.scopeId === null);
  const startIds = top.filter((n) => n.kind === 'startEvent').map((n) => n.id);
  const refusedStart = [...sink.refused.elements.values()].some(
    (r) => r.scopeId === null && r.type === 'bpmn:StartEvent',
  );
  if (startIds.length === 0 && !refusedStart) problems.add(id, 'the process has no start event');
  const none = top.filter((n) => n.kind === 'startEvent' && n.trigger.kind === 'none');
  if (none.length > 1) problems.add(id, 'the process has more than one none start event');
  const name = str(process, 'name');
  return {
    id,
    ...(name ? { name } : {}),
    nodes: sink.nodes,
    ...(none[0] ? { startId: none[0].id } : {}),
    startIds,
    eventSubProcessIds: top.filter((n) => n.triggeredByEvent).map((n) => n.id),
  };
}

function startInfo(process: CompiledProcess, node: FlowNode): StartEventInfo {
  const t = node.trigger;
  const kind = t.kind === 'timer' || t.kind === 'message' || t.kind === 'signal' ? t.kind : 'none';
  return {
    processId: process.id,
    elementId: node.id,
    kind,
    ...(t.kind === 'message' ? { messageName: t.name } : {}),
    ...(t.kind === 'signal' ? { signalName: t.name } : {}),
  };
}

export async function compile(xml: string): Promise<CompileResult<CompiledDefinition>> {
  const parsed = await parseXml(xml);
  const warnings = new Problems();
  if (!parsed.ok) return { ok: false, problems: parsed.problems.list, warnings: warnings.list };
  const { problems } = parsed;
  const all = children(parsed.definitions, 'rootElements').filter(
    (e) => e.$type === 'bpmn:Process',
  );
  for (const other of children(parsed.definitions, 'rootElements')) {
    if (other.$type === 'bpmn:Choreography')
      problems.add(other.id ?? null, 'choreographies are not supported');
  }
  const executable = all.filter((p) => bool(p, 'isExecutable'));
  const chosen = executable.length > 0 ? executable : all;
  if (chosen.length === 0) problems.add(null, 'the file contains no process');
  warnCamunda7(parsed.definitions, chosen, warnings);
  const reported = reportUnresolved(parsed.unresolved, chosen, problems);
  const processes = new Map<string, CompiledProcess>();
  for (const p of chosen) {
    processes.set(p.id ?? '', compileProcess(p, problems, reported, warnings));
  }
  if (!problems.empty) return { ok: false, problems: problems.list, warnings: warnings.list };
  const startEvents: StartEventInfo[] = [];
  const userTaskElements: UserTaskElementInfo[] = [];
  for (const process of processes.values()) {
    for (const sid of process.startIds) {
      const node = process.nodes.get(sid);
      if (node) startEvents.push(startInfo(process, node));
    }
    for (const node of process.nodes.values()) {
      if (node.kind !== 'userTask') continue;
      userTaskElements.push({
        processId: process.id,
        id: node.id,
        ...(node.name ? { name: node.name } : {}),
        ...(node.userTask?.formKey ? { formKey: node.userTask.formKey } : {}),
      });
    }
  }
  return {
    ok: true,
    definition: { processIds: [...processes.keys()], processes, startEvents, userTaskElements },
    warnings: warnings.list,
  };
}
