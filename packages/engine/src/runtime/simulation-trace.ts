/** The simulator's trace: where the root instance stands after a script. */
import type { JsonValue, Variables } from '../contract.js';
import type { MemoryRuntime } from './memory-runtime.js';

export interface SimulationTrace {
  state: 'active' | 'completed' | 'terminated';
  passed: string[];
  waiting: string[];
  tasks: {
    elementId: string;
    assignee: string | null;
    candidateGroups: string[];
    candidateUsers: string[];
    dueDate: string | null;
    formKey: string | null;
  }[];
  variables: Variables;
  incidents: { elementId: string; message: string }[];
}

const WAITING = new Set(['userTask', 'receiveTask', 'intermediateCatchEvent', 'eventBasedGateway']);

export function simulationTrace(
  runtime: MemoryRuntime,
  rootId: string | undefined,
): SimulationTrace {
  const root = rootId ? runtime.instances.get(rootId) : undefined;
  const waiting: string[] = [];
  if (root) {
    const process = root.definition.processes.get(root.state.processId);
    for (const el of Object.values(root.state.elements)) {
      const kind = process?.nodes.get(el.elementId)?.kind;
      if (kind && WAITING.has(kind) && !el.body && !el.incidentId) waiting.push(el.elementId);
    }
  }
  const incidents: SimulationTrace['incidents'] = [];
  for (const instance of runtime.instances.values()) {
    for (const incident of Object.values(instance.state.incidents)) {
      incidents.push({ elementId: incident.elementId, message: incident.message });
    }
  }
  return {
    state: root?.state.status ?? 'active',
    passed: root?.passed ?? [],
    waiting,
    tasks: [...runtime.tasks.values()].map(({ task }) => ({
      elementId: task.elementId,
      assignee: task.assignee ?? null,
      candidateGroups: task.candidateGroups,
      candidateUsers: task.candidateUsers,
      dueDate: task.dueDate ?? null,
      formKey: task.formKey ?? null,
    })),
    variables: root?.state.variables ?? ({} as Record<string, JsonValue>),
    incidents,
  };
}
