import { describe, expect, it } from 'vitest';
import { diagramState } from '@/modules/instances/diagram/diagram-state';
import type { HistoryEvent, Incident } from '@/modules/instances/instances.api';

const at = '2026-03-02T01:00:00.000Z';
const event = (
  elementId: string,
  elementInstanceId: string,
  kind: HistoryEvent['kind'],
): HistoryEvent => ({
  at,
  elementId,
  elementType: 'bpmn:UserTask',
  elementInstanceId,
  kind,
  actorName: null,
});
const incident = (elementId: string, status: Incident['status'], message = 'failed'): Incident => ({
  id: `${elementId}-${status}`,
  instanceId: 'i1',
  jobId: null,
  orgUnitId: null,
  processId: 'p',
  elementId,
  message,
  status,
  createdAt: at,
  resolvedAt: null,
});

describe('instance diagram state', () => {
  it('counts live tokens per element from activations not yet completed or terminated', () => {
    const state = diagramState(
      [
        event('Start', 's1', 'activated'),
        event('Start', 's1', 'completed'),
        event('Confirm', 'c1', 'activated'),
        event('Confirm', 'c2', 'activated'),
        event('Confirm', 'c3', 'activated'),
        event('Confirm', 'c1', 'completed'),
        event('Timer', 't1', 'activated'),
        event('Timer', 't1', 'terminated'),
      ],
      [],
    );

    expect([...state.tokens]).toEqual([['Confirm', 2]]);
    expect([...state.completed]).toEqual(['Start', 'Confirm']);
  });

  it('marks only open incidents, with every message of the element', () => {
    const state = diagramState(
      [],
      [
        incident('Service', 'open', 'timeout'),
        incident('Service', 'open', 'again'),
        incident('Other', 'resolved'),
      ],
    );

    expect([...state.incidents]).toEqual([['Service', ['timeout', 'again']]]);
  });
});
