import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';
import { deploy, WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

interface Task {
  id: string;
  assignee: string | null;
  owner: string | null;
  delegation: string | null;
  urgedAt: string | null;
  actions: Record<string, boolean>;
}

/** The task verbs of issue 19: 委派 (entrust, hand back) and 催办 (urge). */
describe('task verbs', () => {
  let t: TestApp;
  let secretary: Client; // branch_secretary on C1-B1
  let committee: Client; // committee_secretary on C1
  let c2Committee: Client; // committee_secretary on C2
  let member: Client;
  let branchCommittee: Client; // on C1-B1

  beforeAll(async () => {
    t = await createTestApp({ app: WORKFLOW_TEST_APP });
    const od = await t.login('od_admin');
    [secretary, committee, c2Committee, member, branchCommittee] = (await Promise.all(
      ['branch_secretary', 'committee_secretary', 'c2_secretary', 'member', 'branch_committee'].map(
        (u) => t.login(u),
      ),
    )) as [Client, Client, Client, Client, Client];
    await deploy(od, 'wf-review');
  });
  afterAll(async () => {
    await t.close();
  });

  async function startDraft(): Promise<string> {
    const unit = t.units['C1-B1']!;
    const res = await secretary
      .post('/api/instances')
      .send({ processId: 'wf_review', orgUnitId: unit, variables: { orgUnitId: unit } })
      .expect(201);
    const [row] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM wf_task WHERE instance_id = $1 AND status = 'open'`,
      [res.body.id],
    );
    return row!.id;
  }

  async function audit(taskId: string) {
    return t.db.query<{ action: string; actor: string; detail: Record<string, unknown> }[]>(
      `SELECT action, actor, detail FROM wf_audit WHERE task_id = $1 ORDER BY id`,
      [taskId],
    );
  }

  describe('委派 (entrust)', () => {
    it('lets the assignee delegate; the delegate hands it back and the owner finishes it', async () => {
      const id = await startDraft();
      await secretary.post(`/api/tasks/${id}/claim`).expect(200);
      const delegateId = t.people['branch_committee']!;
      const entrusted = await secretary
        .post(`/api/tasks/${id}/entrust`)
        .send({ assignee: delegateId, reason: '请帮忙起草' })
        .expect(200);
      expect(entrusted.body).toMatchObject({
        assignee: delegateId,
        owner: t.people['branch_secretary'],
        delegation: 'pending',
      });
      // the owner still sees it but may not finish it while the delegate holds it
      const ownerView = (await secretary.get(`/api/tasks/${id}`).expect(200)).body as Task;
      expect(ownerView.actions).toMatchObject({ complete: false, entrust: false, resolve: false });
      const delegateView = (await branchCommittee.get(`/api/tasks/${id}`).expect(200)).body as Task;
      expect(delegateView.actions).toMatchObject({
        complete: false,
        resolve: true,
        delegate: false,
      });

      const early = await branchCommittee.post(`/api/tasks/${id}/complete`).send({}).expect(409);
      expect(early.body.detail).toBe('委派的任务须由被委派人交回，再由委派人办结');
      const inEnglish = await branchCommittee
        .post(`/api/tasks/${id}/complete`)
        .set('Accept-Language', 'en')
        .send({})
        .expect(409);
      expect(inEnglish.body.detail).toBe(
        'a delegated task is handed back by the delegate and finished by its owner',
      );
      const again = await branchCommittee
        .post(`/api/tasks/${id}/entrust`)
        .send({ assignee: t.people['branch_secretary'] })
        .expect(409);
      expect(again.body.detail).toBe('该任务已委派，等待被委派人交回');
      const reassign = await committee
        .post(`/api/tasks/${id}/delegate`)
        .send({ assignee: delegateId })
        .expect(409);
      expect(reassign.body.detail).toBe('该任务正在委派中，交回委派人后才能转办');
      await secretary.post(`/api/tasks/${id}/resolve`).send({}).expect(403);

      const back = await branchCommittee
        .post(`/api/tasks/${id}/resolve`)
        .send({ comment: '已起草，请审阅' })
        .expect(200);
      expect(back.body).toMatchObject({
        assignee: t.people['branch_secretary'],
        delegation: 'resolved',
      });
      const comments = await secretary.get(`/api/tasks/${id}/comments`).expect(200);
      expect(comments.body.map((c: { body: string }) => c.body)).toContain('已起草，请审阅');
      await secretary.post(`/api/tasks/${id}/complete`).send({}).expect(200);

      expect(
        (await audit(id)).filter(
          (a) => a.action !== 'task.claimed' && a.action !== 'task.completed',
        ),
      ).toEqual([
        {
          action: 'task.entrusted',
          actor: t.people['branch_secretary'],
          detail: { from: t.people['branch_secretary'], to: delegateId, reason: '请帮忙起草' },
        },
        {
          action: 'task.resolved',
          actor: delegateId,
          detail: { from: delegateId, to: t.people['branch_secretary'], reason: '已起草，请审阅' },
        },
      ]);
    });

    it('refuses a delegation by anyone but the assignee, to oneself, or outside the unit', async () => {
      const id = await startDraft();
      const to = { assignee: t.people['branch_committee'] };
      const unclaimed = await secretary.post(`/api/tasks/${id}/entrust`).send(to).expect(409);
      expect(unclaimed.body.detail).toBe('只有任务的办理人可以委派（请先签收）');
      await member.post(`/api/tasks/${id}/entrust`).send(to).expect(403);
      await c2Committee.post(`/api/tasks/${id}/entrust`).send(to).expect(403);
      await secretary.post(`/api/tasks/${id}/claim`).expect(200);
      await committee.post(`/api/tasks/${id}/entrust`).send(to).expect(403);
      const self = await secretary
        .post(`/api/tasks/${id}/entrust`)
        .send({ assignee: t.people['branch_secretary'] })
        .expect(409);
      expect(self.body.detail).toBe('不能委派给自己');
      const outsider = await secretary
        .post(`/api/tasks/${id}/entrust`)
        .send({ assignee: t.people['c2b1_secretary'] })
        .expect(400);
      expect(outsider.body.errors).toEqual([expect.objectContaining({ field: 'assignee' })]);
      const bad = await secretary.post(`/api/tasks/${id}/entrust`).send({}).expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'assignee' })]);
      const [row] = await t.db.query<{ assignee: string; owner: string | null }[]>(
        `SELECT assignee, owner FROM wf_task WHERE id = $1`,
        [id],
      );
      expect(row).toEqual({ assignee: t.people['branch_secretary'], owner: null });
      await secretary.post(`/api/tasks/${id}/complete`).send({}).expect(200);
      const closed = await secretary.post(`/api/tasks/${id}/entrust`).send(to).expect(409);
      expect(closed.body.detail).toBe('任务已办结');
    });
  });

  describe('催办 (urge)', () => {
    it('lets leadership over the unit urge the holder, who is notified in-app, once an hour', async () => {
      const id = await startDraft();
      await secretary.post(`/api/tasks/${id}/claim`).expect(200);
      const notMine = await secretary.post(`/api/tasks/${id}/urge`).send({}).expect(403);
      expect(notMine.body.detail).toBe('只有该任务所在单位的上级（组织部或党委领导）可以催办');
      await c2Committee.post(`/api/tasks/${id}/urge`).send({}).expect(403);

      const urged = await committee
        .post(`/api/tasks/${id}/urge`)
        .send({ message: '本周五前完成' })
        .expect(200);
      expect(urged.body.urgedAt).toEqual(expect.any(String));
      const notices = await secretary.get('/api/task-notifications').expect(200);
      const notice = notices.body.find((n: { taskId: string }) => n.taskId === id);
      expect(notice).toMatchObject({
        kind: 'urged',
        actor: t.people['committee_secretary'],
        actorName: expect.any(String),
        message: '本周五前完成',
        readAt: null,
      });
      await branchCommittee.post(`/api/task-notifications/${notice.id}/read`).expect(404);
      await secretary.post(`/api/task-notifications/${notice.id}/read`).expect(204);
      const after = await secretary.get('/api/task-notifications').expect(200);
      expect(after.body.find((n: { id: string }) => n.id === notice.id).readAt).toEqual(
        expect.any(String),
      );

      const soon = await committee.post(`/api/tasks/${id}/urge`).send({}).expect(429);
      expect(soon.body.detail).toMatch(/^该任务一小时内已催办过，请于 .+ 之后再催办$/);
      const soonEn = await committee
        .post(`/api/tasks/${id}/urge`)
        .set('Accept-Language', 'en')
        .send({})
        .expect(429);
      expect(soonEn.body.detail).toMatch(/^the task was urged less than an hour ago/);
      expect((await audit(id)).filter((a) => a.action === 'task.urged')).toEqual([
        {
          action: 'task.urged',
          actor: t.people['committee_secretary'],
          detail: { to: [t.people['branch_secretary']], reason: '本周五前完成' },
        },
      ]);

      await secretary.post(`/api/tasks/${id}/complete`).send({}).expect(200);
      const closed = await committee.post(`/api/tasks/${id}/urge`).send({}).expect(409);
      expect(closed.body.detail).toBe('任务已办结');
    });

    it('notifies the candidates of a task nobody has claimed', async () => {
      const id = await startDraft();
      await committee.post(`/api/tasks/${id}/urge`).send({}).expect(200);
      const notices = await secretary.get('/api/task-notifications').expect(200);
      expect(notices.body.find((n: { taskId: string }) => n.taskId === id)).toMatchObject({
        message: '请尽快办理该任务 (please handle this task soon)',
      });
      const others = await member.get('/api/task-notifications').expect(200);
      expect(others.body.find((n: { taskId: string }) => n.taskId === id)).toBeUndefined();
    });
  });
});
