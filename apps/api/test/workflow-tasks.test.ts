import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../src/auth/auth-user.js';
import { PersonRoles } from '../src/auth/person-roles.js';
import { Transactions } from '../src/database/transactions.js';
import { TaskCommandService } from '../src/workflow/tasks/task-command.service.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';
import { deploy, WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

interface Task {
  id: string;
  elementId: string;
  assignee: string | null;
  status: string;
  candidateGroups: string[];
  formKey: string | null;
  priority: number;
  dueAt: string | null;
  orgUnitId: string | null;
}

describe('user tasks', () => {
  let t: TestApp;
  let od: Client;
  let secretary: Client; // branch_secretary on C1-B1
  let otherSecretary: Client; // branch_secretary on C1-B2
  let committee: Client; // committee_secretary on C1
  let c2Committee: Client; // committee_secretary on C2
  let member: Client;
  let branchCommittee: Client;

  beforeAll(async () => {
    t = await createTestApp({ app: WORKFLOW_TEST_APP });
    od = await t.login('od_admin');
    const clients = await Promise.all(
      [
        'branch_secretary',
        'c1b2_secretary',
        'committee_secretary',
        'c2_secretary',
        'member',
        'branch_committee',
      ].map((u) => t.login(u)),
    );
    [secretary, otherSecretary, committee, c2Committee, member, branchCommittee] = clients as [
      Client,
      Client,
      Client,
      Client,
      Client,
      Client,
    ];
    await deploy(od, 'wf-review');
  });
  afterAll(async () => {
    await t.close();
  });

  async function startReview(): Promise<{ instanceId: string; draft: Task }> {
    const unit = t.units['C1-B1']!;
    const res = await secretary
      .post('/api/instances')
      .send({
        processId: 'wf_review',
        orgUnitId: unit,
        variables: { orgUnitId: unit, dueAt: '2026-03-09T01:00:00.000Z' },
      })
      .expect(201);
    const instanceId = res.body.id as string;
    const row = await t.db.query<{ id: string }[]>(
      `SELECT id FROM wf_task WHERE instance_id = $1 AND status = 'open'`,
      [instanceId],
    );
    const draft = await secretary.get(`/api/tasks/${row[0]!.id}`).expect(200);
    return { instanceId, draft: draft.body as Task };
  }

  it('creates the task with its candidate group, due date, form key, priority and org unit', async () => {
    const { draft } = await startReview();
    expect(draft).toMatchObject({
      elementId: 'Draft',
      assignee: null,
      status: 'open',
      candidateGroups: [`branch_secretary@${t.units['C1-B1']}`],
      formKey: 'test:draft',
      priority: 70,
      dueAt: '2026-03-09T01:00:00.000Z',
      orgUnitId: t.units['C1-B1'],
    });
  });

  it('lets only a candidate claim, and a claimed task leaves the claimable list', async () => {
    const { draft } = await startReview();
    await otherSecretary.post(`/api/tasks/${draft.id}/claim`).expect(403);
    await member.get(`/api/tasks/${draft.id}`).expect(403);

    const claimable = await secretary.get('/api/tasks?tab=claimable&pageSize=100').expect(200);
    expect(claimable.body.items.map((x: Task) => x.id)).toContain(draft.id);

    const claimed = await secretary.post(`/api/tasks/${draft.id}/claim`).expect(200);
    expect(claimed.body.assignee).toBe(t.people['branch_secretary']);
    await committee.post(`/api/tasks/${draft.id}/claim`).expect(403);

    const mine = await secretary.get('/api/tasks?tab=mine&pageSize=100').expect(200);
    expect(mine.body.items.map((x: Task) => x.id)).toContain(draft.id);
    const after = await secretary.get('/api/tasks?tab=claimable&pageSize=100').expect(200);
    expect(after.body.items.map((x: Task) => x.id)).not.toContain(draft.id);

    const unclaimed = await secretary.post(`/api/tasks/${draft.id}/unclaim`).expect(200);
    expect(unclaimed.body.assignee).toBeNull();
    const back = await secretary.get('/api/tasks?tab=claimable&pageSize=100').expect(200);
    expect(back.body.items.map((x: Task) => x.id)).toContain(draft.id);
  });

  it('files a task in the claimable index only while it is open and nobody holds it', async () => {
    const filed = async (taskId: string) =>
      Number(
        (
          await t.db.query<{ n: string }[]>(
            `SELECT count(*) AS n FROM wf_task_candidate WHERE task_id = $1`,
            [taskId],
          )
        )[0]!.n,
      );
    const claimedThenDone = (await startReview()).draft;
    expect(await filed(claimedThenDone.id)).toBeGreaterThan(0);
    await secretary.post(`/api/tasks/${claimedThenDone.id}/claim`).expect(200);
    expect(await filed(claimedThenDone.id)).toBe(0);
    await secretary.post(`/api/tasks/${claimedThenDone.id}/unclaim`).expect(200);
    expect(await filed(claimedThenDone.id)).toBeGreaterThan(0);
    await secretary.post(`/api/tasks/${claimedThenDone.id}/claim`).expect(200);
    await secretary.post(`/api/tasks/${claimedThenDone.id}/complete`).send({}).expect(200);
    expect(await filed(claimedThenDone.id)).toBe(0);

    const doneUnclaimed = (await startReview()).draft;
    await secretary.post(`/api/tasks/${doneUnclaimed.id}/complete`).send({}).expect(200);
    expect(await filed(doneUnclaimed.id)).toBe(0);

    const delegated = (await startReview()).draft;
    await committee
      .post(`/api/tasks/${delegated.id}/delegate`)
      .send({ assignee: t.people['branch_secretary'] })
      .expect(200);
    expect(await filed(delegated.id)).toBe(0);
    await secretary.post(`/api/tasks/${delegated.id}/complete`).send({}).expect(200);
    expect(await filed(delegated.id)).toBe(0);
  });

  it('refuses completion by anyone but the assignee or a candidate', async () => {
    const { draft } = await startReview();
    await otherSecretary.post(`/api/tasks/${draft.id}/complete`).send({}).expect(403);
    await member.post(`/api/tasks/${draft.id}/complete`).send({}).expect(403);
    await secretary.post(`/api/tasks/${draft.id}/claim`).expect(200);
    // committee leadership sees the task but is not its assignee
    await committee.get(`/api/tasks/${draft.id}`).expect(200);
    await committee.post(`/api/tasks/${draft.id}/complete`).send({}).expect(403);
  });

  it('lets the assignee or committee leadership reassign, and nobody else', async () => {
    const { draft } = await startReview();
    const to = t.people['branch_committee'];
    await member.post(`/api/tasks/${draft.id}/delegate`).send({ assignee: to }).expect(403);
    await c2Committee.post(`/api/tasks/${draft.id}/delegate`).send({ assignee: to }).expect(403);
    const delegated = await committee
      .post(`/api/tasks/${draft.id}/delegate`)
      .send({ assignee: to })
      .expect(200);
    expect(delegated.body.assignee).toBe(to);
    // the candidate lost it to the new assignee
    await secretary.post(`/api/tasks/${draft.id}/complete`).send({}).expect(403);
    const mine = await branchCommittee.get('/api/tasks?tab=mine').expect(200);
    expect(mine.body.items.map((x: Task) => x.id)).toContain(draft.id);

    const bad = await committee
      .post(`/api/tasks/${draft.id}/delegate`)
      .send({ assignee: 'nobody' })
      .expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'assignee' })]);
  });

  it('delegates only to people the task may go to: its candidates or people of its unit (issue 14 point 9)', async () => {
    const { draft } = await startReview();
    const outsider = await committee
      .post(`/api/tasks/${draft.id}/delegate`)
      .send({ assignee: t.people['c2b1_secretary'] })
      .expect(400);
    expect(outsider.body.errors).toEqual([expect.objectContaining({ field: 'assignee' })]);
    const [row] = await t.db.query<{ assignee: string | null }[]>(
      `SELECT assignee FROM wf_task WHERE id = $1`,
      [draft.id],
    );
    expect(row!.assignee).toBeNull();
  });

  it('tells each viewer what they may do with the task now', async () => {
    const { draft } = await startReview();
    const actionsOf = async (client: Client) =>
      (await client.get(`/api/tasks/${draft.id}`).expect(200)).body.actions as unknown;
    const none = {
      claim: false,
      unclaim: false,
      delegate: false,
      entrust: false,
      resolve: false,
      urge: false,
      complete: false,
      addSequential: false,
      actAsAdded: false,
    };
    // unassigned: the candidate may claim or complete it; committee leadership may reassign it
    expect(await actionsOf(secretary)).toEqual({ ...none, claim: true, complete: true });
    expect(await actionsOf(committee)).toEqual({ ...none, delegate: true, urge: true });

    const claimed = await secretary.post(`/api/tasks/${draft.id}/claim`).expect(200);
    expect(claimed.body.actions).toEqual({
      ...none,
      unclaim: true,
      delegate: true,
      entrust: true,
      complete: true,
      addSequential: true,
    });
    expect(await actionsOf(committee)).toEqual({
      ...none,
      unclaim: true,
      delegate: true,
      urge: true,
    });

    const done = await secretary.post(`/api/tasks/${draft.id}/complete`).send({}).expect(200);
    expect(done.body.actions).toEqual(none);
  });

  it('validates completion variables, naming the field', async () => {
    const { draft } = await startReview();
    const notObject = await secretary
      .post(`/api/tasks/${draft.id}/complete`)
      .send({ variables: [1, 2] })
      .expect(400);
    expect(notObject.body.errors[0].field).toBe('variables');
    const badName = await secretary
      .post(`/api/tasks/${draft.id}/complete`)
      .send({ variables: { '1st': true } })
      .expect(400);
    expect(badName.body.errors).toEqual([expect.objectContaining({ field: 'variables.1st' })]);
    const huge = await secretary
      .post(`/api/tasks/${draft.id}/complete`)
      .send({ variables: { text: 'x'.repeat(300 * 1024) } });
    expect([400, 413]).toContain(huge.status);
    const still = await secretary.get(`/api/tasks/${draft.id}`).expect(200);
    expect(still.body.status).toBe('open');
  });

  it('completes a task, moves the instance on, and lets exactly one of two parallel completions win', async () => {
    const { instanceId, draft } = await startReview();
    const done = await secretary
      .post(`/api/tasks/${draft.id}/complete`)
      .send({ variables: { summary: '计划草稿' } })
      .expect(200);
    const [unit] = await t.db.query<{ name: string }[]>(
      `SELECT name FROM org_unit WHERE id = $1`,
      [draft.orgUnitId],
    );
    expect(done.body).toMatchObject({
      status: 'completed',
      assignee: t.people['branch_secretary'],
      orgUnitName: unit!.name,
    });
    await secretary.post(`/api/tasks/${draft.id}/complete`).send({}).expect(409);

    const [approve] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM wf_task WHERE instance_id = $1 AND status = 'open'`,
      [instanceId],
    );
    // the approver submits twice at once (a double click, two tabs): both may complete it,
    // whichever takes the instance's lock first wins
    const results = await Promise.all([
      committee.post(`/api/tasks/${approve!.id}/complete`).send({ variables: { approved: true } }),
      committee.post(`/api/tasks/${approve!.id}/complete`).send({ variables: { approved: false } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body).toMatchObject({ status: 409, title: 'Conflict' });

    const instance = await committee.get(`/api/instances/${instanceId}`).expect(200);
    expect(instance.body.status).toBe('completed');
    expect(instance.body.variables).toMatchObject({ summary: '计划草稿' });
    const history = await committee.get(`/api/instances/${instanceId}/history`).expect(200);
    expect(
      history.body.map((e: { elementId: string; kind: string }) => `${e.elementId}:${e.kind}`),
    ).toEqual(expect.arrayContaining(['Draft:completed', 'Approve:completed', 'End:completed']));
    // each completed user task names who acted
    const [drafter] = await t.db.query<{ name: string }[]>(
      `SELECT name FROM person WHERE id = $1`,
      [t.people['branch_secretary']],
    );
    const drafted = history.body.find(
      (e: { elementId: string; kind: string }) => e.elementId === 'Draft' && e.kind === 'completed',
    );
    expect(drafted.actorName).toBe(drafter!.name);
    expect(
      history.body.find((e: { elementId: string }) => e.elementId === 'End').actorName,
    ).toBeNull();
    const [audit] = await t.db.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM wf_audit WHERE instance_id = $1 AND action = 'task.completed'`,
      [instanceId],
    );
    expect(Number(audit!.n)).toBe(2);
  });

  // PGlite runs one transaction at a time, so there a second command never waits on a lock.
  it.skipIf(!process.env.DATABASE_URL)(
    'reads the task only once it holds the instance: a completion that waited for the lock gets 409',
    async () => {
      const { draft } = await startReview();
      const personId = t.people['branch_secretary']!;
      const user: AuthUser = {
        personId,
        username: 'branch_secretary',
        roles: await t.app.get(PersonRoles).of(personId),
      };
      let second: Promise<number> | undefined;
      await t.app.get(Transactions).run(async (em) => {
        await t.app.get(TaskCommandService).complete(user, draft.id, {}, undefined, em);
        // a second submission arrives while the first one's transaction still holds the instance
        second = secretary
          .post(`/api/tasks/${draft.id}/complete`)
          .send({})
          .then((res) => res.status);
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
      expect(await second).toBe(409);
    },
  );

  it('keeps comments on a task, with their authors’ names, for those who may see it', async () => {
    const { draft } = await startReview();
    const added = await secretary
      .post(`/api/tasks/${draft.id}/comments`)
      .send({ body: '请补充时间地点' })
      .expect(201);
    expect(added.body).toMatchObject({ body: '请补充时间地点', authorName: '陈晓东' });
    await member.post(`/api/tasks/${draft.id}/comments`).send({ body: '路过' }).expect(403);
    const list = await committee.get(`/api/tasks/${draft.id}/comments`).expect(200);
    expect(list.body).toEqual([
      expect.objectContaining({
        body: '请补充时间地点',
        authorId: t.people['branch_secretary'],
        authorName: '陈晓东',
      }),
    ]);
  });

  it('shows instances by role and org subtree', async () => {
    const { instanceId } = await startReview();
    await committee.get(`/api/instances/${instanceId}`).expect(200);
    await od.get(`/api/instances/${instanceId}`).expect(200);
    await c2Committee.get(`/api/instances/${instanceId}`).expect(403);
    await otherSecretary.get(`/api/instances/${instanceId}`).expect(403);
    const c2List = await c2Committee.get('/api/instances?processId=wf_review').expect(200);
    expect(c2List.body).toEqual({ items: [], total: 0 });
    const c1List = await committee.get('/api/instances?processId=wf_review').expect(200);
    expect(c1List.body.items.map((i: { id: string }) => i.id)).toContain(instanceId);
    await member
      .post('/api/instances')
      .send({ processId: 'wf_review', orgUnitId: t.units['C1-B1'] })
      .expect(403);
    await otherSecretary
      .post('/api/instances')
      .send({ processId: 'wf_review', orgUnitId: t.units['C1-B1'] })
      .expect(403);
  });

  it('cancels an instance and its open tasks', async () => {
    const { instanceId, draft } = await startReview();
    await otherSecretary.post(`/api/instances/${instanceId}/cancel`).expect(403);
    const cancelled = await secretary.post(`/api/instances/${instanceId}/cancel`).expect(200);
    expect(cancelled.body.status).toBe('terminated');
    const task = await secretary.get(`/api/tasks/${draft.id}`).expect(200);
    expect(task.body.status).toBe('cancelled');
    await secretary.post(`/api/tasks/${draft.id}/complete`).send({}).expect(409);
  });
});
