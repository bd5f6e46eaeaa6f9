/** The few diagram-js service shapes the engine-only module uses (diagram-js has no direct types here). */

export type Entries = Record<string, unknown>;
export type EntriesUpdater = (entries: Entries) => Entries;

export interface Palette {
  registerProvider(priority: number, provider: { getPaletteEntries(): EntriesUpdater }): void;
}

export interface ContextPad {
  registerProvider(
    priority: number,
    provider: { getContextPadEntries(element: unknown): EntriesUpdater },
  ): void;
}

export interface PopupMenu {
  registerProvider(
    id: string,
    priority: number,
    provider: { getPopupMenuEntries(target: unknown): EntriesUpdater },
  ): void;
}

export interface EventBus {
  on(event: string, priority: number, callback: (event: { context: unknown }) => unknown): void;
}

/** Runs after bpmn-js's own providers (priority 1000) so it sees their entries. */
export const LOW_PRIORITY = 500;

export function keepEntries(entries: Entries, keep: (key: string) => boolean): Entries {
  return Object.fromEntries(Object.entries(entries).filter(([key]) => keep(key)));
}
