import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

import type { BpmnEngineOptions, Engine as EngineClass } from 'bpmn-engine';

import type { EngineUnderTest, FlowName } from './bench.types.js';
import { startVariables } from './bench.types.js';

/*
 * bpmn-engine parses once through the route its docs give for that: bpmn-moddle → a
 * moddle-context-serializer "source context", handed to every new Engine. Both helpers are
 * bpmn-engine's own dependencies, loaded from its folder (CommonJS, like the engine itself
 * below) so that the element behaviours are the very ones the engine runs.
 */
const requireHere = createRequire(import.meta.url);
const requireFromEngine = createRequire(requireHere.resolve('bpmn-engine'));

type ModdleConstructor = new () => { fromXML(xml: string): Promise<unknown> };
type SourceContext = NonNullable<BpmnEngineOptions['sourceContext']>;
interface SerializerModule {
  default: (moddleContext: unknown, typeResolver: unknown) => SourceContext;
  TypeResolver: (elements: unknown) => unknown;
}
const { Engine } = requireHere('bpmn-engine') as { Engine: typeof EngineClass };
/** bpmn-moddle 9 (bpmn-engine's own copy) exports its class as the CommonJS module itself. */
const BpmnModdle = requireFromEngine('bpmn-moddle') as ModdleConstructor;
const serializer = requireFromEngine('moddle-context-serializer') as SerializerModule;
const elements = requireFromEngine('bpmn-elements') as unknown;

/** The element API bpmn-engine hands to a `wait` listener. */
interface WaitingActivity {
  id: string;
  signal(message?: unknown): void;
}

/** Conditions in bpmn-engine's expression syntax call these (`${environment.services.above(…)}`). */
const services = {
  above: (value: number, limit: number): boolean => value > limit,
  atMost: (value: number, limit: number): boolean => value <= limit,
};

const FILES: Record<FlowName, string> = {
  sequence: 'sequence.bpmn',
  parallel: 'parallel.bpmn',
  exclusive: 'exclusive.js.bpmn',
};

async function sourceContextOf(file: string): Promise<SourceContext> {
  const xml = await readFile(new URL(`./flows/${file}`, import.meta.url), 'utf8');
  const moddleContext = await new BpmnModdle().fromXML(xml);
  return serializer.default(moddleContext, serializer.TypeResolver(elements));
}

/** Holds the instance at its first wait; once told to continue, completes every wait at once. */
class ParkingListener extends EventEmitter {
  private autoSignal = false;
  readonly firstWait: Promise<WaitingActivity>;

  constructor() {
    super();
    this.firstWait = new Promise((resolve) => {
      this.on('wait', (activity: WaitingActivity) => {
        if (this.autoSignal) activity.signal();
        else resolve(activity);
      });
    });
  }

  async continueToEnd(engine: EngineClass): Promise<void> {
    this.autoSignal = true;
    const ended = engine.waitFor('end');
    (await this.firstWait).signal();
    await ended;
  }
}

interface ParkedEngine {
  engine: EngineClass;
  listener: ParkingListener;
}

export async function bpmnEngineAdapter(): Promise<EngineUnderTest<ParkedEngine>> {
  const contexts = {} as Record<FlowName, SourceContext>;
  for (const flow of Object.keys(FILES) as FlowName[]) {
    contexts[flow] = await sourceContextOf(FILES[flow]);
  }
  const autoSignal = new EventEmitter();
  autoSignal.on('wait', (activity: WaitingActivity) => activity.signal());

  return {
    name: 'bpmn-engine 25.0.1',
    async runToEnd(flow, i) {
      const engine = new Engine({ sourceContext: contexts[flow] });
      const ended = engine.waitFor('end');
      await engine.execute({ listener: autoSignal, variables: startVariables(flow, i), services });
      await ended;
    },
    async park(i) {
      const engine = new Engine({ sourceContext: contexts.sequence });
      const listener = new ParkingListener();
      await engine.execute({ listener, variables: startVariables('sequence', i), services });
      await listener.firstWait;
      return { engine, listener };
    },
    async serializeRestore({ engine }) {
      const text = JSON.stringify(await engine.getState());
      const restored = new Engine({ sourceContext: contexts.sequence }).recover(JSON.parse(text));
      const listener = new ParkingListener();
      await restored.resume({ listener, services });
      await listener.firstWait;
      return { engine: restored, listener };
    },
    finish: ({ engine, listener }) => listener.continueToEnd(engine),
  };
}
