import { compile } from '@orglife/engine';
import { describe, expect, it } from 'vitest';
import { ENGINE_EVENTS, ENGINE_NODES } from '@/modules/flows/modeler/engine-elements';

// What the modeler offers, checked against what the engine compiles: each element kind goes
// into a small flow beside a start event and a task, and counts as executable unless the
// engine reports it "not supported". Other problems (an event's missing message name) don't
// matter here: the modeler's properties panel fills those in.

const DEFINITIONS = [
  'none',
  'bpmn:TimerEventDefinition',
  'bpmn:MessageEventDefinition',
  'bpmn:SignalEventDefinition',
  'bpmn:ErrorEventDefinition',
  'bpmn:TerminateEventDefinition',
  'bpmn:EscalationEventDefinition',
  'bpmn:ConditionalEventDefinition',
  'bpmn:LinkEventDefinition',
  'bpmn:CompensateEventDefinition',
  'bpmn:CancelEventDefinition',
];

const NODES = [
  'bpmn:Task',
  'bpmn:UserTask',
  'bpmn:ServiceTask',
  'bpmn:ScriptTask',
  'bpmn:SendTask',
  'bpmn:ReceiveTask',
  'bpmn:ManualTask',
  'bpmn:BusinessRuleTask',
  'bpmn:CallActivity',
  'bpmn:SubProcess',
  'bpmn:Transaction',
  'bpmn:AdHocSubProcess',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:InclusiveGateway',
  'bpmn:EventBasedGateway',
  'bpmn:ComplexGateway',
];

/** `bpmn:UserTask` → `bpmn:userTask`, the XML element name. */
const tag = (type: string) => `bpmn:${type.charAt(5).toLowerCase()}${type.slice(6)}`;

function flowWith(element: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="https://orglife.example/test">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="S0" />
    <bpmn:task id="T0" />
    ${element}
  </bpmn:process>
</bpmn:definitions>`;
}

async function engineRuns(element: string): Promise<boolean> {
  const result = await compile(flowWith(element));
  return (
    result.ok ||
    !result.problems.some((p) => p.elementId === 'X' && p.message.includes('not supported'))
  );
}

function event(type: string, definition: string): string {
  const attached = type === 'bpmn:BoundaryEvent' ? ' attachedToRef="T0"' : '';
  // A timer needs its duration: without one the engine stops at that, before judging the kind.
  const body =
    definition === 'none'
      ? ''
      : definition === 'bpmn:TimerEventDefinition'
        ? `<${tag(definition)}><bpmn:timeDuration>PT1H</bpmn:timeDuration></${tag(definition)}>`
        : `<${tag(definition)} />`;
  return `<${tag(type)} id="X"${attached}>${body}</${tag(type)}>`;
}

describe("the modeler's executable elements", () => {
  it.each(Object.keys(ENGINE_EVENTS))(
    'offers exactly the %s kinds the engine runs',
    async (type) => {
      const runs: string[] = [];
      for (const definition of DEFINITIONS) {
        if (await engineRuns(event(type, definition))) runs.push(definition);
      }
      expect(runs.sort()).toEqual([...ENGINE_EVENTS[type]!].sort());
    },
  );

  it('offers exactly the tasks, sub-processes and gateways the engine runs', async () => {
    const runs: string[] = [];
    for (const type of NODES) {
      if (await engineRuns(`<${tag(type)} id="X" />`)) runs.push(type);
    }
    expect(runs.sort()).toEqual([...ENGINE_NODES].sort());
  });
});
