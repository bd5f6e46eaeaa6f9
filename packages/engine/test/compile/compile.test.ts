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
    expect(byElement('Escalate').join()).toMatch(
      /the escalation throw event has no escalation code/,
    );
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

  it('accepts a message end event sent by a job, and a business rule task calling a DMN decision', async () => {
    const xml =
      bpmn(`<bpmn:startEvent id="S" /><bpmn:sequenceFlow id="F0" sourceRef="S" targetRef="Rule" />
      <bpmn:businessRuleTask id="Rule"><bpmn:extensionElements><zeebe:calledDecision decisionId="d" resultVariable="r" /></bpmn:extensionElements></bpmn:businessRuleTask>
      <bpmn:sequenceFlow id="F1" sourceRef="Rule" targetRef="Tell" />
      <bpmn:endEvent id="Tell"><bpmn:extensionElements><zeebe:taskDefinition type="mail" /></bpmn:extensionElements><bpmn:messageEventDefinition /></bpmn:endEvent>`);
    const result = await compile(xml);
    expect(result.ok ? [] : result.problems).toEqual([]);
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

describe('refused elements', () => {
  it('are reported once each, with no follow-on problems about what they left out', async () => {
    const result = await compile(
      bpmn(
        `
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Choose" />
    <bpmn:exclusiveGateway id="Choose" default="toComplex" />
    <bpmn:sequenceFlow id="toComplex" sourceRef="Choose" targetRef="Complex" />
    <bpmn:sequenceFlow id="toWait" sourceRef="Choose" targetRef="Wait">
      <bpmn:conditionExpression>=x > 1</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:complexGateway id="Complex" />
    <bpmn:eventBasedGateway id="Wait" />
    <bpmn:sequenceFlow id="toWhen" sourceRef="Wait" targetRef="When" />
    <bpmn:sequenceFlow id="toLater" sourceRef="Wait" targetRef="Later" />
    <bpmn:intermediateCatchEvent id="When">
      <bpmn:conditionalEventDefinition><bpmn:condition>=x > 2</bpmn:condition></bpmn:conditionalEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="Later">
      <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:adHocSubProcess id="AdHoc" />
    <bpmn:boundaryEvent id="OnAdHoc" attachedToRef="AdHoc">
      <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:subProcess id="OnCondition" triggeredByEvent="true">
      <bpmn:startEvent id="ConditionStart">
        <bpmn:conditionalEventDefinition><bpmn:condition>=x > 3</bpmn:condition></bpmn:conditionalEventDefinition>
      </bpmn:startEvent>
    </bpmn:subProcess>`,
      ),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.elementId).sort()).toEqual(
      ['AdHoc', 'Complex', 'ConditionStart', 'When'].sort(),
    );
  });
});

describe('escalation and link events', () => {
  it('refuses an escalation boundary on a task, and a throw link with no catch link of its name', async () => {
    const result = await compile(
      bpmn(
        `<bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Task" />
    <bpmn:userTask id="Task" />
    <bpmn:boundaryEvent id="OnTask" attachedToRef="Task">
      <bpmn:escalationEventDefinition escalationRef="Late" />
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="Task" targetRef="Jump" />
    <bpmn:intermediateThrowEvent id="Jump"><bpmn:linkEventDefinition name="nowhere" /></bpmn:intermediateThrowEvent>
    <bpmn:intermediateCatchEvent id="Land1"><bpmn:linkEventDefinition name="twice" /></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="Land2"><bpmn:linkEventDefinition name="twice" /></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="Unnamed"><bpmn:linkEventDefinition /></bpmn:intermediateCatchEvent>`,
        `<bpmn:escalation id="Late" escalationCode="late" />`,
      ),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { elementId: 'Unnamed', message: 'the link event has no name' },
      { elementId: 'Land2', message: "another link catch event in this scope is named 'twice'" },
      { elementId: 'Jump', message: "no link catch event in this scope is named 'nowhere'" },
      {
        elementId: 'OnTask',
        message:
          'an escalation boundary event can only be attached to a sub-process or a call activity',
      },
    ]);
  });
});

describe('compensation', () => {
  it('needs each compensation boundary associated with a handler, and handlers without flows', async () => {
    const result = await compile(
      bpmn(`<bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Pay" />
    <bpmn:task id="Pay" />
    <bpmn:boundaryEvent id="OnPay" attachedToRef="Pay"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="Pay" targetRef="Refund" />
    <bpmn:task id="Refund" isForCompensation="true" />`),
    );
    expect(result.ok ? [] : result.problems).toEqual([
      {
        elementId: 'OnPay',
        message:
          'the compensation boundary event is not associated with a compensation handler (an activity marked for compensation)',
      },
      { elementId: 'Refund', message: 'a compensation handler cannot have sequence flows' },
    ]);
  });
});

describe('Camunda 7 models', () => {
  const c7 = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="x">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Review" />
    <bpmn:userTask id="Review" camunda:assignee="\${initiator}" camunda:candidateGroups="office" />
    <bpmn:sequenceFlow id="f2" sourceRef="Review" targetRef="Ok" />
    <bpmn:exclusiveGateway id="Ok" default="no" />
    <bpmn:sequenceFlow id="yes" sourceRef="Ok" targetRef="End">
      <bpmn:conditionExpression>\${approved}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="no" sourceRef="Ok" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

  it('get a warning saying so, and one per element whose camunda: settings are ignored', async () => {
    const result = await compile(c7);
    expect(result.warnings).toEqual([
      { elementId: null, message: expect.stringMatching(/^this is a Camunda 7 model/) },
      {
        elementId: 'Review',
        message: expect.stringMatching(
          /^camunda:assignee, camunda:candidateGroups are Camunda 7 settings and are ignored/,
        ),
      },
    ]);
  });

  it('name JUEL in the problem of a condition written in it', async () => {
    const result = await compile(c7);
    expect(result.ok ? [] : result.problems).toEqual([
      {
        elementId: 'yes',
        message: expect.stringMatching(/not a valid FEEL expression.*\$\{…\} is JUEL.*Camunda 7/),
      },
    ]);
  });

  it('include the MIWG invoice model, written for Camunda 7', async () => {
    const xml = fixture(new URL('../conformance/miwg/', here).href, 'C.1.0.bpmn');
    const result = await compile(xml);
    expect(result.warnings[0]?.message).toMatch(/^this is a Camunda 7 model/);
  });
});

describe('zeebe:userTaskForm', () => {
  const withForm = (form: string) =>
    bpmn(
      `
    <bpmn:extensionElements>${form}</bpmn:extensionElements>
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Fill" />
    <bpmn:userTask id="Fill">
      <bpmn:extensionElements><zeebe:formDefinition formKey="camunda-forms:bpmn:form1" /></bpmn:extensionElements>
    </bpmn:userTask>`,
    );

  it('takes markup inside the form body as text', async () => {
    const result = await compile(
      withForm(
        '<zeebe:userTaskForm id="form1">{"components":[{"type":"text","text":"line one<br />line <b>two</b> &amp; more"}]}</zeebe:userTaskForm>',
      ),
    );
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('leaves an empty form, and one in CDATA, as they are', async () => {
    for (const form of [
      '<zeebe:userTaskForm id="form1" />',
      '<zeebe:userTaskForm id="form1"><![CDATA[{"text":"a<br/>b"}]]></zeebe:userTaskForm>',
    ]) {
      const result = await compile(withForm(form));
      expect(result.ok ? [] : result.problems).toEqual([]);
    }
  });
});
