import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import './flow-modeler.css';
import Modeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  ZeebePropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import EngineOnlyModule from './engine-only';
import EngineProblemsModule from './engine-problems';
import type EngineProblems from './engine-problems/EngineProblems';
import type { DiagramProblem } from './engine-problems/EngineProblems';

export interface FlowModelerContainers {
  canvas: HTMLElement;
  propertiesPanel: HTMLElement;
}

/** The modeler as the flows page uses it; loaded on demand (this module pulls in bpmn-js). */
export interface FlowModeler {
  open(xml: string): Promise<void>;
  xml(): Promise<string>;
  showProblems(problems: readonly DiagramProblem[]): void;
  focus(elementId: string): boolean;
  onChange(listener: () => void): void;
  destroy(): void;
}

export function createFlowModeler(containers: FlowModelerContainers): FlowModeler {
  const modeler = new Modeler({
    container: containers.canvas,
    propertiesPanel: { parent: containers.propertiesPanel },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      ZeebePropertiesProviderModule,
      ZeebeBehaviorsModule,
      EngineOnlyModule,
      EngineProblemsModule,
    ],
    moddleExtensions: { zeebe: zeebeModdle },
  });
  const problems = () => modeler.get<EngineProblems>('engineProblems');

  return {
    async open(xml) {
      await modeler.importXML(xml);
      modeler.get<{ zoom(level: string): void }>('canvas').zoom('fit-viewport');
    },
    async xml() {
      const { xml } = await modeler.saveXML({ format: true });
      if (xml === undefined) throw new Error('bpmn-js returned no XML');
      return xml;
    },
    showProblems: (list) => problems().show(list),
    focus: (elementId) => problems().focus(elementId),
    onChange(listener) {
      modeler.on('commandStack.changed', listener);
    },
    destroy: () => modeler.destroy(),
  };
}
