import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';
import { deploy, WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

interface OpenTask {
  id: string;
  element_id: string;
  assignee: string | null;
}

/** 撤回 and 退回 (issue 19 points 4 and 5) on Draft → Review → (CheckA ‖ CheckB) → Final. */
describe('task moves: withdraw and return', () => {
  let t: TestApp;
  let secretary: Client; // branch_secretary on C1-B1
  let branchCommittee: Client; // branch_committee on C1-B1
  let committee: Client; // committee_secretary on C1
  let member: Client;

  beforeAll(async () => {
    t = await createTestApp({ app: WORKFLOW_TEST_APP });
    const od = await t.login('od_admin');
    [secretary, branchCommittee, committee, member] = await t.loginAll(
      'branch_secretary',
      'branch_committee',
      'committee_secretary',
      'member',
    );
    await deploy(od, 'wf-return');
  });
  afterAll(async () => {
    await t.close();
  });

  async function start(): Promise<string> {
    const unit = t.units['C1-B1']!;
    const res = await secretary
      .post('/api/instances')
      .send({ processId: 'wf_return', orgUnitId: unit, variables: { orgUnitId: unit } })
      .expect(201);
    return res.body.id as string;
  }

  async function open(instanceId: string): Promise<OpenTask[]> {
    return t.db.query<OpenTask[]>(
      `SELECT id, element_id, assignee FROM wf_task WHERE instance_id = $1 AND status = 'open' ORDER BY element_id`,
      [instanceId],
    );
  }

  async function openAt(instanceId: string, elementId: string): Promise<OpenTask> {
    const task = (await open(instanceId)).find((row) => row.element_id === elementId);
    if (!task) throw new Error(`no open ${elementId}`);
    return task;
  }

  async function complete(client: Client, instanceId: string, elementId: string): Promise<string> {
    const task = await openAt(instanceId, elementId);
    await client.post(`/api/tasks/${task.id}/complete`).send({}).expect(200);
    return task.id;
  }

  async function audit(instanceId: string, action: string) {
    return t.db.query<{ actor: string; detail: Record<string, unknown> }[]>(
      `SELECT actor, detail FROM wf_audit WHERE instance_id = $1 AND action = $2 ORDER BY id`,
      [instanceId, action],
    );
  }

  describe('撤回 (withdraw)', () => {
    it('takes a completed task back while the next step is untouched: the next task is cancelled, the task is the completer’s again', async () => {
      const id = await start();
      const draft = await complete(secretary, id, 'Draft');
      const review = await openAt(id, 'Review');

      await branchCommittee.post(`/api/tasks/${draft}/withdraw`).send({}).expect(403);
      const res = await secretary
        .post(`/api/tasks/${draft}/withdraw`)
        .send({ reason: '材料漏了一项' })
        .expect(200);
      expect(res.body).toMatchObject({ id: draft, status: 'completed' });

      const [again] = await open(id);
      expect(again).toMatchObject({ element_id: 'Draft', assignee: t.people['branch_secretary'] });
      const [closed] = await t.db.query<{ status: string }[]>(
        `SELECT status FROM wf_task WHERE id = $1`,
        [review.id],
      );
      expect(closed!.status).toBe('cancelled');
      // nobody else may claim the recreated task: it is not in the claimable index
      const [filed] = await t.db.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM wf_task_candidate WHERE task_id = $1`,
        [again!.id],
      );
      expect(Number(filed!.n)).toBe(0);
      expect(await audit(id, 'task.withdrawn')).toMatchObject([
        {
          actor: t.people['branch_secretary'],
          detail: {
            reason: '材料漏了一项',
            elementId: 'Draft',
            to: t.people['branch_secretary'],
            newTaskId: again!.id,
            cancelled: [{ id: review.id, elementId: 'Review' }],
          },
        },
      ]);
      // the flow goes on from the recreated task
      await secretary.post(`/api/tasks/${again!.id}/complete`).send({}).expect(200);
      expect((await open(id)).map((row) => row.element_id)).toEqual(['Review']);
      // taking back the same completion twice is refused
      const twice = await secretary.post(`/api/tasks/${draft}/withdraw`).send({}).expect(409);
      expect(twice.body.detail).toBe('下一步已办理，不能撤回');
    });

    it('is refused once the next step was claimed or completed, in Chinese or English', async () => {
      const id = await start();
      const draft = await complete(secretary, id, 'Draft');
      const review = await openAt(id, 'Review');
      await branchCommittee.post(`/api/tasks/${review.id}/claim`).expect(200);
      const claimed = await secretary.post(`/api/tasks/${draft}/withdraw`).send({}).expect(409);
      expect(claimed.body.detail).toBe('下一步已办理，不能撤回');
      const english = await secretary
        .post(`/api/tasks/${draft}/withdraw`)
        .set('Accept-Language', 'en')
        .send({})
        .expect(409);
      expect(english.body.detail).toBe(
        'the next step has been acted on: the task can no longer be taken back',
      );

      const id2 = await start();
      const draft2 = await complete(secretary, id2, 'Draft');
      await complete(branchCommittee, id2, 'Review');
      const done = await secretary.post(`/api/tasks/${draft2}/withdraw`).send({}).expect(409);
      expect(done.body.detail).toBe('下一步已办理，不能撤回');

      const openOne = await openAt(id2, 'CheckA');
      const notDone = await committee
        .post(`/api/tasks/${openOne.id}/withdraw`)
        .send({})
        .expect(409);
      expect(notDone.body.detail).toBe('只有已办结的任务可以撤回');
    });

    it('is refused when the completion joined parallel branches', async () => {
      const id = await start();
      await complete(secretary, id, 'Draft');
      await complete(branchCommittee, id, 'Review');
      const a = await complete(committee, id, 'CheckA');
      const b = await complete(committee, id, 'CheckB');
      const joined = await committee.post(`/api/tasks/${b}/withdraw`).send({}).expect(409);
      expect(joined.body.detail).toBe('下一步已办理，不能撤回');
      // CheckA completed first and only waited at the join; but CheckB acted since
      await committee.post(`/api/tasks/${a}/withdraw`).send({}).expect(409);
    });
  });

  describe('退回 (return)', () => {
    it('sends the work from a parallel branch back to Draft: both branches go, Draft is the drafter’s again', async () => {
      const id = await start();
      await complete(secretary, id, 'Draft');
      await complete(branchCommittee, id, 'Review');
      const checkA = await openAt(id, 'CheckA');
      const checkB = await openAt(id, 'CheckB');

      const targets = await committee.get(`/api/tasks/${checkA.id}/return-targets`).expect(200);
      expect(targets.body.map((x: { elementId: string }) => x.elementId)).toEqual([
        'Review',
        'Draft',
      ]);
      expect(targets.body[1]).toMatchObject({
        completedBy: t.people['branch_secretary'],
        completedByName: expect.any(String),
      });

      const noReason = await committee
        .post(`/api/tasks/${checkA.id}/return`)
        .send({ target: 'Draft', reason: '  ' })
        .expect(400);
      expect(noReason.body.errors).toEqual([{ field: 'reason', message: '请填写理由' }]);
      await member
        .post(`/api/tasks/${checkA.id}/return`)
        .send({ target: 'Draft', reason: '不符合要求' })
        .expect(403);
      const sibling = await committee
        .post(`/api/tasks/${checkA.id}/return`)
        .send({ target: 'CheckB', reason: '不符合要求' })
        .expect(409);
      expect(sibling.body.detail).toBe('退回的目标不在本任务已走过的路径上');
      expect(sibling.body.errors).toEqual([
        { field: 'target', message: '退回的目标不在本任务已走过的路径上' },
      ]);

      const res = await committee
        .post(`/api/tasks/${checkA.id}/return`)
        .send({ target: 'Draft', reason: '不符合要求' })
        .expect(200);
      expect(res.body).toMatchObject({ id: checkA.id, status: 'cancelled' });
      const now = await open(id);
      expect(now).toEqual([
        expect.objectContaining({ element_id: 'Draft', assignee: t.people['branch_secretary'] }),
      ]);
      const [row] = await audit(id, 'task.returned');
      expect(row).toMatchObject({
        actor: t.people['committee_secretary'],
        detail: {
          reason: '不符合要求',
          fromElementId: 'CheckA',
          elementId: 'Draft',
          to: t.people['branch_secretary'],
          newTaskId: now[0]!.id,
        },
      });
      expect((row!.detail['cancelled'] as { id: string }[]).map((c) => c.id).sort()).toEqual(
        [checkA.id, checkB.id].sort(),
      );
      // the flow runs on again from Draft
      await complete(secretary, id, 'Draft');
      expect((await open(id)).map((r) => r.element_id)).toEqual(['Review']);
    });

    it('refuses a branch that has already joined and a step not yet done', async () => {
      const id = await start();
      await complete(secretary, id, 'Draft');
      await complete(branchCommittee, id, 'Review');
      await complete(committee, id, 'CheckA');
      await complete(committee, id, 'CheckB');
      const final = await openAt(id, 'Final');
      const joined = await committee
        .post(`/api/tasks/${final.id}/return`)
        .send({ target: 'CheckA', reason: '重审' })
        .expect(409);
      expect(joined.body.detail).toBe('退回的目标在已汇合的并行分支中，流程不可能回到那里');
      const targets = await committee.get(`/api/tasks/${final.id}/return-targets`).expect(200);
      expect(targets.body.map((x: { elementId: string }) => x.elementId)).toEqual([
        'Review',
        'Draft',
      ]);
      await committee
        .post(`/api/tasks/${final.id}/return`)
        .send({ target: 'Review', reason: '请支委复核' })
        .expect(200);
      const review = await openAt(id, 'Review');
      expect(review.assignee).toBe(t.people['branch_committee']);

      const fresh = await start();
      await complete(secretary, fresh, 'Draft');
      const reviewTask = await openAt(fresh, 'Review');
      await branchCommittee.post(`/api/tasks/${reviewTask.id}/claim`).expect(200);
      const undone = await branchCommittee
        .post(`/api/tasks/${reviewTask.id}/return`)
        .set('Accept-Language', 'en')
        .send({ target: 'Final', reason: 'x' })
        .expect(409);
      expect(undone.body.detail).toBe('the target is not on the path that led to this task');
    });
  });
});
