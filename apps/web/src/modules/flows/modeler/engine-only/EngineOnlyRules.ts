import { isEngineSupported } from '../engine-elements';
import type { EventBus } from './services';

interface Shape {
  type: string;
  businessObject?: { eventDefinitions?: { $type: string }[] };
}

function kindOf(shape: Shape) {
  return {
    type: shape.type,
    eventDefinitionType: shape.businessObject?.eventDefinitions?.[0]?.$type,
  };
}

const HIGH_PRIORITY = 1500;

/**
 * Vetoes creating (drop, paste) an element the engine does not execute, whatever menu or
 * shortcut it came from; the menus already hide such elements.
 */
export default class EngineOnlyRules {
  static $inject = ['eventBus'];

  constructor(eventBus: EventBus) {
    for (const rule of ['shape.create', 'elements.create']) {
      eventBus.on(`commandStack.${rule}.canExecute`, HIGH_PRIORITY, ({ context }) => {
        const { shape, elements } = context as { shape?: Shape; elements?: Shape[] };
        const created = shape ? [shape] : (elements ?? []);
        return created.every((element) => isEngineSupported(kindOf(element))) ? undefined : false;
      });
    }
  }
}
