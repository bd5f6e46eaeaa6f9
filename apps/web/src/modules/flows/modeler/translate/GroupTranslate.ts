import type { Translate } from './translate';

/** A properties panel group as providers hand it on (only `translate` matters here). */
export interface PanelGroup {
  id: string;
  translate?: Translate;
}

export type GroupsUpdater = (groups: PanelGroup[]) => PanelGroup[];

export interface PropertiesPanel {
  registerProvider(
    priority: number,
    provider: { getGroups(element: unknown): GroupsUpdater },
  ): void;
}

/** After the BPMN (1000) and Zeebe (500) providers, so every group they add is reached. */
const LAST = 100;

/**
 * bpmn-js-properties-panel renders its groups with @bpmn-io/properties-panel's Group and
 * ListGroup but does not pass them `translate`, so their own texts ("Create", "<empty>", the
 * section tooltips) would stay English. This provider hands the modeler's `translate` to
 * every group.
 */
export default class GroupTranslate {
  static $inject = ['propertiesPanel', 'translate'];

  constructor(propertiesPanel: PropertiesPanel, translate: Translate) {
    propertiesPanel.registerProvider(LAST, {
      getGroups: () => (groups) => groups.map((group) => ({ ...group, translate })),
    });
  }
}
