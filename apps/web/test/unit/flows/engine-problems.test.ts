import { describe, expect, it } from 'vitest';
import EngineProblems, {
  PROBLEM_MARKER,
} from '@/modules/flows/modeler/engine-problems/EngineProblems';

function fakeDiagram(ids: string[]) {
  const markers = new Set<string>();
  const overlays: { elementId: string; html: HTMLElement }[] = [];
  const selected: unknown[] = [];
  const service = new EngineProblems(
    {
      add: (elementId, _type, overlay) => {
        overlays.push({ elementId, html: overlay.html });
        return String(overlays.length);
      },
      remove: () => overlays.splice(0),
    },
    {
      addMarker: (id, marker) => markers.add(`${id}:${marker}`),
      removeMarker: (id, marker) => markers.delete(`${id}:${marker}`),
      scrollToElement: () => undefined,
    },
    { get: (id) => (ids.includes(id) ? { id } : undefined) },
    { select: (element) => selected.push(element) },
  );
  return { service, markers, overlays, selected };
}

describe('engine problems on the diagram', () => {
  it('marks each element with a problem and one badge carrying all its messages', () => {
    const { service, markers, overlays } = fakeDiagram(['Task_A', 'Flow_1']);

    service.show([
      { elementId: 'Task_A', message: 'the task has no job type' },
      { elementId: 'Task_A', message: 'bad input mapping' },
      { elementId: 'Flow_1', message: 'no condition' },
      { elementId: 'Missing', message: 'not in this diagram' },
    ]);

    expect([...markers]).toEqual([`Task_A:${PROBLEM_MARKER}`, `Flow_1:${PROBLEM_MARKER}`]);
    expect(overlays.map((o) => [o.elementId, o.html.textContent, o.html.title])).toEqual([
      ['Task_A', '2', 'the task has no job type\nbad input mapping'],
      ['Flow_1', '1', 'no condition'],
    ]);
  });

  it('clears the previous marks when shown again', () => {
    const { service, markers, overlays } = fakeDiagram(['Task_A']);
    service.show([{ elementId: 'Task_A', message: 'x' }]);

    service.show([]);

    expect(markers.size).toBe(0);
    expect(overlays).toHaveLength(0);
  });

  it('selects an element from the problem list, and says so when it is not in the diagram', () => {
    const { service, selected } = fakeDiagram(['Task_A']);

    expect(service.focus('Task_A')).toBe(true);
    expect(service.focus('Gone')).toBe(false);
    expect(selected).toEqual([{ id: 'Task_A' }]);
  });
});
