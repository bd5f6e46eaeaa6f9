/** execute(def, state, command): one command → the next state and its effects. */
import type { Command, InstanceStateBase, StepResult } from '../contract.js';
import type { CompiledDefinition } from '../compile/model.js';
import {
  addInnerInstance,
  cancelInnerInstance,
  reopenInnerInstance,
  startBody,
} from '../activities/multi-instance.js';
import { createJob, type JobRetry } from '../tasks/job.js';
import { toIso } from '../timers/iso8601.js';
import { EngineCommandError } from './command-error.js';
import { throwBpmnError } from './errors.js';
import { escalate } from './escalations.js';
import { raiseIncident, takeIncident } from './incidents.js';
import { activate, complete, listenerDone, terminate } from './lifecycle.js';
import { runListener } from './listeners.js';
import { modify } from './modify.js';
import { elementKinds } from './behaviours.js';
import { settle } from './settle.js';
import type { ElementInstance, EngineState, Subscription } from './state.js';
import { Step, type RunOptions } from './step.js';
import { closeSubscriptionsOf } from './subscriptions.js';
import { triggerSubscription } from './triggers.js';
import { setVariables } from './variables.js';

function elementOf(step: Step, id: string, what: string): ElementInstance {
  const el = step.element(id);
  if (!el)
    throw new EngineCommandError('NOT_FOUND', `no ${what} '${id}' in instance '${step.state.id}'`);
  if (el.incidentId)
    throw new EngineCommandError('INVALID', `${what} '${id}' has an open incident`);
  return el;
}

function jobElement(step: Step, jobId: string): ElementInstance {
  for (const id in step.state.elements) {
    const el = step.state.elements[id];
    if (el?.jobId === jobId) return el;
  }
  throw new EngineCommandError('NOT_FOUND', `no job '${jobId}' in instance '${step.state.id}'`);
}

/** The job a failJob with retries left hands out again, due after its backoff. */
function retryOf(step: Step, failed: Extract<Command, { type: 'failJob' }>): JobRetry {
  const backoff = failed.retryBackoff ?? 0;
  return {
    retries: failed.retries,
    failures: failed.failures ?? 0,
    ...(backoff > 0 ? { dueAt: toIso(Date.parse(step.now) + backoff) } : {}),
  };
}

function subscription(step: Step, id: string, kind: Subscription['kind']): Subscription {
  const sub = step.state.subscriptions[id];
  if (!sub || sub.kind !== kind) {
    throw new EngineCommandError(
      'NOT_FOUND',
      `no ${kind} subscription '${id}' in instance '${step.state.id}'`,
    );
  }
  return sub;
}

function expectKind(step: Step, el: ElementInstance, kinds: string[], what: string): void {
  if (!kinds.includes(step.node(el.elementId).kind) || el.body) {
    throw new EngineCommandError('INVALID', `'${el.id}' (${el.elementId}) is not a ${what}`);
  }
}

