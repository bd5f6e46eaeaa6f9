import type { EventBus } from '../engine-only/services';
import { COMPLETION, VOTE_LOOP, voteKindOfTemplate } from './vote-templates';

const DEFAULT_PRIORITY = 1000;

interface ModdleElement {
  $parent?: unknown;
  [key: string]: unknown;
}

interface BpmnFactory {
  create(type: string, attrs?: Record<string, unknown>): ModdleElement;
}

interface Modeling {
  updateProperties(element: unknown, properties: Record<string, unknown>): void;
}

interface ChangeTemplateContext {
  element: unknown;
  newTemplate?: { id?: string } | null;
}

/**
 * Element templates cannot bind a multi-instance loop, so when a vote template (会签, 或签,
 * 票签) is applied, this puts the parallel loop and its FEEL completion condition on the task,
 * in the same command (one undo step).
 */
export default class VoteLoopBehavior {
  static $inject = ['eventBus', 'bpmnFactory', 'modeling'];

  constructor(eventBus: EventBus, bpmnFactory: BpmnFactory, modeling: Modeling) {
    const event = 'commandStack.propertiesPanel.zeebe.changeTemplate.postExecuted';
    eventBus.on(event, DEFAULT_PRIORITY, ({ context }) => {
      const { element, newTemplate } = context as ChangeTemplateContext;
      const kind = voteKindOfTemplate(newTemplate?.id);
      if (!kind) return;
      const loop = bpmnFactory.create('bpmn:MultiInstanceLoopCharacteristics', {
        isSequential: false,
      });
      const zeebeLoop = bpmnFactory.create('zeebe:LoopCharacteristics', { ...VOTE_LOOP });
      const extensions = bpmnFactory.create('bpmn:ExtensionElements', { values: [zeebeLoop] });
      const condition = bpmnFactory.create('bpmn:FormalExpression', { body: COMPLETION[kind] });
      zeebeLoop.$parent = extensions;
      extensions.$parent = loop;
      condition.$parent = loop;
      loop['extensionElements'] = extensions;
      loop['completionCondition'] = condition;
      modeling.updateProperties(element, { loopCharacteristics: loop });
    });
  }
}
