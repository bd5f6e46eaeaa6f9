import { isEngineSupported } from '../engine-elements';
import { APPEND_KINDS, PALETTE_KINDS, REPLACE_KINDS } from './entry-kinds';
import {
  type ContextPad,
  type Entries,
  keepEntries,
  LOW_PRIORITY,
  type Palette,
  type PopupMenu,
} from './services';

/** Entries that create an element are kept only when the engine executes that element. */
function offersSupported(kind: { type: string } | undefined, key: string, prefix: string) {
  if (!key.startsWith(prefix)) return true;
  return kind !== undefined && isEngineSupported(kind);
}

/**
 * Filters the palette, the context pad's append entries and the replace menu down to what
 * packages/engine executes, so a designer cannot draw a flow the engine would reject.
 */
export default class EngineOnlyMenus {
  static $inject = ['palette', 'contextPad', 'popupMenu'];

  constructor(palette: Palette, contextPad: ContextPad, popupMenu: PopupMenu) {
    palette.registerProvider(LOW_PRIORITY, {
      getPaletteEntries: () => (entries: Entries) =>
        keepEntries(entries, (key) => offersSupported(PALETTE_KINDS[key], key, 'create.')),
    });
    contextPad.registerProvider(LOW_PRIORITY, {
      getContextPadEntries: () => (entries: Entries) =>
        keepEntries(entries, (key) => offersSupported(APPEND_KINDS[key], key, 'append.')),
    });
    popupMenu.registerProvider('bpmn-replace', LOW_PRIORITY, {
      getPopupMenuEntries: () => (entries: Entries) =>
        keepEntries(entries, (key) =>
          offersSupported(REPLACE_KINDS.get(key), key, 'replace-with-'),
        ),
    });
  }
}
