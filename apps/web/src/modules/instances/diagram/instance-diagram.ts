import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './instance-diagram.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import type { DiagramState } from './diagram-state';
import InstanceMarksModule from './instance-marks';
import type InstanceMarks from './instance-marks/InstanceMarks';

/** The read-only instance diagram; loaded on demand (this module pulls in bpmn-js). */
export interface InstanceDiagram {
  show(xml: string, state: DiagramState): Promise<void>;
  destroy(): void;
}

export function createInstanceDiagram(container: HTMLElement): InstanceDiagram {
  const viewer = new NavigatedViewer({
    container,
    additionalModules: [InstanceMarksModule],
    moddleExtensions: { zeebe: zeebeModdle },
  });
  return {
    async show(xml, state) {
      await viewer.importXML(xml);
      viewer.get<{ zoom(level: string): void }>('canvas').zoom('fit-viewport');
      viewer.get<InstanceMarks>('instanceMarks').show(state);
    },
    destroy: () => viewer.destroy(),
  };
}
