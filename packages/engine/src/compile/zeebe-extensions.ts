/** Camunda 8 (zeebe) extension elements → compiled definitions, checking every FEEL value. */
import type { ModdleElement } from 'bpmn-moddle';

import type { ListenerEvent } from '../contract.js';
import type {
  AdHocDef,
  CallDef,
  DecisionCallDef,
  FlowNode,
  JobDef,
  ListenerDef,
  Mapping,
  MultiInstanceDef,
  ScriptDef,
  UserTaskDef,
} from './model.js';
import { bool, child, children, extension, str } from './moddle-access.js';
import { checkedFeel, checkedValue } from './checked-expression.js';
import type { Problems } from './problems.js';
import { checkApproverRules } from './approver-rules.js';

function mappings(
  list: ModdleElement[],
  id: string,
  what: 'input' | 'output',
  problems: Problems,
): Mapping[] {
  return list.map((m) => {
    const target = str(m, 'target') ?? '';
    if (target === '') problems.add(id, `an ${what} mapping has no target variable`);
    return {
      source: checkedValue(
        str(m, 'source') ?? '=null',
        id,
        `${what} mapping '${target}'`,
        problems,
      ),
      target,
    };
  });
}

export function ioMappings(
  el: ModdleElement,
  id: string,
  problems: Problems,
): { inputs?: Mapping[]; outputs?: Mapping[] } {
  const io = extension(el, 'zeebe:IoMapping');
  if (!io) return {};
  const inputs = mappings(children(io, 'inputParameters'), id, 'input', problems);
  const outputs = mappings(children(io, 'outputParameters'), id, 'output', problems);
  return {
    ...(inputs.length ? { inputs } : {}),
    ...(outputs.length ? { outputs } : {}),
  };
}

export function headers(el: ModdleElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of children(extension(el, 'zeebe:TaskHeaders'), 'values')) {
    const key = str(h, 'key');
    if (key !== undefined) out[key] = str(h, 'value') ?? '';
  }
  return out;
}

export function jobDef(el: ModdleElement, id: string, problems: Problems): JobDef | undefined {
  const def = extension(el, 'zeebe:TaskDefinition');
  const type = str(def, 'type')?.trim();
  if (!def || !type) return undefined;
  return {
    type: checkedValue(type, id, 'job type', problems),
    retries: checkedValue(str(def, 'retries') ?? '3', id, 'job retries', problems),
    headers: headers(el),
  };
}

export function userTaskDef(el: ModdleElement, id: string, problems: Problems): UserTaskDef {
  const assignment = extension(el, 'zeebe:AssignmentDefinition');
  const schedule = extension(el, 'zeebe:TaskSchedule');
  const form = extension(el, 'zeebe:FormDefinition');
  const priority = extension(el, 'zeebe:PriorityDefinition');
  const value = (
    owner: ModdleElement | undefined,
    prop: string,
  ): ReturnType<typeof checkedValue> | undefined => {
    const raw = str(owner, prop)?.trim();
    return raw ? checkedValue(raw, id, prop, problems) : undefined;
  };
  // Job-worker user tasks name their form by formKey; Camunda user tasks (zeebe:userTask) by
  // externalReference (a custom form key) or formId (a linked Camunda form).
  const formKey = str(form, 'formKey') ?? str(form, 'externalReference') ?? str(form, 'formId');
  const def: UserTaskDef = { headers: headers(el) };
  checkApproverRules(def.headers, id, problems);
  const fields = {
    assignee: value(assignment, 'assignee'),
    candidateGroups: value(assignment, 'candidateGroups'),
    candidateUsers: value(assignment, 'candidateUsers'),
    dueDate: value(schedule, 'dueDate'),
    followUpDate: value(schedule, 'followUpDate'),
    priority: value(priority, 'priority'),
  };
  for (const [k, v] of Object.entries(fields)) if (v) def[k as keyof typeof fields] = v;
  if (formKey) def.formKey = formKey;
  return def;
}

export function scriptDef(
  el: ModdleElement,
  id: string,
  problems: Problems,
): ScriptDef | undefined {
  const script = extension(el, 'zeebe:Script');
  const expression = str(script, 'expression')?.trim();
  if (!script || !expression) return undefined;
  const resultVariable = str(script, 'resultVariable')?.trim();
  return {
    expression: checkedFeel(expression, id, 'script expression', problems),
    ...(resultVariable ? { resultVariable } : {}),
  };
}

export function callDef(el: ModdleElement, id: string, problems: Problems): CallDef | undefined {
  const called = extension(el, 'zeebe:CalledElement');
  const processId = (str(called, 'processId') ?? str(called, 'processIdExpression'))?.trim();
  if (!called || !processId) return undefined;
  const tag = str(called, 'versionTag')?.trim();
  const pinned = str(called, 'bindingType') === 'versionTag' && tag ? tag : undefined;
  return {
    processId: checkedValue(processId, id, 'called process id', problems),
    propagateAllChildVariables: bool(called, 'propagateAllChildVariables') ?? true,
    version: pinned !== undefined && /^\d+$/.test(pinned) ? Number(pinned) : 'latest',
    ...(pinned !== undefined && !/^\d+$/.test(pinned) ? { versionTag: pinned } : {}),
  };
}

