import { describe, expect, it } from 'vitest';
import {
  EngineCommandError,
  execute,
  startInstance,
  type CompiledDefinition,
  type EngineState,
  type StepResult,
  type UserTaskInfo,
} from '../../src/index.js';
import { compiled, fixture } from '../support/bpmn.js';

const here = new URL('./', import.meta.url).href;
const now = '2026-01-05T08:00:00.000Z';

/** Every step goes through JSON, as the API stores it. */
function stored(result: StepResult<EngineState>): EngineState {
  return JSON.parse(JSON.stringify(result.state)) as EngineState;
}

function openTasks(effects: StepResult['effects']): UserTaskInfo[] {
  return effects.flatMap((e) => (e.type === 'taskCreated' ? [e.task] : []));
}

async function countersign(approvers: string[]) {
  const def: CompiledDefinition = await compiled(fixture(here, 'countersign.bpmn'));
  const started = startInstance(def, { instanceId: 'i1', variables: { approvers }, now });
  return { def, state: stored(started), tasks: openTasks(started.effects) };
}

describe('multi-instance votes (会签)', () => {
  it('each inner task names its body; the completion condition sees the votes so far', async () => {
    const { def, state, tasks } = await countersign(['a', 'b', 'c']);
    expect(new Set(tasks.map((t) => t.multiInstanceBodyId)).size).toBe(1);
    const first = execute(def, state, {
      type: 'completeTask',
      taskId: tasks[0]!.id,
      variables: { approved: true },
      now,
    });
    expect(first.state.status).toBe('active');
    const rejected = execute(def, stored(first), {
      type: 'completeTask',
      taskId: tasks[1]!.id,
      variables: { approved: false },
      now,
    });
    expect(rejected.state.status).toBe('completed');
    expect(rejected.state.variables['votes']).toEqual([true, false, null]);
    expect(rejected.effects).toContainEqual({ type: 'taskCancelled', taskId: tasks[2]!.id });
    expect(rejected.effects).toContainEqual(
      expect.objectContaining({
        type: 'history',
        event: expect.objectContaining({ elementId: 'Rejected', kind: 'completed' }),
      }),
    );
  });
});

describe('adding and cancelling inner instances (加签 / 减签)', () => {
  it('an added approver gets a task and must approve too', async () => {
    const { def, state, tasks } = await countersign(['a']);
    const added = execute(def, state, {
      type: 'addInnerInstance',
      bodyId: tasks[0]!.multiInstanceBodyId!,
      item: 'x',
      now,
    });
    const [extra] = openTasks(added.effects);
    expect(extra).toMatchObject({ assignee: 'x', variables: { approver: 'x', loopCounter: 2 } });
    const a = execute(def, stored(added), {
      type: 'completeTask',
      taskId: tasks[0]!.id,
      variables: { approved: true },
      now,
    });
    expect(a.state.status).toBe('active');
    const x = execute(def, stored(a), {
      type: 'completeTask',
      taskId: extra!.id,
      variables: { approved: true },
      now,
    });
    expect(x.state.status).toBe('completed');
    expect(x.state.variables['votes']).toEqual([true, true]);
  });

  it('a cancelled approver no longer counts: the others decide, and its vote is left out', async () => {
    const { def, state, tasks } = await countersign(['a', 'b', 'c']);
    const cancelled = execute(def, state, {
      type: 'cancelInnerInstance',
      elementInstanceId: tasks[1]!.id,
      now,
    });
    expect(cancelled.effects).toContainEqual({ type: 'taskCancelled', taskId: tasks[1]!.id });
    let current = stored(cancelled);
    for (const task of [tasks[0]!, tasks[2]!]) {
      current = stored(
        execute(def, current, {
          type: 'completeTask',
          taskId: task.id,
          variables: { approved: true },
          now,
        }),
      );
    }
    expect(current.status).toBe('completed');
    expect(current.variables['votes']).toEqual([true, true]);
  });

  it('cancelling the last open inner instance completes the body with the votes cast', async () => {
    const { def, state, tasks } = await countersign(['a', 'b']);
    const a = execute(def, state, {
      type: 'completeTask',
      taskId: tasks[0]!.id,
      variables: { approved: true },
      now,
    });
    const done = execute(def, stored(a), {
      type: 'cancelInnerInstance',
      elementInstanceId: tasks[1]!.id,
      now,
    });
    expect(done.state.status).toBe('completed');
    expect(done.state.variables['votes']).toEqual([true]);
  });

  it('refuses an element that is not an inner instance, and a missing body', async () => {
    const { def, state } = await countersign(['a']);
    expect(() =>
      execute(def, state, { type: 'addInnerInstance', bodyId: 'nope', item: 'x', now }),
    ).toThrow(EngineCommandError);
    expect(() =>
      execute(def, state, { type: 'cancelInnerInstance', elementInstanceId: 'nope', now }),
    ).toThrow(EngineCommandError);
  });
});

describe('taking back a vote (撤回) while the round is open', () => {
  it('the voter votes again: their first vote no longer counts and the round waits for them', async () => {
    const { def, state, tasks } = await countersign(['a', 'b']);
    const voted = execute(def, state, {
      type: 'completeTask',
      taskId: tasks[0]!.id,
      variables: { approved: true },
      now,
    });
    const reopened = execute(def, stored(voted), {
      type: 'reopenInnerInstance',
      bodyId: tasks[0]!.multiInstanceBodyId!,
      loopIndex: 0,
      item: 'a',
      now,
    });
    const [again] = openTasks(reopened.effects);
    expect(again).toMatchObject({ assignee: 'a', variables: { approver: 'a', loopCounter: 1 } });
    const b = execute(def, stored(reopened), {
      type: 'completeTask',
      taskId: tasks[1]!.id,
      variables: { approved: true },
      now,
    });
    expect(b.state.status).toBe('active');
    const a = execute(def, stored(b), {
      type: 'completeTask',
      taskId: again!.id,
      variables: { approved: false },
      now,
    });
    expect(a.state.status).toBe('completed');
    expect(a.state.variables['votes']).toEqual([false, true]);
  });

  it('refuses an inner instance still open, and a round already decided', async () => {
    const { def, state, tasks } = await countersign(['a', 'b']);
    const bodyId = tasks[0]!.multiInstanceBodyId!;
    expect(() =>
      execute(def, state, { type: 'reopenInnerInstance', bodyId, loopIndex: 0, item: 'a', now }),
    ).toThrow(EngineCommandError);
    const rejected = execute(def, state, {
      type: 'completeTask',
      taskId: tasks[0]!.id,
      variables: { approved: false },
      now,
    });
    expect(rejected.state.status).toBe('completed');
    expect(() =>
      execute(def, stored(rejected), {
        type: 'reopenInnerInstance',
        bodyId,
        loopIndex: 0,
        item: 'a',
        now,
      }),
    ).toThrow(EngineCommandError);
  });
});
