import { describe, expect, it } from 'vitest';
import { execute, migrateInstance, startInstance, type EngineState } from '../../src/index.js';
import { bpmn, compiled } from '../support/bpmn.js';

const now = '2026-01-05T08:00:00.000Z';
const later = '2026-01-06T08:00:00.000Z';

const seq = (id: string, from: string, to: string) =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;

/** start → review (user task) → end, optionally with a boundary timer on review. */
function approval(reviewId: string, boundary = '') {
  return bpmn(`
    <bpmn:startEvent id="start" />
    ${seq('f1', 'start', reviewId)}
    <bpmn:userTask id="${reviewId}" />
    ${boundary}
    ${seq('f2', reviewId, 'end')}
    <bpmn:endEvent id="end" />`);
}

const reminder = (host: string) => `
    <bpmn:boundaryEvent id="remind" attachedToRef="${host}" cancelActivity="false">
      <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    ${seq('f3', 'remind', 'remindEnd')}
    <bpmn:endEvent id="remindEnd" />`;

function waitFor(kind: 'timer' | 'message') {
  const definition =
    kind === 'timer'
      ? '<bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition>'
      : '<bpmn:messageEventDefinition messageRef="Msg" />';
  return (id: string) =>
    bpmn(
      `<bpmn:startEvent id="start" />
      ${seq('f1', 'start', id)}
      <bpmn:intermediateCatchEvent id="${id}">${definition}</bpmn:intermediateCatchEvent>
      ${seq('f2', id, 'end')}
      <bpmn:endEvent id="end" />`,
      `<bpmn:message id="Msg" name="paid"><bpmn:extensionElements><zeebe:subscription correlationKey="=key" /></bpmn:extensionElements></bpmn:message>`,
    );
}

