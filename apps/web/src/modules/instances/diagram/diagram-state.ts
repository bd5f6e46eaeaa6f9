import type { HistoryEvent, Incident } from '../instances.api';

/** What the instance diagram marks on each element. */
export interface DiagramState {
  /** Elements that completed at least once. */
  completed: Set<string>;
  /** Live tokens: element id → element instances activated and not yet ended. */
  tokens: Map<string, number>;
  /** Open incidents: element id → their messages. */
  incidents: Map<string, string[]>;
  /** 退回 / 撤回 that moved the work to an element: element id → badge text and details. */
  moves: Map<string, { label: string; details: string[] }>;
  /** Verbs on an element's tasks (加签 count, 退回 from here): element id → badge and details. */
  verbs: Map<string, { label: string; details: string[] }>;
}

/** A 退回 or 撤回 to show on the element the work was moved to. */
export interface DiagramMove {
  elementId: string;
  label: string;
  detail: string;
}

/** Derives the marks from the history (in order) and the instance's incidents. */
export function diagramState(
  history: readonly HistoryEvent[],
  incidents: readonly Incident[],
  movesMade: readonly DiagramMove[] = [],
  verbsDone: readonly DiagramMove[] = [],
): DiagramState {
  const completed = new Set<string>();
  const live = new Map<string, string>();
  for (const event of history) {
    switch (event.kind) {
      case 'activated':
        live.set(event.elementInstanceId, event.elementId);
        break;
      case 'completed':
        completed.add(event.elementId);
        live.delete(event.elementInstanceId);
        break;
      case 'terminated':
        live.delete(event.elementInstanceId);
        break;
      case 'incident':
      case 'incidentResolved':
        break;
    }
  }
  const tokens = new Map<string, number>();
  for (const elementId of live.values()) tokens.set(elementId, (tokens.get(elementId) ?? 0) + 1);
  const open = new Map<string, string[]>();
  for (const incident of incidents) {
    if (incident.status !== 'open') continue;
    open.set(incident.elementId, [...(open.get(incident.elementId) ?? []), incident.message]);
  }
  return {
    completed,
    tokens,
    incidents: open,
    moves: grouped(movesMade),
    verbs: grouped(verbsDone),
  };
}

/** Marks by element: the last label, every detail. */
function grouped(marks: readonly DiagramMove[]): Map<string, { label: string; details: string[] }> {
  const out = new Map<string, { label: string; details: string[] }>();
  for (const mark of marks) {
    const known = out.get(mark.elementId);
    out.set(mark.elementId, {
      label: mark.label,
      details: [...(known?.details ?? []), mark.detail],
    });
  }
  return out;
}