function run(step: Step, command: Command): void {
  switch (command.type) {
    case 'completeTask': {
      const el = elementOf(step, command.taskId, 'task');
      expectKind(step, el, ['userTask'], 'user task');
      if (el.listener)
        throw new EngineCommandError('INVALID', `task '${el.id}' waits for its listener job`);
      const completing = {
        event: 'completing' as const,
        index: 0,
        ...(command.variables ? { variables: command.variables } : {}),
      };
      if (runListener(step, el, step.node(el.elementId), completing)) return;
      complete(step, el.id, command.variables);
      return;
    }
    case 'fireTimer':
      triggerSubscription(step, subscription(step, command.timerId, 'timer'));
      return;
    case 'correlateMessage':
      triggerSubscription(
        step,
        subscription(step, command.subscriptionId, 'message'),
        command.variables,
      );
      return;
    case 'broadcastSignal':
      triggerSubscription(
        step,
        subscription(step, command.subscriptionId, 'signal'),
        command.variables,
      );
      return;
    case 'completeJob': {
      const el = jobElement(step, command.jobId);
      if (el.listener) {
        listenerDone(step, el.id, command.variables);
        return;
      }
      step.clear(el.id, 'jobId', 'retries');
      complete(step, el.id, command.variables);
      return;
    }
    case 'failJob': {
      const el = jobElement(step, command.jobId);
      const rest = step.clear(el.id, 'jobId');
      const node = step.node(el.elementId);
      const retry = command.retries > 0 ? retryOf(step, command) : undefined;
      if (rest.listener && retry) runListener(step, rest, node, rest.listener, retry);
      else if (retry) createJob(step, rest, node, retry);
      else
        raiseIncident(
          step,
          { ...rest, retries: 0 },
          command.message,
          rest.listener ? 'listener' : 'job',
        );
      return;
    }
    case 'throwError': {
      const thrower = jobElement(step, command.jobId);
      if (thrower.listener) {
        const rest = step.clear(thrower.id, 'jobId', 'retries');
        const why = `a listener job cannot throw a BPMN error (it threw '${command.errorCode}')`;
        raiseIncident(step, rest, why, 'listener');
        return;
      }
      const el = step.clear(thrower.id, 'jobId', 'retries');
      throwBpmnError(step, el, command.errorCode, command.message, false);
      return;
    }
    case 'completeCallActivity': {
      const el = elementOf(step, command.elementInstanceId, 'call activity');
      expectKind(step, el, ['callActivity'], 'call activity');
      const call = step.node(el.elementId);
      const pass = call.outputs || call.call?.propagateAllChildVariables !== false;
      complete(step, el.id, pass ? command.variables : undefined);
      return;
    }
    case 'calledProcessMissing': {
      const el = elementOf(step, command.elementInstanceId, 'call activity');
      expectKind(step, el, ['callActivity'], 'call activity');
      raiseIncident(step, el, command.message, 'behaviour');
      return;
    }
    case 'failCallActivity': {
      const el = elementOf(step, command.elementInstanceId, 'call activity');
      expectKind(step, el, ['callActivity'], 'call activity');
      throwBpmnError(step, el, command.errorCode, undefined, false);
      return;
    }
    case 'escalateCallActivity': {
      const el = elementOf(step, command.elementInstanceId, 'call activity');
      expectKind(step, el, ['callActivity'], 'call activity');
      escalate(step, el, command.escalationCode);
      return;
    }
    case 'resolveIncident': {
      const incident = takeIncident(step, command.incidentId);
      const el = step.element(incident.elementInstanceId);
      if (!el) return;
      if (command.variables) setVariables(step, el.id, command.variables);
      switch (incident.retry) {
        case 'activate':
          if (el.body) startBody(step, el.id);
          else activate(step, el.id);
          return;
        case 'complete':
          complete(step, el.id, incident.variables);
          return;
        case 'job':
          createJob(step, el, step.node(el.elementId));
          return;
        case 'listener':
          if (el.listener) runListener(step, el, step.node(el.elementId), el.listener);
          return;
        case 'behaviour': {
          const node = step.node(el.elementId);
          step.kinds.behaviourOf(node.kind).activate(step, el, node);
          return;
        }
      }
      return;
    }
    case 'addInnerInstance':
      addInnerInstance(step, command.bodyId, command.item);
      return;
    case 'cancelInnerInstance':
      cancelInnerInstance(step, command.elementInstanceId);
      return;
    case 'reopenInnerInstance':
      reopenInnerInstance(step, command.bodyId, command.loopIndex, command.item);
      return;
    case 'modify':
      modify(step, command.cancel, command.activate);
      return;
    case 'cancel':
      for (const el of step.childrenOf(null)) terminate(step, el.id);
      closeSubscriptionsOf(step, null);
      step.state.status = 'terminated';
      step.emit({ type: 'instanceEnded', status: 'terminated', variables: step.state.variables });
      return;
  }
}

/** `state` is what startInstance/execute returned (possibly after a JSON round trip). */
export function execute(
  def: CompiledDefinition,
  opaque: InstanceStateBase,
  command: Command,
  options: RunOptions = {},
): StepResult<EngineState> {
  const state = opaque as EngineState;
  if (state.status !== 'active') {
    throw new EngineCommandError('NOT_ACTIVE', `instance '${state.id}' is ${state.status}`);
  }
  const process = def.processes.get(state.processId);
  if (!process)
    throw new EngineCommandError(
      'NOT_FOUND',
      `process '${state.processId}' is not in this definition`,
    );
  const step = new Step(def, process, state, command.now, elementKinds, options);
  run(step, command);
  settle(step);
  return { state: step.state, effects: step.effects };
}
