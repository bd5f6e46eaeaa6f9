import type { DiagramState } from '../diagram-state';

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

const COMPLETED = 'instance-completed';
const ACTIVE = 'instance-active';
const INCIDENT = 'instance-incident';
const TOKEN_OVERLAY = 'instance-token';
const INCIDENT_OVERLAY = 'instance-incident';
const MOVE_OVERLAY = 'instance-move';
const VERB_OVERLAY = 'instance-verb';

function badge(className: string, testId: string, elementId: string, text: string, title?: string) {
  const element = document.createElement('div');
  element.className = className;
  element.dataset.testid = testId;
  element.dataset.elementId = elementId;
  element.textContent = text;
  if (title) element.title = title;
  return element;
}

/**
 * Marks an instance on its diagram: completed elements shaded, live tokens as count badges,
 * open incidents outlined red with a badge whose tooltip carries the messages, and each
 * 退回 / 撤回 as a badge on the element the work was moved to (who, from where, why as its tooltip),
 * and the verbs done on an element's tasks (加签 with a count, 已退回 on the step a return left)
 * as a badge at its lower right.
 */
export default class InstanceMarks {
  static $inject = ['overlays', 'canvas', 'elementRegistry'];

  private marked: [string, string][] = [];

  constructor(
    private readonly overlays: Overlays,
    private readonly canvas: Canvas,
    private readonly elementRegistry: ElementRegistry,
  ) {}

  show(state: DiagramState): void {
    this.clear();
    for (const elementId of state.completed) this.mark(elementId, COMPLETED);
    for (const [elementId, count] of state.tokens) {
      if (!this.mark(elementId, ACTIVE)) continue;
      this.overlays.add(elementId, TOKEN_OVERLAY, {
        position: { bottom: -4, left: -24 },
        html: badge('instance-token-badge', 'instance-token', elementId, String(count)),
      });
    }
    for (const [elementId, messages] of state.incidents) {
      if (!this.mark(elementId, INCIDENT)) continue;
      this.overlays.add(elementId, INCIDENT_OVERLAY, {
        position: { top: -24, right: -24 },
        html: badge(
          'instance-incident-badge',
          'instance-incident',
          elementId,
          '!',
          messages.join('\n'),
        ),
      });
    }
    for (const [elementId, move] of state.moves) {
      if (!this.elementRegistry.get(elementId)) continue;
      this.overlays.add(elementId, MOVE_OVERLAY, {
        position: { top: -12, left: -12 },
        html: badge(
          'instance-move-badge',
          'instance-move',
          elementId,
          move.label,
          move.details.join('\n'),
        ),
      });
    }
    for (const [elementId, verb] of state.verbs) {
      if (!this.elementRegistry.get(elementId)) continue;
      this.overlays.add(elementId, VERB_OVERLAY, {
        position: { bottom: -12, right: -12 },
        html: badge(
          'instance-verb-badge',
          'instance-verb',
          elementId,
          verb.label,
          verb.details.join('\n'),
        ),
      });
    }
  }

  clear(): void {
    for (const [elementId, marker] of this.marked) this.canvas.removeMarker(elementId, marker);
    this.marked = [];
    this.overlays.remove({ type: TOKEN_OVERLAY });
    this.overlays.remove({ type: INCIDENT_OVERLAY });
    this.overlays.remove({ type: MOVE_OVERLAY });
    this.overlays.remove({ type: VERB_OVERLAY });
  }

  private mark(elementId: string, marker: string): boolean {
    if (!this.elementRegistry.get(elementId)) return false;
    this.canvas.addMarker(elementId, marker);
    this.marked.push([elementId, marker]);
    return true;
  }
}
