import { readFile } from 'node:fs/promises';

import { compile, execute, startInstance } from '../src/index.js';
import type { Effect } from '../src/contract.js';
import type { EngineState } from '../src/index.js';
import type { EngineUnderTest, FlowName } from './bench.types.js';
import { startVariables } from './bench.types.js';

type Definition = Parameters<typeof startInstance>[0];

const FILES: Record<FlowName, string> = {
  sequence: 'sequence.bpmn',
  parallel: 'parallel.bpmn',
  exclusive: 'exclusive.feel.bpmn',
};
const NOW = '2026-01-05T08:00:00.000Z';

interface ParkedState {
  state: EngineState;
  openTasks: string[];
}

async function compileFlow(file: string): Promise<Definition> {
  const xml = await readFile(new URL(`./flows/${file}`, import.meta.url), 'utf8');
  const result = await compile(xml);
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.problems)}`);
  return result.definition;
}

function tasksCreated(effects: readonly Effect[], into: string[]): string[] {
  for (const effect of effects) if (effect.type === 'taskCreated') into.push(effect.task.id);
  return into;
}

/** Completes every open task, and every task that creates, until the instance ends. */
function completeAll(definition: Definition, parked: ParkedState): void {
  let { state } = parked;
  const open = parked.openTasks;
  for (let taskId = open.shift(); taskId !== undefined; taskId = open.shift()) {
    const result = execute(definition, state, { type: 'completeTask', taskId, now: NOW });
    state = result.state;
    tasksCreated(result.effects, open);
  }
  if (state.status !== 'completed')
    throw new Error(`our engine: instance ${state.id} is ${state.status}`);
}

function start(definition: Definition, flow: FlowName, i: number): ParkedState {
  const { state, effects } = startInstance(definition, {
    instanceId: `bench-${i}`,
    variables: startVariables(flow, i),
    now: NOW,
  });
  return { state, openTasks: tasksCreated(effects, []) };
}

export async function ourEngineAdapter(): Promise<EngineUnderTest<ParkedState>> {
  const definitions = {} as Record<FlowName, Definition>;
  for (const flow of Object.keys(FILES) as FlowName[])
    definitions[flow] = await compileFlow(FILES[flow]);
  const sequence = definitions.sequence;

  return {
    name: '@orglife/engine',
    runToEnd: (flow, i) => completeAll(definitions[flow], start(definitions[flow], flow, i)),
    park: (i) => start(sequence, 'sequence', i),
    serializeRestore: ({ state, openTasks }) => ({
      state: JSON.parse(JSON.stringify(state)) as EngineState,
      openTasks: [...openTasks],
    }),
    finish: (parked) => completeAll(sequence, parked),
  };
}