export function decisionCallDef(
  el: ModdleElement,
  id: string,
  problems: Problems,
): DecisionCallDef | undefined {
  const called = extension(el, 'zeebe:CalledDecision');
  if (!called) return undefined;
  const decisionId = str(called, 'decisionId')?.trim();
  const resultVariable = str(called, 'resultVariable')?.trim();
  if (!decisionId)
    problems.add(
      id,
      'the business rule task does not name its decision (zeebe:calledDecision decisionId)',
    );
  if (!resultVariable)
    problems.add(
      id,
      'the business rule task has no result variable (zeebe:calledDecision resultVariable)',
    );
  if (!decisionId || !resultVariable) return undefined;
  return { decisionId: checkedValue(decisionId, id, 'decision id', problems), resultVariable };
}

export function adHocDef(el: ModdleElement, id: string, problems: Problems): AdHocDef | undefined {
  if (extension(el, 'zeebe:TaskDefinition')) {
    problems.add(
      id,
      'ad-hoc sub-processes handled by a job worker (zeebe:taskDefinition) are not supported; the engine activates their elements itself (zeebe:adHoc activeElementsCollection)',
    );
    return undefined;
  }
  const ext = extension(el, 'zeebe:AdHoc');
  const active = str(ext, 'activeElementsCollection')?.trim();
  const completion = str(child(el, 'completionCondition'), 'body')?.trim();
  if (str(ext, 'outputCollection'))
    problems.add(id, 'the output collection of ad-hoc sub-processes is not supported');
  return {
    ...(active
      ? { activeElements: checkedFeel(active, id, 'active elements collection', problems) }
      : {}),
    ...(completion
      ? { completionCondition: checkedFeel(completion, id, 'completion condition', problems) }
      : {}),
    cancelRemaining: bool(el, 'cancelRemainingInstances') ?? true,
  };
}

export function multiInstanceDef(
  loop: ModdleElement,
  id: string,
  problems: Problems,
): MultiInstanceDef {
  const ext = extension(loop, 'zeebe:LoopCharacteristics');
  const raw = (prop: string): string | undefined => str(ext, prop)?.trim() || undefined;
  const def: MultiInstanceDef = { sequential: bool(loop, 'isSequential') ?? false };
  const inputCollection = raw('inputCollection');
  if (inputCollection)
    def.inputCollection = checkedFeel(inputCollection, id, 'input collection', problems);
  const inputElement = raw('inputElement');
  if (inputElement) def.inputElement = inputElement;
  const outputCollection = raw('outputCollection');
  if (outputCollection) def.outputCollection = outputCollection;
  const outputElement = raw('outputElement');
  if (outputElement) def.outputElement = checkedFeel(outputElement, id, 'output element', problems);
  const completion = str(child(loop, 'completionCondition'), 'body')?.trim();
  if (completion)
    def.completionCondition = checkedFeel(completion, id, 'completion condition', problems);
  const cardinality = str(child(loop, 'loopCardinality'), 'body')?.trim();
  if (cardinality)
    def.loopCardinality = checkedValue(cardinality, id, 'loop cardinality', problems);
  return def;
}

export function correlationKey(message: ModdleElement, id: string, problems: Problems) {
  const key = str(extension(message, 'zeebe:Subscription'), 'correlationKey')?.trim();
  return key ? checkedValue(key, id, 'correlation key', problems) : undefined;
}

/** Task listener event types, Camunda 8.8's names and the earlier ones. */
const TASK_LISTENER_EVENTS: Record<string, ListenerEvent | 'assigning' | 'updating' | 'canceling'> =
  {
    creating: 'creating',
    create: 'creating',
    completing: 'completing',
    complete: 'completing',
    assigning: 'assigning',
    assignment: 'assigning',
    updating: 'updating',
    update: 'updating',
    canceling: 'canceling',
    cancel: 'canceling',
  };

/** zeebe:executionListeners and (user tasks) zeebe:taskListeners, in model order per event. */
export function listenerDefs(
  el: ModdleElement,
  id: string,
  problems: Problems,
): FlowNode['listeners'] | undefined {
  const out: NonNullable<FlowNode['listeners']> = {};
  const add = (listener: ModdleElement, event: ListenerEvent, what: string): void => {
    const type = str(listener, 'type')?.trim();
    if (!type) {
      problems.add(id, `a ${what} listener has no job type`);
      return;
    }
    const def: ListenerDef = {
      type: checkedValue(type, id, `${what} listener job type`, problems),
      retries: checkedValue(
        str(listener, 'retries') ?? '3',
        id,
        `${what} listener retries`,
        problems,
      ),
    };
    (out[event] ??= []).push(def);
  };
  for (const listener of children(extension(el, 'zeebe:ExecutionListeners'), 'listeners')) {
    const event = str(listener, 'eventType') ?? 'start';
    if (event === 'start' || event === 'end') add(listener, event, `${event} execution`);
    else
      problems.add(id, `execution listeners on '${event}' are not supported (only start and end)`);
  }
  for (const listener of children(extension(el, 'zeebe:TaskListeners'), 'listeners')) {
    const raw = str(listener, 'eventType') ?? '';
    const event = TASK_LISTENER_EVENTS[raw];
    if (event === 'creating' || event === 'completing') add(listener, event, `${event} task`);
    else
      problems.add(
        id,
        `task listeners on '${raw}' are not supported: tasks are assigned, updated and cancelled ` +
          'outside the engine here (creating and completing listeners run)',
      );
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
