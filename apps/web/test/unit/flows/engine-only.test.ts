import { describe, expect, it } from 'vitest';
import { isEngineSupported } from '@/modules/flows/modeler/engine-elements';
import EngineOnlyMenus from '@/modules/flows/modeler/engine-only/EngineOnlyMenus';
import EngineOnlyRules from '@/modules/flows/modeler/engine-only/EngineOnlyRules';
import type { Entries, EntriesUpdater } from '@/modules/flows/modeler/engine-only/services';

/** Captures what the module registers on the diagram-js services. */
function registerMenus() {
  const updaters: Record<string, EntriesUpdater> = {};
  new EngineOnlyMenus(
    { registerProvider: (_p, provider) => (updaters.palette = provider.getPaletteEntries()) },
    {
      registerProvider: (_p, provider) => (updaters.contextPad = provider.getContextPadEntries({})),
    },
    {
      registerProvider: (id, _p, provider) => {
        updaters[id] = provider.getPopupMenuEntries({});
      },
    },
  );
  return updaters;
}

const entries = (...keys: string[]): Entries => Object.fromEntries(keys.map((key) => [key, {}]));

describe('engine-only modeler module', () => {
  it('knows what the engine executes: typed events by their definition, tasks, gateways', () => {
    expect(isEngineSupported({ type: 'bpmn:UserTask' })).toBe(true);
    expect(
      isEngineSupported({
        type: 'bpmn:StartEvent',
        eventDefinitionType: 'bpmn:TimerEventDefinition',
      }),
    ).toBe(true);
    expect(
      isEngineSupported({
        type: 'bpmn:StartEvent',
        eventDefinitionType: 'bpmn:ConditionalEventDefinition',
      }),
    ).toBe(false);
    expect(isEngineSupported({ type: 'bpmn:IntermediateCatchEvent' })).toBe(false);
    expect(isEngineSupported({ type: 'bpmn:ComplexGateway' })).toBe(false);
    expect(isEngineSupported({ type: 'bpmn:Transaction' })).toBe(false);
  });

  it('keeps palette tools and supported elements, drops data stores, pools and the rest', () => {
    const { palette } = registerMenus();

    const kept = Object.keys(
      palette!(
        entries(
          'hand-tool',
          'create.start-event',
          'create.task',
          'create.data-store',
          'create.participant-expanded',
          'create.unknown',
        ),
      ),
    );

    expect(kept).toEqual(['hand-tool', 'create.start-event', 'create.task']);
  });

  it('drops context pad appends the engine cannot run, keeps connect and delete', () => {
    const { contextPad } = registerMenus();

    const kept = Object.keys(
      contextPad!(
        entries(
          'connect',
          'delete',
          'append.append-task',
          'append.condition-intermediate-event',
          'append.timer-intermediate-event',
        ),
      ),
    );

    expect(kept).toEqual([
      'connect',
      'delete',
      'append.append-task',
      'append.timer-intermediate-event',
    ]);
  });

  it('filters the replace menu by what each option turns the element into', () => {
    const replace = registerMenus()['bpmn-replace'];

    const kept = Object.keys(
      replace!(
        entries(
          'replace-with-user-task',
          'replace-with-timer-start',
          'replace-with-conditional-start',
          'replace-with-complex-gateway',
          'toggle-loop',
        ),
      ),
    );

    expect(kept).toEqual(['replace-with-user-task', 'replace-with-timer-start', 'toggle-loop']);
  });

  it('vetoes creating or pasting an unsupported element whatever the gesture', () => {
    const rules: Record<string, (event: { context: unknown }) => unknown> = {};
    new EngineOnlyRules({ on: (event, _priority, callback) => (rules[event] = callback) });
    const create = rules['commandStack.shape.create.canExecute']!;
    const paste = rules['commandStack.elements.create.canExecute']!;
    const conditional = {
      type: 'bpmn:StartEvent',
      businessObject: { eventDefinitions: [{ $type: 'bpmn:ConditionalEventDefinition' }] },
    };

    expect(create({ context: { shape: { type: 'bpmn:UserTask' } } })).toBeUndefined();
    expect(create({ context: { shape: conditional } })).toBe(false);
    expect(
      paste({ context: { elements: [{ type: 'bpmn:SequenceFlow' }, { type: 'bpmn:Task' }] } }),
    ).toBeUndefined();
    expect(
      paste({ context: { elements: [{ type: 'bpmn:Task' }, { type: 'bpmn:ComplexGateway' }] } }),
    ).toBe(false);
  });
});
