import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import '@camunda/linting/assets/linting.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import '@bpmn-io/element-template-chooser/dist/element-template-chooser.css';
import './flow-modeler.css';
import Modeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  ZeebePropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import LintingModule from '@camunda/linting/modeler';
import { CloudElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import ElementTemplateChooserModule from '@bpmn-io/element-template-chooser';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import type { Locale } from '@/locales';
import EngineOnlyModule from './engine-only';
import EngineProblemsModule from './engine-problems';
import type EngineProblems from './engine-problems/EngineProblems';
import type { DiagramProblem } from './engine-problems/EngineProblems';
import translateModule from './translate';
import VoteTemplatesModule from './vote-templates';
import ApproverRulesModule from './approver-rules';
import { VOTE_TEMPLATES } from './vote-templates/vote-templates';
import { lintOnChange, type LintReport } from './camunda-lint';

export interface FlowModelerContainers {
  canvas: HTMLElement;
  propertiesPanel: HTMLElement;
}

export interface FlowModelerOptions {
  /** The language of the palette, menus and properties panel (the app's locale). */
  locale: Locale;
}

/** The modeler as the flows page uses it; loaded on demand (this module pulls in bpmn-js). */
export interface FlowModeler {
  open(xml: string): Promise<void>;
  xml(): Promise<string>;
  showProblems(problems: readonly DiagramProblem[]): void;
  focus(elementId: string): boolean;
  onChange(listener: () => void): void;
  /** A bpmn-js service by name (overlays, canvas…), for the 模拟 panel's drawing. */
  service<T>(name: string): T;
  /** Switches language: palette, properties panel and an open context pad redraw. */
  setLocale(locale: Locale): void;
  destroy(): void;
}

interface EventBus {
  fire(event: string): void;
}

interface ContextPad {
  isOpen(): boolean;
  open(target: unknown, force: boolean): void;
}

interface DiagramSelection {
  get(): unknown[];
}

export function createFlowModeler(
  containers: FlowModelerContainers,
  options: FlowModelerOptions,
): FlowModeler {
  let locale = options.locale;
  const modeler = new Modeler({
    container: containers.canvas,
    propertiesPanel: { parent: containers.propertiesPanel },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      ZeebePropertiesProviderModule,
      ZeebeBehaviorsModule,
      CloudElementTemplatesPropertiesProviderModule,
      ElementTemplateChooserModule,
      VoteTemplatesModule,
      ApproverRulesModule,
      EngineOnlyModule,
      EngineProblemsModule,
      LintingModule,
      translateModule(() => locale),
    ],
    linting: { active: true },
    // 会签 / 或签 / 票签, ready in the properties panel's template chooser
    elementTemplates: VOTE_TEMPLATES,
    moddleExtensions: { zeebe: zeebeModdle },
  });
  const problems = () => modeler.get<EngineProblems>('engineProblems');
  const xml = async () => {
    const { xml } = await modeler.saveXML({ format: true });
    if (xml === undefined) throw new Error('bpmn-js returned no XML');
    return xml;
  };
  const lint = lintOnChange(xml, (reports) => {
    modeler.get<{ setErrors(reports: LintReport[]): void }>('linting').setErrors(reports);
    containers.canvas.dataset.lintReports = String(reports.length);
  });
  modeler.on('commandStack.changed', () => lint.changed());

  return {
    async open(xml) {
      await modeler.importXML(xml);
      modeler.get<{ zoom(level: string): void }>('canvas').zoom('fit-viewport');
      await lint.lint();
    },
    xml,
    showProblems: (list) => problems().show(list),
    focus: (elementId) => problems().focus(elementId),
    service: <T>(name: string) => modeler.get<T>(name),
    onChange(listener) {
      modeler.on('commandStack.changed', listener);
    },
    setLocale(next) {
      if (next === locale) return;
      locale = next;
      // the palette redraws on i18n.changed, the properties panel when its providers change;
      // the context pad and popup menus take their texts when they open
      const eventBus = modeler.get<EventBus>('eventBus');
      eventBus.fire('i18n.changed');
      eventBus.fire('propertiesPanel.providersChanged');
      modeler.get<{ close(): void }>('popupMenu').close();
      const contextPad = modeler.get<ContextPad>('contextPad');
      if (contextPad.isOpen()) {
        const selected = modeler.get<DiagramSelection>('selection').get();
        contextPad.open(selected.length === 1 ? selected[0] : selected, true);
      }
    },
    destroy() {
      lint.stop();
      modeler.destroy();
    },
  };
}
