/** An engine problem; without an element id it concerns the whole file. */
export interface DiagramProblem {
  elementId?: string | null;
  line?: number;
  message: string;
}

interface Overlays {
  add(elementId: string, type: string, overlay: { position: object; html: HTMLElement }): string;
  remove(filter: { type: string }): void;
}
interface Canvas {
  addMarker(elementId: string, marker: string): void;
  removeMarker(elementId: string, marker: string): void;
  scrollToElement(element: unknown): void;
}
interface ElementRegistry {
  get(id: string): unknown;
}
interface Selection {
  select(element: unknown): void;
}

export const PROBLEM_MARKER = 'engine-problem';

/**
 * Shows the engine's validation problems on their elements: a red outline plus a badge with
 * the messages (title tooltip); problems about the whole file have no element to sit on.
 */
export default class EngineProblems {
  static $inject = ['overlays', 'canvas', 'elementRegistry', 'selection'];

  private marked: string[] = [];

  constructor(
    private readonly overlays: Overlays,
    private readonly canvas: Canvas,
    private readonly elementRegistry: ElementRegistry,
    private readonly selection: Selection,
  ) {}

  show(problems: readonly DiagramProblem[]): void {
    this.clear();
    const byElement = new Map<string, string[]>();
    for (const { elementId, message } of problems) {
      if (!elementId || !this.elementRegistry.get(elementId)) continue;
      byElement.set(elementId, [...(byElement.get(elementId) ?? []), message]);
    }
    for (const [elementId, messages] of byElement) {
      this.canvas.addMarker(elementId, PROBLEM_MARKER);
      this.overlays.add(elementId, PROBLEM_MARKER, {
        position: { top: -24, right: -24 },
        html: this.badge(elementId, messages),
      });
      this.marked.push(elementId);
    }
  }

  clear(): void {
    for (const elementId of this.marked) {
      if (this.elementRegistry.get(elementId)) this.canvas.removeMarker(elementId, PROBLEM_MARKER);
    }
    this.marked = [];
    this.overlays.remove({ type: PROBLEM_MARKER });
  }

  /** Selects the element and scrolls it into view; false when the diagram has no such element. */
  focus(elementId: string): boolean {
    const element = this.elementRegistry.get(elementId);
    if (!element) return false;
    this.canvas.scrollToElement(element);
    this.selection.select(element);
    return true;
  }

  private badge(elementId: string, messages: string[]): HTMLElement {
    const badge = document.createElement('div');
    badge.className = 'engine-problem-badge';
    badge.dataset.testid = 'flows-problem-badge';
    badge.dataset.elementId = elementId;
    badge.textContent = String(messages.length);
    badge.title = messages.join('\n');
    return badge;
  }
}
