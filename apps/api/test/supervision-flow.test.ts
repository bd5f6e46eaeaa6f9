import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobExecutor } from '../src/workflow/jobs/job.executor.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';

interface Task {
  id: string;
  processId: string;
  elementId: string;
  formKey: string | null;
  candidateGroups: string[];
  variables: Record<string, unknown>;
}
interface Batch {
  id: string;
  seed: number;
  month: string;
  sampledBranchIds: string[];
  population: { branchId: string; committeeId: string }[];
  items: { id: string; branchId: string; status: string }[];
}

describe('spot check → rectification → follow-up (flows driven through the API)', () => {
  let t: TestApp;
  let od: Client;
  let inspector: Client;
  const drain = async () => {
    const executor = t.app.get(JobExecutor);
    while ((await executor.runDueJobs()) > 0);
  };
  /** Open tasks of a flow in a tab, each read in full (the inbox lists them without variables). */
  const tasks = async (who: Client, processId: string, tab = 'claimable') => {
    const page = (await who.get('/api/tasks').query({ tab, processId, pageSize: 100 }).expect(200))
      .body as {
      items: { id: string }[];
    };
    return Promise.all(
      page.items.map(async (i) => (await who.get(`/api/tasks/${i.id}`).expect(200)).body as Task),
    );
  };
  /** Moves the clock, runs what fell due, and logs everyone in again (access tokens last 15 minutes). */
  const advanceTo = async (iso: string) => {
    t.clock.set(new Date(iso));
    await drain();
    od = await t.login('od_admin');
    inspector = await t.login('inspector');
    branchSecretary = await t.login(SECRETARY[codeOf(findingBranch)]!);
    committee = await t.login(REVIEWER[codeOf(findingBranch).slice(0, 2)]!);
  };

  beforeAll(async () => {
    t = await createTestApp({ app: { workflow: { jobExecutor: { enabled: false } } } });
    od = await t.login('od_admin');
    inspector = await t.login('inspector');
  });
  afterAll(async () => {
    await t?.close();
  });

  const SECRETARY: Record<string, string> = {
    'C1-B1': 'branch_secretary',
    'C1-B2': 'c1b2_secretary',
    'C1-B3': 'c1b3_secretary',
    'C2-B1': 'c2b1_secretary',
    'C2-B2': 'c2b2_secretary',
    D1: 'd1_secretary',
  };
  const REVIEWER: Record<string, string> = { C1: 'committee_secretary', C2: 'c2_secretary' };
  const codeOf = (id: string) => Object.entries(t.units).find(([, v]) => v === id)?.[0] ?? '';
  const submit = (who: Client, taskId: string, body: object) =>
    who.post(`/api/task-forms/${taskId}`).send(body);
  const one = async (who: Client, processId: string, tab = 'claimable') => {
    const list = await tasks(who, processId, tab);
    expect(list).toHaveLength(1);
    return list[0]!;
  };
  interface Item {
    id: string;
    status: string;
    branchId: string;
    escalatedAt: string | null;
    followUpAt: string | null;
    reopenCount: number;
    instanceId: string | null;
  }
  const item = async (id: string) =>
    (await od.get(`/api/rectifications/${id}`).expect(200)).body as {
      rectification: Item;
      history: { action: string; comment: string | null; detail: Record<string, unknown> }[];
    };
  let batch: Batch;
  let findingBranch: string;
  let rectificationId: string;
  let branchSecretary: Client;
  let committee: Client;

  it('draws a spot-check sample from a recorded seed and re-derives it on replay', async () => {
    await od.post('/api/spot-checks').send({ seed: 12345, month: '2026-02' }).expect(201);
    await drain();
    const batches = (await od.get('/api/spot-checks').expect(200)).body as Batch[];
    expect(batches).toHaveLength(1);
    batch = batches[0]!;
    expect(batch).toMatchObject({ seed: 12345, month: '2026-02' });
    // Default rate 10% of 6 branches, but at least one from C1, C2 and the direct branches.
    expect(batch.sampledBranchIds).toHaveLength(3);
    const groups = batch.sampledBranchIds.map(
      (id) => batch.population.find((p) => p.branchId === id)?.committeeId,
    );
    expect(new Set(groups)).toEqual(new Set([t.units['C1'], t.units['C2'], t.units['U']]));
    const replay = (await od.get(`/api/spot-checks/${batch.id}/replay`).expect(200)).body as {
      matches: boolean;
      rederived: string[];
    };
    expect(replay).toMatchObject({ matches: true, rederived: batch.sampledBranchIds });
    const inspections = await tasks(inspector, 'spot-check');
    expect(
      inspections.map((task) => (task.variables['sample'] as { branchId: string }).branchId).sort(),
    ).toEqual([...batch.sampledBranchIds].sort());
  });

  it('lets an inspector read a sampled branch’s records but refuses an unsampled branch', async () => {
    const unsampled = batch.population.find(
      (p) => !batch.sampledBranchIds.includes(p.branchId),
    )!.branchId;
    const sampled = batch.sampledBranchIds[0]!;
    await inspector
      .get(`/api/supervision/branches/${sampled}/records`)
      .query({ month: '2026-02' })
      .expect(200);
    const refused = await inspector
      .get(`/api/supervision/branches/${unsampled}/records`)
      .query({ month: '2026-02' });
    expect(refused.status).toBe(403);
    // Sampled for February only: its other months stay closed too.
    await inspector
      .get(`/api/supervision/branches/${sampled}/records`)
      .query({ month: '2026-01' })
      .expect(403);
  });

  it('refuses a findings outcome that lists no findings, naming the field', async () => {
    const [task] = await tasks(inspector, 'spot-check');
    const res = await submit(inspector, task!.id, {
      outcome: 'findings',
      notes: '记录不全',
    }).expect(400);
    expect((res.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(
      'findings',
    );
  });

  it('opens one rectification per finding and lets OD issue the notice (通报)', async () => {
    const inspections = await tasks(inspector, 'spot-check');
    const branchOf = (task: Task) => (task.variables['sample'] as { branchId: string }).branchId;
    const withFinding = inspections.find((task) => codeOf(branchOf(task)).startsWith('C'))!;
    findingBranch = branchOf(withFinding);
    for (const task of inspections) {
      const body =
        task === withFinding
          ? {
              outcome: 'findings',
              notes: '交流发言环节缺失',
              recommendNotice: true,
              findings: [
                {
                  title: '未开展交流发言',
                  description: '2月未安排党员交流发言',
                  severity: 'medium',
                  dueDate: '2026-03-20',
                },
              ],
            }
          : { outcome: 'pass', notes: '组织规范' };
      await submit(inspector, task.id, body).expect(200);
    }
    await drain();
    const notice = await one(od, 'spot-check');
    expect(notice.formKey).toBe('orglife:spot-check-notice');
    await submit(od, notice.id, { title: '关于2月抽查情况的通报', content: '……' }).expect(200);
    await drain();
    const board = (await od.get('/api/rectifications').expect(200)).body as {
      items: Item[];
      counts: Record<string, number>;
    };
    expect(board.items).toHaveLength(1);
    expect(board.items[0]).toMatchObject({
      branchId: findingBranch,
      status: 'awaiting_plan',
      source: 'spot_check',
    });
    expect(board.counts['awaiting_plan']).toBe(1);
    rectificationId = board.items[0]!.id;
    expect((await item(rectificationId)).rectification.instanceId).not.toBeNull();
    const issued = (await od.get(`/api/spot-checks/${batch.id}`).expect(200)).body as {
      items: { branchId: string; noticeTitle: string | null }[];
    };
    expect(issued.items.find((i) => i.branchId === findingBranch)?.noticeTitle).toBe(
      '关于2月抽查情况的通报',
    );
    expect(issued.items.filter((i) => i.noticeTitle !== null)).toHaveLength(1);
  });

  it('refuses another branch’s secretary the item and its plan task', async () => {
    const code = codeOf(findingBranch);
    const otherCode = Object.keys(SECRETARY).find((c) => c !== code && c !== 'D1')!;
    const other = await t.login(SECRETARY[otherCode]!);
    branchSecretary = await t.login(SECRETARY[code]!);
    committee = await t.login(REVIEWER[code.slice(0, 2)]!);
    expect(await tasks(other, 'rectification')).toHaveLength(0);
    const plan = await one(branchSecretary, 'rectification');
    expect(plan.formKey).toBe('orglife:rectification-plan');
    expect((await submit(other, plan.id, { plan: '冒名提交' })).status).toBe(403);
    expect((await other.get(`/api/rectifications/${rectificationId}`)).status).toBe(403);
  });

  it('returns the plan once, escalates when the due date passes, then closes and schedules the look-back', async () => {
    await submit(branchSecretary, (await one(branchSecretary, 'rectification')).id, {
      plan: '3月补开交流发言',
    }).expect(200);
    const review = await one(committee, 'rectification');
    const noComment = await submit(committee, review.id, { approved: false }).expect(400);
    expect(JSON.stringify(noComment.body)).toContain('comment');
    await submit(committee, review.id, {
      approved: false,
      comment: '措施不具体，请明确责任人',
    }).expect(200);
    expect((await item(rectificationId)).rectification.status).toBe('awaiting_plan');

    await advanceTo('2026-03-21T01:00:00Z');
    expect((await item(rectificationId)).rectification.escalatedAt).toBe(
      '2026-03-21T01:00:00.000Z',
    );

    await submit(branchSecretary, (await one(branchSecretary, 'rectification')).id, {
      plan: '书记负责，3月25日补开',
    }).expect(200);
    await submit(committee, (await one(committee, 'rectification')).id, { approved: true }).expect(
      200,
    );
    await submit(branchSecretary, (await one(branchSecretary, 'rectification')).id, {
      evidence: '已补开，附会议记录',
    }).expect(200);
    await submit(od, (await one(od, 'rectification')).id, { approved: true }).expect(200);
    await drain();

    const { rectification, history } = await item(rectificationId);
    expect(rectification.status).toBe('closed');
    expect(rectification.followUpAt).toBe('2026-04-20T01:00:00.000Z'); // the model's default P30D
    expect(history.map((h) => h.action)).toEqual([
      'opened',
      'plan_submitted',
      'plan_returned',
      'escalated',
      'plan_submitted',
      'plan_approved',
      'evidence_submitted',
      'closed',
      'follow_up_scheduled',
    ]);
    expect(history[2]?.comment).toBe('措施不具体，请明确责任人');
  });

  it('reopens the item at the look-back with its history kept, and a second look-back holds', async () => {
    expect(await tasks(inspector, 'follow-up')).toHaveLength(0);
    await advanceTo('2026-04-20T01:00:00Z');
    const recheck = await one(inspector, 'follow-up');
    expect(recheck.formKey).toBe('orglife:follow-up-check');
    await submit(inspector, recheck.id, { holds: false, notes: '交流发言仍流于形式' }).expect(400);
    await submit(inspector, recheck.id, {
      holds: false,
      notes: '交流发言仍流于形式',
      newDueDate: '2026-05-31',
    }).expect(200);
    await drain();

    const reopened = await item(rectificationId);
    expect(reopened.rectification).toMatchObject({
      status: 'awaiting_plan',
      reopenCount: 1,
      escalatedAt: null,
    });
    const reopen = reopened.history.find((h) => h.action === 'reopened');
    expect(reopen?.detail['previous']).toMatchObject({
      plan: '书记负责，3月25日补开',
      evidence: '已补开，附会议记录',
    });
    expect(reopened.history.filter((h) => h.action === 'plan_submitted')).toHaveLength(2);

    await submit(branchSecretary, (await one(branchSecretary, 'rectification')).id, {
      plan: '每名党员年内交流发言',
    }).expect(200);
    await submit(committee, (await one(committee, 'rectification')).id, { approved: true }).expect(
      200,
    );
    await submit(branchSecretary, (await one(branchSecretary, 'rectification')).id, {
      evidence: '4月全员发言',
    }).expect(200);
    await submit(od, (await one(od, 'rectification')).id, { approved: true }).expect(200);
    await drain();
    await advanceTo('2026-05-25T01:00:00Z');
    await submit(inspector, (await one(inspector, 'follow-up')).id, {
      holds: true,
      notes: '整改到位',
    }).expect(200);
    await drain();

    const done = await item(rectificationId);
    expect(done.rectification.status).toBe('verified');
    expect(done.history.at(-1)?.action).toBe('follow_up_held');
    const board = (await od.get('/api/rectifications').query({ status: 'verified' }).expect(200))
      .body as { items: Item[] };
    expect(board.items.map((i) => i.id)).toEqual([rectificationId]);
    const [instance] = await t.db.query<{ status: string }[]>(
      `SELECT status FROM wf_instance WHERE id = $1`,
      [done.rectification.instanceId],
    );
    expect(instance?.status).toBe('completed');
  });

  it('records on-site guidance by a committee leader; a finding opens the same rectification flow', async () => {
    const c2 = await t.login('c2_secretary');
    expect(
      (await c2.post('/api/onsite-supervisions').send({ branchId: t.units['C1-B2'] })).status,
    ).toBe(403);
    const leader = await t.login('committee_secretary');
    await leader.post('/api/onsite-supervisions').send({ branchId: t.units['C1-B2'] }).expect(201);
    const record = await one(leader, 'onsite-supervision', 'mine');
    await submit(leader, record.id, {
      attendedOn: '2026-05-25',
      guidance: '议的环节要让党员充分发言',
      findings: [
        {
          title: '考勤记录不全',
          description: '请假未注明原因',
          severity: 'low',
          dueDate: '2026-06-30',
        },
      ],
    }).expect(200);
    await drain();
    const board = (
      await leader.get('/api/rectifications').query({ source: 'onsite_supervision' }).expect(200)
    ).body as {
      items: Item[];
    };
    expect(board.items).toHaveLength(1);
    expect(board.items[0]?.branchId).toBe(t.units['C1-B2']);
    const c1b2 = await t.login('c1b2_secretary');
    expect((await one(c1b2, 'rectification')).formKey).toBe('orglife:rectification-plan');
    const listed = (await leader.get('/api/onsite-supervisions').expect(200)).body as {
      guidance: string;
    }[];
    expect(listed[0]?.guidance).toBe('议的环节要让党员充分发言');
  });

  it('inspects every committee once a year; a finding must name a branch of the inspected committee', async () => {
    await od.post('/api/inspections').send({ year: 2026 }).expect(201);
    await drain();
    const inspections = await tasks(inspector, 'annual-inspection');
    const committeeOf = (task: Task) =>
      codeOf((task.variables['target'] as { committeeId: string }).committeeId);
    expect(inspections.map(committeeOf).sort()).toEqual(['C1', 'C2', 'D1']);
    const c1 = inspections.find((task) => committeeOf(task) === 'C1')!;
    const finding = {
      title: '党课次数不足',
      description: '上半年未开党课',
      severity: 'high',
      dueDate: '2026-07-31',
    };
    const wrong = await submit(inspector, c1.id, {
      summary: '总体规范',
      findings: [{ ...finding, branchId: t.units['C2-B1'] }],
    }).expect(400);
    expect((wrong.body as { errors: { field: string }[] }).errors[0]?.field).toBe(
      'findings.0.branchId',
    );
    await submit(inspector, c1.id, {
      summary: '总体规范',
      findings: [{ ...finding, branchId: t.units['C1-B3'] }],
    }).expect(200);
    await drain();
    const board = (await od.get('/api/rectifications').query({ source: 'inspection' }).expect(200))
      .body as { items: Item[] };
    expect(board.items.map((i) => i.branchId)).toEqual([t.units['C1-B3']]);
  });

  it('sends a direct branch’s rectification plan to OD for review (it has no committee above it)', async () => {
    const d1 = await t.login('d1_secretary');
    const refused = await d1.post('/api/rectifications').send({
      branchId: t.units['C1-B1'],
      title: '越权登记',
      description: '为其他支部登记问题',
      severity: 'low',
      dueDate: '2026-06-30',
    });
    expect(refused.status).toBe(403);
    await d1
      .post('/api/rectifications')
      .send({
        branchId: t.units['D1'],
        title: '考勤不全',
        description: '自查发现',
        severity: 'low',
        dueDate: '2026-06-30',
      })
      .expect(201);
    await drain();
    await submit(d1, (await one(d1, 'rectification')).id, { plan: '补齐考勤' }).expect(200);
    const review = (await tasks(od, 'rectification')).find(
      (task) => task.variables['branchId'] === t.units['D1'],
    )!;
    expect(review.formKey).toBe('orglife:rectification-plan-review');
    expect(review.candidateGroups).toEqual([`od_admin@${t.units['U']}`]);
  });

  it('refuses a plain member the rectification board', async () => {
    const member = await t.login('member');
    expect((await member.get('/api/rectifications')).status).toBe(403);
  });
});
