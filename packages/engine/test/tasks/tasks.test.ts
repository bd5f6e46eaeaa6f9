import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import { bpmn, compiled } from '../support/bpmn.js';
import { run, T0 } from '../support/scenario.js';

const here = import.meta.url;

describe('user task', () => {
  it('creates a task with FEEL and literal assignment, schedule and form, then maps its output', async () => {
    const waiting = await run(here, 'user-task.bpmn', {
      variables: { owner: 'zhang.san', dept: 'party-office' },
    });
    expect(waiting.waiting).toEqual(['Approve']);
    expect(waiting.tasks).toEqual([
      {
        elementId: 'Approve',
        assignee: 'zhang.san',
        candidateGroups: ['leaders', 'party-office'],
        candidateUsers: ['li.si', 'wang.wu'],
        dueDate: '2026-01-08T08:00:00Z',
        formKey: 'approve-form',
      },
    ]);
    const done = await run(here, 'user-task.bpmn', {
      variables: { owner: 'zhang.san', dept: 'x' },
      steps: [{ complete: 'Approve', variables: { decision: 'yes' } }],
    });
    expect(done.state).toBe('completed');
    expect(done.passed).toEqual(['Start', 'Approve', 'End']);
    expect(done.variables).toMatchObject({ approved: 'yes' });
    expect(done.tasks).toEqual([]);
  });
});

describe('Camunda user task (zeebe:userTask)', () => {
  it('names its form by externalReference (custom form key) or formId (linked form)', async () => {
    const task = (id: string, form: string) =>
      `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:userTask />` +
      `<zeebe:formDefinition ${form} /><zeebe:assignmentDefinition candidateGroups="=dept" />` +
      `<zeebe:taskSchedule dueDate="2026-01-09T08:00:00Z" /></bpmn:extensionElements></bpmn:userTask>`;
    const definition = await compiled(
      bpmn(`<bpmn:startEvent id="Start" /><bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Split" />
        <bpmn:parallelGateway id="Split" />
        <bpmn:sequenceFlow id="f2" sourceRef="Split" targetRef="Custom" />
        <bpmn:sequenceFlow id="f3" sourceRef="Split" targetRef="Linked" />
        ${task('Custom', 'externalReference="orglife:plan-draft"')}
        ${task('Linked', 'formId="approval-form"')}`),
    );
    expect(definition.userTaskElements.map((t) => t.formKey)).toEqual([
      'orglife:plan-draft',
      'approval-form',
    ]);
    const trace = simulate(definition, [], { start: T0, variables: { dept: 'office' } });
    expect(trace.tasks).toEqual([
      expect.objectContaining({
        elementId: 'Custom',
        formKey: 'orglife:plan-draft',
        candidateGroups: ['office'],
        dueDate: '2026-01-09T08:00:00Z',
      }),
      expect.objectContaining({ elementId: 'Linked', formKey: 'approval-form' }),
    ]);
  });
});

describe('service task', () => {
  it('completes with the worker variables', async () => {
    const trace = await run(here, 'service-task.bpmn', {
      services: { charge: { variables: { receipt: 'R-1' } } },
    });
    expect(trace.state).toBe('completed');
    expect(trace.variables).toEqual({ receipt: 'R-1' });
  });

  it('completes with no variables when no worker is configured', async () => {
    const trace = await run(here, 'service-task.bpmn');
    expect(trace.passed).toEqual(['Start', 'Charge', 'End']);
  });

  it('stops at the task with an incident once the worker has failed every retry', async () => {
    const waiting = await run(here, 'service-task.bpmn', {
      services: { charge: { fail: 'bank offline' } },
      steps: [{ advance: 'PT4S' }],
    });
    expect(waiting.incidents).toEqual([]);
    const trace = await run(here, 'service-task.bpmn', {
      services: { charge: { fail: 'bank offline' } },
      steps: [{ advance: 'PT5S' }],
    });
    expect(trace.state).toBe('active');
    expect(trace.incidents).toEqual([{ elementId: 'Charge', message: 'bank offline' }]);
    expect(trace.passed).toEqual(['Start']);
  });
});

describe('script task', () => {
  it('evaluates its FEEL expression into the result variable', async () => {
    const trace = await run(here, 'script-task.bpmn', { variables: { a: 2, b: 3 } });
    expect(trace.variables).toMatchObject({ total: 5 });
    expect(trace.state).toBe('completed');
  });

  it('raises an incident when the expression fails', async () => {
    const trace = await run(here, 'script-task.bpmn', { variables: { a: 'x', b: { c: 1 } } });
    expect(trace.state).toBe('active');
    expect(trace.variables).not.toHaveProperty('total');
    expect(trace.incidents.map((i) => i.elementId)).toEqual(['Sum']);
  });
});

describe('receive task', () => {
  it('waits for its message with the matching correlation key', async () => {
    const trace = await run(here, 'receive-task.bpmn', {
      variables: { caseId: 42 },
      steps: [
        { message: 'reply', correlationKey: '41', variables: { text: 'wrong case' } },
        { message: 'reply', correlationKey: 42, variables: { text: 'ok' } },
      ],
    });
    expect(trace.state).toBe('completed');
    expect(trace.variables).toEqual({ caseId: 42, text: 'ok' });
  });
});

describe('send task', () => {
  it('throws its message, which a waiting receive task catches', async () => {
    const trace = await run(here, 'send-task.bpmn');
    expect(trace.state).toBe('completed');
    expect(trace.passed).toContain('Receive');
  });
});

describe('manual task and undefined task', () => {
  it('pass straight through', async () => {
    const trace = await run(here, 'manual-task.bpmn');
    expect(trace.passed).toEqual(['Start', 'Sign', 'Note', 'End']);
  });
});

describe('business rule task', () => {
  it('runs as a job like a service task', async () => {
    const trace = await run(here, 'business-rule-task.bpmn', {
      services: { score: { variables: { score: 7 } } },
    });
    expect(trace.variables).toEqual({ score: 7 });
    expect(trace.state).toBe('completed');
  });
});

describe('incidents', () => {
  it('stop only their own token: the other branch goes on', async () => {
    const trace = await run(here, 'incident-in-branch.bpmn', { steps: [{ complete: 'Other' }] });
    expect(trace.incidents).toEqual([
      { elementId: 'Broken', message: expect.stringMatching(/text/) },
    ]);
    expect(trace.passed).toContain('End2');
    expect(trace.state).toBe('active');
  });
});
