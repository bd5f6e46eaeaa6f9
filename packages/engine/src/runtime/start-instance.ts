import type { StepResult, Variables } from '../contract.js';
import type { CompiledDefinition, CompiledProcess } from '../compile/model.js';
import { openEventSubProcesses } from '../activities/event-sub-process.js';
import { EngineCommandError } from './command-error.js';
import { enterNode } from './lifecycle.js';
import { elementKinds } from './behaviours.js';
import { settle } from './settle.js';
import type { EngineState } from './state.js';
import { Step, type RunOptions } from './step.js';

export interface StartOptions extends RunOptions {
  instanceId: string;
  /** Defaults to the process holding `startEventId`, else the first executable process. */
  processId?: string;
  /** Defaults to the process's none start event. */
  startEventId?: string;
  variables?: Variables;
  now: string;
}

function chooseProcess(def: CompiledDefinition, options: StartOptions): CompiledProcess {
  const { processId, startEventId } = options;
  const byStart = startEventId
    ? [...def.processes.values()].find((p) => p.startIds.includes(startEventId))
    : undefined;
  const process = processId
    ? def.processes.get(processId)
    : (byStart ?? def.processes.get(def.processIds[0] ?? ''));
  if (!process)
    throw new EngineCommandError(
      'NOT_FOUND',
      `no process '${processId ?? startEventId ?? ''}' in this definition`,
    );
  return process;
}

export function startInstance(
  def: CompiledDefinition,
  options: StartOptions,
): StepResult<EngineState> {
  const process = chooseProcess(def, options);
  const startId = options.startEventId ?? process.startId;
  if (!startId || !process.startIds.includes(startId)) {
    throw new EngineCommandError(
      'INVALID',
      startId
        ? `'${startId}' is not a start event of process '${process.id}'`
        : `process '${process.id}' has no none start event; name the start event to use`,
    );
  }
  const initial: EngineState = {
    id: options.instanceId,
    processId: process.id,
    version: 0,
    status: 'active',
    variables: { ...options.variables },
    counter: 0,
    elements: {},
    subscriptions: {},
    incidents: {},
  };
  const step = new Step(def, process, initial, options.now, elementKinds, options);
  const problem = openEventSubProcesses(step, process.eventSubProcessIds, null);
  if (problem) throw new EngineCommandError('INVALID', problem);
  enterNode(step, startId, null);
  settle(step);
  return { state: step.state, effects: step.effects };
}
