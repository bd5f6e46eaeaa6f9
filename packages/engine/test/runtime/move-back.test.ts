import { describe, expect, it } from 'vitest';
import {
  execute,
  planMoveBack,
  startInstance,
  type EngineState,
  type StepResult,
} from '../../src/index.js';
import type { CompiledDefinition } from '../../src/compile/model.js';
import { bpmn, compiled } from '../support/bpmn.js';

const now = '2026-01-05T08:00:00.000Z';
const seq = (id: string, from: string, to: string) =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;

/** draft → fork → (p1, p2) → join → final → end; `sub` holds one task in a sub-process. */
const parallel = bpmn(`
  <bpmn:startEvent id="start" />${seq('f0', 'start', 'draft')}
  <bpmn:userTask id="draft" />${seq('f1', 'draft', 'fork')}
  <bpmn:parallelGateway id="fork" />${seq('f2', 'fork', 'p1')}${seq('f3', 'fork', 'p2')}
  <bpmn:userTask id="p1" />${seq('f4', 'p1', 'join')}
  <bpmn:userTask id="p2" />${seq('f5', 'p2', 'join')}
  <bpmn:parallelGateway id="join" />${seq('f6', 'join', 'final')}
  <bpmn:userTask id="final" />${seq('f7', 'final', 'sub')}
  <bpmn:subProcess id="sub">
    <bpmn:startEvent id="subStart" />${seq('s1', 'subStart', 'inner')}
    <bpmn:userTask id="inner" />${seq('s2', 'inner', 'subEnd')}
    <bpmn:endEvent id="subEnd" />
  </bpmn:subProcess>${seq('f8', 'sub', 'end')}
  <bpmn:endEvent id="end" />`);

function tasks(state: StepResult['state']): { id: string; elementId: string }[] {
  return Object.values((state as EngineState).elements).filter((el) =>
    ['draft', 'p1', 'p2', 'final', 'inner'].includes(el.elementId),
  );
}

function completeAt(def: CompiledDefinition, result: StepResult, elementId: string): StepResult {
  const task = tasks(result.state).find((t) => t.elementId === elementId);
  if (!task) throw new Error(`no open ${elementId}`);
  return execute(def, result.state, { type: 'completeTask', taskId: task.id, now });
}

function taskOf(result: StepResult, elementId: string): string {
  const task = tasks(result.state).find((t) => t.elementId === elementId);
  if (!task) throw new Error(`no open ${elementId}`);
  return task.id;
}

describe('planMoveBack and modify', () => {
  it('sends a branch back before the split: both branches go, the target is created again', async () => {
    const def = await compiled(parallel);
    const inBranches = completeAt(def, startInstance(def, { instanceId: 'i', now }), 'draft');
    const plan = planMoveBack(def, inBranches.state, taskOf(inBranches, 'p1'), 'draft');
    expect(plan).toMatchObject({ ok: true, parentId: null });
    if (!plan.ok) return;
    expect(plan.cancel.sort()).toEqual([taskOf(inBranches, 'p1'), taskOf(inBranches, 'p2')].sort());
    const moved = execute(def, inBranches.state, {
      type: 'modify',
      cancel: plan.cancel,
      activate: [{ elementId: 'draft', parentId: plan.parentId }],
      now,
    });
    expect(tasks(moved.state).map((t) => t.elementId)).toEqual(['draft']);
    expect(moved.effects.filter((e) => e.type === 'taskCancelled')).toHaveLength(2);
    expect(moved.effects).toContainEqual(
      expect.objectContaining({
        type: 'taskCreated',
        task: expect.objectContaining({ elementId: 'draft' }),
      }),
    );
    // the flow runs on from there as from the start
    const again = completeAt(def, moved, 'draft');
    expect(
      tasks(again.state)
        .map((t) => t.elementId)
        .sort(),
    ).toEqual(['p1', 'p2']);
  });

  it('refuses a sibling branch, a branch that has joined, and a task in another scope', async () => {
    const def = await compiled(parallel);
    const inBranches = completeAt(def, startInstance(def, { instanceId: 'i', now }), 'draft');
    expect(planMoveBack(def, inBranches.state, taskOf(inBranches, 'p1'), 'p2')).toMatchObject({
      ok: false,
      problem: 'notUpstream',
    });
    const atFinal = completeAt(def, completeAt(def, inBranches, 'p1'), 'p2');
    expect(planMoveBack(def, atFinal.state, taskOf(atFinal, 'final'), 'p1')).toMatchObject({
      ok: false,
      problem: 'joinedBranch',
    });
    expect(planMoveBack(def, atFinal.state, taskOf(atFinal, 'final'), 'draft')).toMatchObject({
      ok: true,
    });
    const inSub = completeAt(def, atFinal, 'final');
    expect(planMoveBack(def, inSub.state, taskOf(inSub, 'inner'), 'final')).toMatchObject({
      ok: false,
      problem: 'otherScope',
    });
  });

  it('refuses to activate an element outside the scope it names, changing nothing', async () => {
    const def = await compiled(parallel);
    const started = startInstance(def, { instanceId: 'i', now });
    expect(() =>
      execute(def, started.state, {
        type: 'modify',
        cancel: [taskOf(started, 'draft')],
        activate: [{ elementId: 'inner', parentId: null }],
        now,
      }),
    ).toThrow(/lies in sub/);
    expect(tasks(started.state).map((t) => t.elementId)).toEqual(['draft']);
  });
});
