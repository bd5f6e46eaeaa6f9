/**
 * Draws a simulation run on the modeler's canvas: a token badge (with the count) and an outline
 * on each element holding tokens, the elements already passed in green, incidents in red with
 * their message. bpmn-js markers and overlays; `clear` leaves the diagram as it was.
 */
import type { SimulationView } from './session';

interface Overlays {
  add(elementId: string, type: string, overlay: { position: object; html: HTMLElement }): string;
  remove(filter: { type: string }): void;
}
interface Canvas {
  addMarker(elementId: string, marker: string): void;
  removeMarker(elementId: string, marker: string): void;
}
interface ElementRegistry {
  get(id: string): unknown;
}

/** The bpmn-js services the painter needs, by name (the modeler's injector). */
export type DiagramServices = <T>(name: string) => T;

export const OVERLAY = 'simulation';
export const MARKERS = { token: 'sim-token', passed: 'sim-passed', incident: 'sim-incident' };

export interface SimulationPainter {
  show(view: SimulationView, label: (elementId: string) => string): void;
  clear(): void;
}

export function createPainter(services: DiagramServices): SimulationPainter {
  const overlays = services<Overlays>('overlays');
  const canvas = services<Canvas>('canvas');
  const registry = services<ElementRegistry>('elementRegistry');
  let marked: [string, string][] = [];

  function mark(elementId: string, marker: string) {
    canvas.addMarker(elementId, marker);
    marked.push([elementId, marker]);
  }

  function badge(className: string, elementId: string, text: string, title: string) {
    const el = document.createElement('div');
    el.className = className;
    el.dataset.elementId = elementId;
    el.textContent = text;
    el.title = title;
    return el;
  }

  function clear() {
    for (const [elementId, marker] of marked) {
      if (registry.get(elementId)) canvas.removeMarker(elementId, marker);
    }
    marked = [];
    overlays.remove({ type: OVERLAY });
  }

  function show(view: SimulationView, label: (elementId: string) => string) {
    clear();
    const incidents = new Map<string, string[]>();
    for (const { elementId, message } of view.incidents)
      incidents.set(elementId, [...(incidents.get(elementId) ?? []), message]);
    for (const elementId of view.passed) {
      if (registry.get(elementId) && !(elementId in view.tokens)) mark(elementId, MARKERS.passed);
    }
    for (const [elementId, count] of Object.entries(view.tokens)) {
      if (!registry.get(elementId)) continue;
      mark(elementId, MARKERS.token);
      const token = badge('sim-token-badge', elementId, String(count), label(elementId));
      token.dataset.testid = 'sim-token';
      overlays.add(elementId, OVERLAY, { position: { bottom: 8, left: -10 }, html: token });
    }
    for (const [elementId, messages] of incidents) {
      if (!registry.get(elementId)) continue;
      mark(elementId, MARKERS.incident);
      const incident = badge('sim-incident-badge', elementId, '!', messages.join('\n'));
      incident.dataset.testid = 'sim-incident';
      overlays.add(elementId, OVERLAY, { position: { top: -24, left: -10 }, html: incident });
    }
  }

  return { show, clear };
}
