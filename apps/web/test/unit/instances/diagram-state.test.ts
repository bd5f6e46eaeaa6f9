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

  it('groups the verbs done on each element: one badge, every detail', () => {
    const state = diagramState(
      [],
      [],
      [],
      [
        { elementId: 'Approve', label: '加签 2', detail: '加签 何佳琪' },
        { elementId: 'Approve', label: '加签 2', detail: '加签 杨丽娟' },
        { elementId: 'Review', label: '已退回', detail: '退回至起草' },
      ],
    );

    expect([...state.verbs]).toEqual([
      ['Approve', { label: '加签 2', details: ['加签 何佳琪', '加签 杨丽娟'] }],
      ['Review', { label: '已退回', details: ['退回至起草'] }],
    ]);
  });
});
