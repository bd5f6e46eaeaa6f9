import { describe, expect, it } from 'vitest';
import { compile } from '../../src/index.js';
import { bpmn, fixture } from '../support/bpmn.js';

const here = import.meta.url;

describe('compile', () => {
  it('returns the processes, start events and user task elements of a valid file', async () => {
    const result = await compile(fixture(new URL('../cli/', here).href, 'vertical-slice.bpmn'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.definition.processIds).toEqual(['Approval']);
    expect(result.definition.startEvents).toEqual([
      { processId: 'Approval', elementId: 'Start', kind: 'none' },
    ]);
    expect(result.definition.userTaskElements).toEqual([
      { processId: 'Approval', id: 'Review', name: 'Review', formKey: 'review-form' },
    ]);
  });

  it('reports every problem of a broken file, each naming its element', async () => {
    const result = await compile(fixture(here, 'many-problems.bpmn'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byElement = (id: string) =>
      result.problems.filter((p) => p.elementId === id).map((p) => p.message);
    expect(byElement('Dangling').join()).toMatch(/Nowhere.*does not exist/);
    expect(byElement('Choose').join()).toMatch(/default flow is 'Missing', which does not exist/);
    expect(byElement('Floating').join()).toMatch(/attached to 'Ghost'/);
    expect(byElement('Floating').join()).toMatch(/'soon' is not an ISO-8601 duration/);
    expect(byElement('Wait').join()).toMatch(/message 'NoSuchMessage'/);
    expect(byElement('ToA').join()).toMatch(/condition '=amount >' is not a valid FEEL expression/);
    expect(byElement('ToB').join()).toMatch(/no condition and is not the default flow/);
    expect(byElement('NoType').join()).toMatch(/no job type/);
    expect(byElement('NoProcess').join()).toMatch(/does not name the process to call/);
    expect(byElement('Complex').join()).toMatch(/complex gateways are not supported/);
    expect(byElement('Escalate').join()).toMatch(/escalation events are not supported/);
  });

  it('reports a process without a start event', async () => {
    const result = await compile(fixture(here, 'no-start.bpmn'));
    expect(result).toEqual({
      ok: false,
      problems: [{ elementId: 'NoStart', message: 'the process has no start event' }],
      warnings: [],
    });
  });

  it('reports the line of malformed XML', async () => {
    const result = await compile(
      '<?xml version="1.0"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">\n<bpmn:process id="p">\n<bpmn:task id="t">\n</bpmn:process>\n</bpmn:definitions>',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.line).toBe(5);
    expect(result.problems[0]?.message).toMatch(/malformed XML/);
  });

  it('rejects a DTD at once, so an entity bomb is never expanded', async () => {
    const lol = Array.from(
      { length: 10 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`,
    ).join('\n');
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 "lol">\n${lol}\n]>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&lol10;</bpmn:definitions>`;
    const started = performance.now();
    const result = await compile(bomb);
    expect(performance.now() - started).toBeLessThan(200);
    expect(result).toEqual({
      ok: false,
      problems: [
        { elementId: null, line: 2, message: expect.stringMatching(/DOCTYPE.*not allowed/) },
      ],
      warnings: [],
    });
  });

  it('treats `=` values as FEEL and checks their syntax by attribute', async () => {
    const xml =
      bpmn(`<bpmn:startEvent id="S" /><bpmn:sequenceFlow id="F" sourceRef="S" targetRef="U" />
      <bpmn:userTask id="U"><bpmn:extensionElements><zeebe:assignmentDefinition assignee="=user(" /></bpmn:extensionElements></bpmn:userTask>`);
    const result = await compile(xml);
    expect(result.ok ? [] : result.problems).toEqual([
      {
        elementId: 'U',
        message: expect.stringMatching(/^assignee '=user\(' is not a valid FEEL expression/),
      },
    ]);
  });

  it('names a timer end event as unsupported even when its timer is also incomplete', async () => {
    const xml =
      bpmn(`<bpmn:startEvent id="S" /><bpmn:sequenceFlow id="F0" sourceRef="S" targetRef="E" />
      <bpmn:endEvent id="E"><bpmn:timerEventDefinition /></bpmn:endEvent>`);
    const result = await compile(xml);
    expect(result.ok ? [] : result.problems).toEqual([
      { elementId: 'E', message: 'the timer has no date, duration or cycle' },
      { elementId: 'E', message: 'timer end events are not supported' },
    ]);
  });

  it('accepts a message end event sent by a job, and names DMN business rule tasks as unsupported', async () => {
    const xml =
      bpmn(`<bpmn:startEvent id="S" /><bpmn:sequenceFlow id="F0" sourceRef="S" targetRef="Rule" />
      <bpmn:businessRuleTask id="Rule"><bpmn:extensionElements><zeebe:calledDecision decisionId="d" resultVariable="r" /></bpmn:extensionElements></bpmn:businessRuleTask>
      <bpmn:sequenceFlow id="F1" sourceRef="Rule" targetRef="Tell" />
      <bpmn:endEvent id="Tell"><bpmn:extensionElements><zeebe:taskDefinition type="mail" /></bpmn:extensionElements><bpmn:messageEventDefinition /></bpmn:endEvent>`);
    const result = await compile(xml);
    expect(result.ok ? [] : result.problems).toEqual([
      { elementId: 'Rule', message: expect.stringMatching(/DMN decisions .* are not supported/) },
    ]);
  });
});

describe('compile warnings', () => {
  const loop = (inLoop: string) =>
    bpmn(`
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Again" />
    <bpmn:exclusiveGateway id="Again" default="out" />
    <bpmn:sequenceFlow id="in" sourceRef="Again" targetRef="Body">
      <bpmn:conditionExpression>=true</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    ${inLoop}
    <bpmn:sequenceFlow id="back" sourceRef="Body" targetRef="Again" />
    <bpmn:sequenceFlow id="out" sourceRef="Again" targetRef="End" />
    <bpmn:endEvent id="End" />`);

  it('warns about a loop with no wait state, naming its first element and every element in it', async () => {
    const result = await compile(
      loop(`<bpmn:scriptTask id="Body"><bpmn:extensionElements>
        <zeebe:script expression="=1" resultVariable="one" /></bpmn:extensionElements></bpmn:scriptTask>`),
    );
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      {
        elementId: 'Again',
        message: expect.stringMatching(/^the loop through 'Again', 'Body' has no wait state/),
      },
    ]);
  });

  it('does not warn when the loop waits somewhere: a user task, or a sub-process holding a timer', async () => {
    const task = await compile(loop(`<bpmn:userTask id="Body" />`));
    expect(task.warnings).toEqual([]);
    const sub = await compile(
      loop(`<bpmn:subProcess id="Body">
        <bpmn:startEvent id="SubStart" />
        <bpmn:sequenceFlow id="s1" sourceRef="SubStart" targetRef="Pause" />
        <bpmn:intermediateCatchEvent id="Pause">
          <bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:intermediateCatchEvent>
      </bpmn:subProcess>`),
    );
    expect(sub.warnings).toEqual([]);
  });
});