describe('migrateInstance', () => {
  it('moves a user task to the mapped element and keeps the task id', async () => {
    const v1 = await compiled(approval('review'));
    const v2 = await compiled(approval('check'));
    const started = startInstance(v1, { instanceId: 'i', now });
    const moved = migrateInstance(v1, v2, started.state, { mappings: { review: 'check' }, now });
    expect(moved.ok).toBe(true);
    if (!moved.ok) return;
    const state = moved.result.state as EngineState;
    const [task] = Object.values(state.elements);
    expect(task?.elementId).toBe('check');
    const done = execute(v2, state, { type: 'completeTask', taskId: task?.id as string, now });
    expect(done.state.status).toBe('completed');
  });

  it('refuses a token left on a removed element, naming it', async () => {
    const v1 = await compiled(approval('review'));
    const v2 = await compiled(approval('check'));
    const started = startInstance(v1, { instanceId: 'i', now });
    const moved = migrateInstance(v1, v2, started.state, { mappings: {}, now });
    expect(moved).toMatchObject({
      ok: false,
      problems: [{ code: 'removed', elementId: 'review' }],
    });
  });

  it('refuses mapping an element to one of another kind', async () => {
    const v1 = await compiled(approval('review'));
    const v2 = await compiled(waitFor('timer')('review'));
    const started = startInstance(v1, { instanceId: 'i', now });
    const moved = migrateInstance(v1, v2, started.state, { mappings: {}, now });
    expect(moved).toMatchObject({ ok: false, problems: [{ code: 'kindChanged' }] });
  });

  it('keeps a timer (same id and due time) when the catch event maps to a timer', async () => {
    const v1 = await compiled(waitFor('timer')('wait'));
    const v2 = await compiled(waitFor('timer')('pause'));
    const started = startInstance(v1, { instanceId: 'i', now });
    const [timer] = Object.values((started.state as EngineState).subscriptions);
    const moved = migrateInstance(v1, v2, started.state, {
      mappings: { wait: 'pause' },
      now: later,
    });
    if (!moved.ok) throw new Error(JSON.stringify(moved.problems));
    const subs = Object.values((moved.result.state as EngineState).subscriptions);
    expect(subs).toEqual([{ ...timer, elementId: 'pause' }]);
    expect(moved.result.effects.map((e) => e.type)).toEqual(['timerCancelled', 'timerScheduled']);
    const fired = execute(v2, moved.result.state, {
      type: 'fireTimer',
      timerId: timer?.id as string,
      now: later,
    });
    expect(fired.state.status).toBe('completed');
  });

  it('keeps a message subscription with its correlation key', async () => {
    const v1 = await compiled(waitFor('message')('wait'));
    const v2 = await compiled(waitFor('message')('paidEvent'));
    const started = startInstance(v1, { instanceId: 'i', variables: { key: 'K1' }, now });
    const moved = migrateInstance(v1, v2, started.state, { mappings: { wait: 'paidEvent' }, now });
    if (!moved.ok) throw new Error(JSON.stringify(moved.problems));
    const subs = Object.values((moved.result.state as EngineState).subscriptions);
    expect(subs).toMatchObject([
      { kind: 'message', elementId: 'paidEvent', name: 'paid', correlationKey: 'K1' },
    ]);
  });

  it('opens a boundary timer the new version adds, and closes one it removes', async () => {
    const v1 = await compiled(approval('review'));
    const v2 = await compiled(approval('review', reminder('review')));
    const started = startInstance(v1, { instanceId: 'i', now });
    const up = migrateInstance(v1, v2, started.state, { mappings: {}, now });
    if (!up.ok) throw new Error(JSON.stringify(up.problems));
    expect(up.result.effects).toMatchObject([
      { type: 'timerScheduled', timer: { elementId: 'remind' } },
    ]);
    const down = migrateInstance(v2, v1, up.result.state, { mappings: {}, now });
    if (!down.ok) throw new Error(JSON.stringify(down.problems));
    expect(down.result.effects.map((e) => e.type)).toEqual(['timerCancelled']);
    expect((down.result.state as EngineState).subscriptions).toEqual({});
  });

  it('moves a multi-instance body with its inner instances, and refuses losing multi-instance', async () => {
    const mi = (id: string, multi: boolean) =>
      approval(id).replace(
        `<bpmn:userTask id="${id}" />`,
        `<bpmn:userTask id="${id}">${multi ? '<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=voters" inputElement="voter" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>' : ''}</bpmn:userTask>`,
      );
    const v1 = await compiled(mi('vote', true));
    const v2 = await compiled(mi('ballot', true));
    const started = startInstance(v1, { instanceId: 'i', variables: { voters: ['a', 'b'] }, now });
    const moved = migrateInstance(v1, v2, started.state, { mappings: { vote: 'ballot' }, now });
    if (!moved.ok) throw new Error(JSON.stringify(moved.problems));
    const elements = Object.values((moved.result.state as EngineState).elements);
    expect(elements).toHaveLength(3);
    expect(elements.every((el) => el.elementId === 'ballot')).toBe(true);
    const single = await compiled(mi('vote', false));
    expect(migrateInstance(v1, single, started.state, { mappings: {}, now })).toMatchObject({
      ok: false,
      problems: [{ code: 'multiInstanceChanged' }],
    });
  });

  it('moves a token inside a sub-process, and refuses moving it out of its scope', async () => {
    const sub = (inner: string) =>
      bpmn(`
      <bpmn:startEvent id="start" />
      ${seq('f1', 'start', 'sub')}
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="subStart" />
        ${seq('s1', 'subStart', inner)}
        <bpmn:userTask id="${inner}" />
        ${seq('s2', inner, 'subEnd')}
        <bpmn:endEvent id="subEnd" />
      </bpmn:subProcess>
      ${seq('f2', 'sub', 'after')}
      <bpmn:userTask id="after" />
      ${seq('f3', 'after', 'end')}
      <bpmn:endEvent id="end" />`);
    const v1 = await compiled(sub('inner'));
    const v2 = await compiled(sub('inner2'));
    const started = startInstance(v1, { instanceId: 'i', now });
    const moved = migrateInstance(v1, v2, started.state, { mappings: { inner: 'inner2' }, now });
    if (!moved.ok) throw new Error(JSON.stringify(moved.problems));
    const ids = Object.values((moved.result.state as EngineState).elements).map((e) => e.elementId);
    expect(ids.sort()).toEqual(['inner2', 'sub']);
    expect(
      migrateInstance(v1, v2, started.state, { mappings: { inner: 'after' }, now }),
    ).toMatchObject({
      ok: false,
      problems: [{ code: 'scopeChanged', elementId: 'inner' }],
    });
  });
});
