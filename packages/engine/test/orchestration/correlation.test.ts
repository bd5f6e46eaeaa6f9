import { describe, expect, it } from 'vitest';
import { compile, MemoryRuntime } from '../../src/index.js';
import { messageRecipients } from '../../src/orchestration/correlation.js';
import { T0 } from '../support/scenario.js';

const NS =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"';

/** A process that waits for one message (`key`: its correlation key expression, if any). */
function waiting(processId: string, message: string, key?: string): string {
  const subscription = key
    ? `<bpmn:extensionElements><zeebe:subscription correlationKey="${key}" /></bpmn:extensionElements>`
    : '';
  return `<bpmn:message id="M_${processId}" name="${message}">${subscription}</bpmn:message>
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="${processId}_start" />
    <bpmn:intermediateCatchEvent id="${processId}_wait"><bpmn:messageEventDefinition messageRef="M_${processId}" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="${processId}_end" />
    <bpmn:sequenceFlow id="${processId}_f1" sourceRef="${processId}_start" targetRef="${processId}_wait" />
    <bpmn:sequenceFlow id="${processId}_f2" sourceRef="${processId}_wait" targetRef="${processId}_end" />
  </bpmn:process>`;
}

function startedBy(processId: string, message: string): string {
  return `<bpmn:message id="M_${processId}" name="${message}" />
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="${processId}_start"><bpmn:messageEventDefinition messageRef="M_${processId}" /></bpmn:startEvent>
    <bpmn:endEvent id="${processId}_end" />
    <bpmn:sequenceFlow id="${processId}_f1" sourceRef="${processId}_start" targetRef="${processId}_end" />
  </bpmn:process>`;
}

async function runtimeWith(...parts: string[]): Promise<MemoryRuntime> {
  const result = await compile(
    `<bpmn:definitions ${NS} id="d" targetNamespace="t">${parts.join('')}</bpmn:definitions>`,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const runtime = new MemoryRuntime({ now: T0 });
  runtime.deploy(result.definition);
  return runtime;
}

const statuses = (runtime: MemoryRuntime) =>
  [...runtime.instances.values()].map((i) => `${i.state.processId}:${i.state.status}`);

describe('message and signal routing (the orchestration kernel, as Zeebe routes them)', () => {
  it('a subscription without a correlation key takes only messages without one', async () => {
    const runtime = await runtimeWith(waiting('plain', 'nudge'));
    runtime.start('plain');
    expect(runtime.publishMessage('nudge', 'K')).toBe(false);
    expect(runtime.publishMessage('nudge')).toBe(true);
    expect(statuses(runtime)).toEqual(['plain:completed']);
  });

  it('a subscription with a key takes only messages with that key', async () => {
    const runtime = await runtimeWith(waiting('keyed', 'paid', '=order'));
    runtime.start('keyed', { variables: { order: 'A' } });
    expect(runtime.publishMessage('paid')).toBe(false);
    expect(runtime.publishMessage('paid', 'B')).toBe(false);
    expect(runtime.publishMessage('paid', 'A')).toBe(true);
  });

  it('a message reaches the oldest waiting instance of each process, once per process', async () => {
    const runtime = await runtimeWith(waiting('one', 'done', '=k'), waiting('two', 'done', '=k'));
    for (const processId of ['one', 'one', 'two'])
      runtime.start(processId, { variables: { k: 1 } });
    runtime.publishMessage('done', 1);
    expect(statuses(runtime)).toEqual(['one:completed', 'one:active', 'two:completed']);
  });

  it('a message nobody waits for starts every process with that message start event', async () => {
    const runtime = await runtimeWith(
      startedBy('first', 'kickoff'),
      startedBy('second', 'kickoff'),
    );
    expect(runtime.publishMessage('kickoff')).toBe(true);
    expect(statuses(runtime).sort()).toEqual(['first:completed', 'second:completed']);
  });

  it('lists each process once: its waiting subscriptions first, its start event for when none is left', () => {
    const recipients = messageRecipients(
      [{ id: 's1', instanceId: 'i1', processId: 'p' }],
      [
        { processId: 'p', elementId: 'start', definitionRef: '1' },
        { processId: 'q', elementId: 'start', definitionRef: '1' },
      ],
    );
    expect(recipients).toEqual([
      {
        processId: 'p',
        waiting: [{ id: 's1', instanceId: 'i1', processId: 'p' }],
        start: { processId: 'p', elementId: 'start', definitionRef: '1' },
      },
      {
        processId: 'q',
        waiting: [],
        start: { processId: 'q', elementId: 'start', definitionRef: '1' },
      },
    ]);
  });
});
