/**
 * One month of organizational life on the seeded university, through the HTTP API only, with the
 * clock moved through every timer. Owner: the monthly-cycle helper (study → plans → sessions →
 * evaluations); the supervision half (spot check → rectification → follow-up → ledger) is the
 * nested `describe` at the end of the block (it shares `t`, `d` and `members`), owned by the
 * supervision helper. Keep the steps in order: each `it` continues the
 * month where the previous one left it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DAY,
  HOUR,
  type Member,
  MonthlyCycleDriver,
  planPayload,
} from './support/monthly-cycle.driver.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { TINY_PNG } from './support/images.js';

const MONTH = '2026-03';
const SESSION_AT = '2026-03-20T06:30:00.000Z'; // 14:30 in Beijing

/** Branch code → its secretary's login. */
const SECRETARIES: Record<string, string> = {
  'C1-B1': 'branch_secretary',
  'C1-B2': 'c1b2_secretary',
  'C1-B3': 'c1b3_secretary',
  'C2-B1': 'c2b1_secretary',
  'C2-B2': 'c2b2_secretary',
  D1: 'd1_secretary',
};
const BRANCHES = Object.keys(SECRETARIES);

interface Plan {
  id: string;
  branchId: string;
  status: string;
  instanceId: string;
  revision: number;
  reviews: { level: number; decision: string; comment: string | null }[];
}
interface Session {
  id: string;
  branchId: string;
  status: string;
  summaryOverdueAt: string | null;
  evaluatedAt: string | null;
}

describe('the monthly cycle, first half: study content → plans → sessions → evaluations', () => {
  let t: TestApp;
  let d: MonthlyCycleDriver;
  const members: Record<string, Member[]> = {};
  let contentId: string;

  beforeAll(async () => {
    t = await createTestApp({
      now: new Date('2026-03-02T01:00:00.000Z'),
      app: { workflow: { jobExecutor: { enabled: false } } },
    });
    d = new MonthlyCycleDriver(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const unit = (code: string) => t.units[code]!;
  const as = (username: string) => d.as(username);
  const secretary = (code: string) => d.as(SECRETARIES[code]!);
  const od = () => d.as('od_admin');
  const c1 = () => d.as('committee_secretary');
  const c2 = () => d.as('c2_secretary');
  const plansOfMonth = async () =>
    (await (await od()).get('/api/plans').query({ month: MONTH }).expect(200)).body as Plan[];
  const planOf = async (code: string) => {
    const plan = (await plansOfMonth()).find((p) => p.branchId === unit(code));
    expect(plan, `plan of ${code}`).toBeDefined();
    return (await (await od()).get(`/api/plans/${plan!.id}`).expect(200)).body as Plan;
  };
  const sessionsOfMonth = async () =>
    (await (await od()).get('/api/sessions').query({ month: MONTH }).expect(200)).body as Session[];

  it('OD publishes the content, committees add their arrangements, and every branch gets a plan flow', async () => {
    // given C1-B3 is a weak branch: its plan needs OD's second approval
    await (
      await c1()
    )
      .put(`/api/branches/${unit('C1-B3')}/weak`)
      .send({ weak: true, note: '新任书记' })
      .expect(204);

    const created = await (
      await od()
    )
      .post('/api/study-contents')
      .send({
        month: MONTH,
        title: '三月学习内容',
        topics: ['学习党章', '学习系列讲话'],
        materials: [{ title: '中国共产党章程', url: 'https://example.org/charter' }],
        attachmentIds: [],
      })
      .expect(201);
    contentId = (created.body as { id: string }).id;
    await d.drain();

    // a member sees no draft
    const member = await as('member');
    expect(
      (await member.get('/api/study-contents').query({ month: MONTH }).expect(200)).body,
    ).toEqual([]);

    await (await od()).post(`/api/study-contents/${contentId}/publish`).send({}).expect(200);
    await d.drain();
    expect(
      (await member.get('/api/study-contents').query({ month: MONTH }).expect(200)).body,
    ).toHaveLength(1);

    await (
      await c1()
    )
      .post(`/api/study-contents/${contentId}/arrangements`)
      .send({
        committeeId: unit('C1'),
        theme: '立足岗位作贡献',
        arrangement: '20日下午集中组织生活',
        materials: [],
      })
      .expect(200);
    // a committee may not arrange for another committee
    await (
      await c1()
    )
      .post(`/api/study-contents/${contentId}/arrangements`)
      .send({ committeeId: unit('C2'), theme: 'x', arrangement: 'y', materials: [] })
      .expect(403);
    // C1's branches get their plans once C1 has arranged, without waiting for C2; the direct
    // branch (its own committee) got its plan as soon as the content was published.
    await d.drain();
    expect((await plansOfMonth()).map((p) => p.branchId).sort()).toEqual(
      ['C1-B1', 'C1-B2', 'C1-B3', 'D1'].map(unit).sort(),
    );
    await (
      await c2()
    )
      .post(`/api/study-contents/${contentId}/arrangements`)
      .send({
        committeeId: unit('C2'),
        theme: '理论武装',
        arrangement: '结合思政课开展',
        materials: [],
      })
      .expect(200);
    await d.drain();

    const content = (await (await od()).get(`/api/study-contents/${contentId}`).expect(200))
      .body as {
      status: string;
      arrangements: unknown[];
    };
    expect(content.status).toBe('published');
    expect(content.arrangements).toHaveLength(2);
    const plans = await plansOfMonth();
    expect(plans.map((p) => p.branchId).sort()).toEqual(BRANCHES.map(unit).sort());
    expect(plans.every((p) => p.status === 'pending')).toBe(true);
  });

  it('secretaries draft plans; C1 returns one with comments, it is revised, and all are approved', async () => {
    for (const code of BRANCHES) {
      const task = await d.taskFor(await secretary(code), 'orglife:plan-draft', unit(code));
      const context = await d.formContext<{ members: Member[]; meetingTypes: string[] }>(
        await secretary(code),
        task.id,
      );
      members[code] = context.members;
      expect(context.members.length).toBeGreaterThanOrEqual(4);
      // C1-B1 and C2-B1 have 党小组; the others do the groups' work in their 党员大会
      const hasGroups = code === 'C1-B1' || code === 'C2-B1';
      expect(context.meetingTypes.includes('group_meeting')).toBe(hasGroups);
      if (!hasGroups && code === 'C1-B2') {
        const refused = await d.submit(
          await secretary(code),
          task.id,
          {
            ...planPayload(context.members, SESSION_AT),
            meetingTypes: ['group_meeting', 'member_assembly'],
          },
          400,
        );
        expect(refused.body).toMatchObject({
          errors: [
            { field: 'meetingTypes', message: expect.stringContaining('未设党小组') as unknown },
          ],
        });
      }
      await d.submit(await secretary(code), task.id, planPayload(context.members, SESSION_AT));
    }
    expect((await plansOfMonth()).every((p) => p.status === 'submitted')).toBe(true);

    // C1 returns C1-B2's plan with a comment
    const c1b2 = await d.taskFor(await c1(), 'orglife:plan-approval', unit('C1-B2'));
    await d.submit(await c1(), c1b2.id, { decision: 'return' }, 400); // a return needs a comment
    await d.submit(await c1(), c1b2.id, {
      decision: 'return',
      comment: '请增加"议"环节的具体安排',
    });
    expect((await planOf('C1-B2')).status).toBe('returned');

    // the secretary revises: the draft task is back in their 待办 (not the shared pool), flagged
    // as returned with the committee's comment
    const redraft = await d.taskFor(await secretary('C1-B2'), 'orglife:plan-draft', unit('C1-B2'));
    const mine = await (
      await secretary('C1-B2')
    )
      .get('/api/tasks')
      .query({ tab: 'mine', pageSize: 100 })
      .expect(200);
    expect(mine.body.items).toContainEqual(
      expect.objectContaining({ id: redraft.id, returnComment: '请增加"议"环节的具体安排' }),
    );
    await d.submit(
      await secretary('C1-B2'),
      redraft.id,
      planPayload(members['C1-B2']!, SESSION_AT, ['study', 'listen', 'report', 'review', 'decide']),
    );

    for (const code of ['C1-B1', 'C1-B2', 'C1-B3']) {
      const task = await d.taskFor(await c1(), 'orglife:plan-approval', unit(code));
      await d.submit(await c1(), task.id, { decision: 'approve' });
    }
    for (const code of ['C2-B1', 'C2-B2']) {
      const task = await d.taskFor(await c2(), 'orglife:plan-approval', unit(code));
      await d.submit(await c2(), task.id, { decision: 'approve', comment: '同意' });
    }
    // D1 is a direct branch: OD approves it; C1-B3 is weak: OD approves it at the second level
    const odTasks = await d.inbox(await od(), 'orglife:plan-approval');
    expect(odTasks.map((task) => task.variables['branchId']).sort()).toEqual(
      [unit('C1-B3'), unit('D1')].sort(),
    );
    expect((await planOf('C1-B3')).status).toBe('submitted');
    for (const task of odTasks) await d.submit(await od(), task.id, { decision: 'approve' });

    const plans = await plansOfMonth();
    expect(plans.every((p) => p.status === 'approved')).toBe(true);
    const revised = await planOf('C1-B2');
    expect(revised.revision).toBe(2);
    expect(revised.reviews.map((r) => [r.level, r.decision])).toEqual([
      [1, 'return'],
      [1, 'approve'],
    ]);
    expect((await planOf('C1-B3')).reviews.map((r) => r.level)).toEqual([1, 2]);

    const sessions = await sessionsOfMonth();
    expect(sessions).toHaveLength(6);
    expect(sessions.every((s) => s.status === 'scheduled')).toBe(true);
  });

  it('members confirm their self-study before the session day', async () => {
    const member = await as('member');
    const task = await d.taskFor(member, 'orglife:self-study-confirm');
    expect(task.assignee).toBe(t.people['member']);
    await d.submit(member, task.id, { note: '已自学党章' });
    const [session] = (await sessionsOfMonth()).filter((s) => s.branchId === unit('C1-B1'));
    const full = (await (await od()).get(`/api/sessions/${session!.id}`).expect(200)).body as {
      selfStudy: unknown[];
    };
    expect(full.selfStudy).toHaveLength(1);
  });

  it('on the day, each branch records its session; a record with 2 segments is refused', async () => {
    expect(await d.inbox(await secretary('C1-B1'), 'orglife:session-record')).toHaveLength(0);
    await d.advanceTo('2026-03-20T07:00:00.000Z');
    // the unconfirmed self-study tasks closed at the session time
    expect(await d.inbox(await as('m001'), 'orglife:self-study-confirm')).toHaveLength(0);

    // C1-B1 attaches a photo of the session (uploads are limited by size and type)
    const png = TINY_PNG;
    const photo = await (
      await secretary('C1-B1')
    )
      .post('/api/attachments')
      .field('orgUnitId', unit('C1-B1'))
      .attach('file', png, { filename: '现场照片.png', contentType: 'image/png' })
      .expect(201);
    const photos: Record<string, { attachmentId: string; kind: string }[]> = {
      'C1-B1': [{ attachmentId: (photo.body as { id: string }).id, kind: 'photo' }],
    };

    for (const code of BRANCHES) {
      const who = await secretary(code);
      const task = await d.taskFor(who, 'orglife:session-record', unit(code));
      if (code === 'C1-B2') {
        const refused = await d.submit(
          who,
          task.id,
          recordPayload(members[code]!, ['study', 'report']),
          400,
        );
        expect(refused.body).toMatchObject({
          errors: [
            { field: 'segments', message: expect.stringContaining('至少选择3个环节') as unknown },
          ],
        });
        // the member on leave was not there: no exchange speech can be credited to them
        const onLeave = members[code]![3]!;
        const payload = recordPayload(members[code]!, ['study', 'lecture', 'report']);
        const credited = await d.submit(
          who,
          task.id,
          { ...payload, speeches: [{ personId: onLeave.id, topic: '学习体会' }] },
          400,
        );
        expect(credited.body).toMatchObject({
          errors: [
            {
              field: 'speeches.0.personId',
              message: expect.stringContaining(`${onLeave.name} 本次请假`) as unknown,
            },
          ],
        });
      }
      await d.submit(
        who,
        task.id,
        recordPayload(members[code]!, ['study', 'lecture', 'report', 'review'], photos[code]),
      );
    }
    expect((await sessionsOfMonth()).every((s) => s.status === 'recorded')).toBe(true);
    const c1b1 = (await sessionsOfMonth()).find((s) => s.branchId === unit('C1-B1'))!;
    const recorded = (await (await od()).get(`/api/sessions/${c1b1.id}`).expect(200)).body as {
      attendance: { status: string }[];
      segments: unknown[];
      attachments: { kind: string }[];
    };
    expect(recorded.attendance.map((a) => a.status).filter((s) => s === 'leave')).toHaveLength(1);
    expect(recorded.segments).toHaveLength(4);
    expect(recorded.attachments).toEqual([expect.objectContaining({ kind: 'photo' })]);
  });

  it('secretaries write summaries; a late one escalates to the committee', async () => {
    for (const code of BRANCHES.filter((c) => c !== 'C2-B2')) {
      const task = await d.taskFor(await secretary(code), 'orglife:session-summary', unit(code));
      // before submitting, the branch sees which of the six haves it still lacks: only C1-B1
      // kept its attendance with a photo
      const context = await d.formContext<{ sixHaves: { missing: string[] } }>(
        await secretary(code),
        task.id,
      );
      expect(context.sixHaves.missing).toEqual(
        code === 'C1-B1' ? ['summary'] : ['attendance', 'summary'],
      );
      await d.submit(await secretary(code), task.id, {
        summary: '本次组织生活按计划完成，存在问题：发言准备不足。',
      });
    }
    await d.advance(3 * DAY + HOUR);
    const escalated = await d.taskFor(await c2(), 'orglife:session-summary', unit('C2-B2'));
    expect(escalated.candidateGroups).toContain(`committee_secretary@${unit('C2')}`);
    await d.submit(await c2(), escalated.id, { summary: '督办后补写总结。' });

    const sessions = await sessionsOfMonth();
    expect(sessions.every((s) => s.status === 'closed')).toBe(true);
    expect(sessions.filter((s) => s.summaryOverdueAt).map((s) => s.branchId)).toEqual([
      unit('C2-B2'),
    ]);
  });

  it('members review the branch and each other; secretaries comment; the window closes', async () => {
    const member = await as('member');
    const review = await d.taskFor(member, 'orglife:member-review');
    // the task page names the branch (组织), though the member's org tree holds only their group
    const branch = (await (await od()).get(`/api/org-units/${review.orgUnitId}`).expect(200))
      .body as { name: string; type: string };
    expect(branch.type).toBe('branch');
    const tree = JSON.stringify((await member.get('/api/org-units').expect(200)).body);
    expect(tree).not.toContain(`"id":"${review.orgUnitId}"`);
    const detail = (await member.get(`/api/tasks/${review.id}`).expect(200)).body as {
      orgUnitName: string | null;
    };
    expect(detail.orgUnitName).toBe(branch.name);
    const context = await d.formContext<{ reports: { id: string; personId: string }[] }>(
      member,
      review.id,
    );
    const others = context.reports.filter((r) => r.personId !== t.people['member']);
    expect(others.length).toBeGreaterThan(0);
    await d.submit(member, review.id, {
      branchReview: { rating: 5, opinion: '组织有序，内容充实' },
      peerReviews: [{ reportId: others[0]!.id, comment: '汇报具体，作用发挥明显' }],
    });

    for (const code of BRANCHES) {
      const task = await d.taskFor(await secretary(code), 'orglife:secretary-comments', unit(code));
      await d.submit(await secretary(code), task.id, {
        comments: [{ personId: members[code]![2]!.id, comment: '汇报认真，继续发挥先锋作用' }],
      });
    }
    await d.advance(7 * DAY);
    const sessions = await sessionsOfMonth();
    expect(sessions.every((s) => s.evaluatedAt !== null)).toBe(true);
    const c1b1 = sessions.find((s) => s.branchId === unit('C1-B1'))!;
    const evaluations = (
      await (await od()).get('/api/evaluations').query({ sessionId: c1b1.id }).expect(200)
    ).body as {
      branchReviews: unknown[];
      peerReviews: unknown[];
      secretaryComments: unknown[];
    };
    expect(evaluations.branchReviews).toHaveLength(1);
    expect(evaluations.peerReviews).toHaveLength(1);
    expect(evaluations.secretaryComments).toHaveLength(1);

    // the plan flow ends once its session and evaluation have
    const plan = await planOf('C1-B1');
    const instance = (await (await od()).get(`/api/instances/${plan.instanceId}`).expect(200))
      .body as { status: string };
    expect(instance.status).toBe('completed');
  });

  it('the quarterly timer opened 先锋创绩 comments; each secretary comments on their members', async () => {
    const rounds = (await (await od()).get('/api/vanguard-rounds').expect(200)).body as {
      id: string;
      quarter: string;
    }[];
    expect(rounds.map((r) => r.quarter)).toEqual(['2026Q1']);
    // a comment on one member does not close the quarter: the others are named
    const first = await d.taskFor(
      await secretary('C1-B1'),
      'orglife:vanguard-comments',
      unit('C1-B1'),
    );
    const [commented, ...uncommented] = members['C1-B1']!;
    const partial = await (
      await secretary('C1-B1')
    )
      .post(`/api/task-forms/${first.id}`)
      .send({ comments: [{ personId: commented!.id, grade: 'good', comment: '作用明显' }] })
      .expect(400);
    const error = (partial.body as { errors: { field: string; message: string }[] }).errors;
    expect(error).toHaveLength(1);
    expect(error[0]!.field).toBe('comments');
    for (const m of uncommented) expect(error[0]!.message).toContain(m.name);
    expect(error[0]!.message).not.toContain(commented!.name);
    for (const code of BRANCHES) {
      const task = await d.taskFor(await secretary(code), 'orglife:vanguard-comments', unit(code));
      await d.submit(await secretary(code), task.id, {
        comments: members[code]!.map((m, i) => ({
          personId: m.id,
          grade: i === 0 ? 'excellent' : 'good',
          comment: '立足岗位，作用明显',
        })),
      });
    }
    const comments = (
      await (await od()).get(`/api/vanguard-rounds/${rounds[0]!.id}/comments`).expect(200)
    ).body as unknown[];
    expect(comments).toHaveLength(Object.values(members).reduce((n, list) => n + list.length, 0));
  });

  it('prints the session record (台账)', async () => {
    const session = (await sessionsOfMonth()).find((s) => s.branchId === unit('C1-B1'))!;
    const res = await (
      await secretary('C1-B1')
    )
      .get(`/api/sessions/${session.id}/print`)
      .expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('党员集中组织生活台账');
    expect(res.text).toContain('环节（4个）');
  });
  // ——— Second half (supervision helper): spot check → rectification → follow-up → ledger ———
  describe('second half: spot check → rectification → follow-up → ledger', () => {
    interface Batch {
      id: string;
      month: string;
      seed: number;
      sampledBranchIds: string[];
      population: { branchId: string }[];
    }
    interface Rectification {
      id: string;
      status: string;
      branchId: string;
      source: string;
    }
    let batch: Batch;
    let rectificationId: string;
    let findingCode: string;
    const inspector = () => d.as('inspector');
    const codeOf = (id: string) => BRANCHES.find((code) => unit(code) === id)!;
    const committeeOf = (code: string) => (code.startsWith('C1') ? c1() : c2());
    const rectification = async () =>
      (await (await od()).get(`/api/rectifications/${rectificationId}`).expect(200)).body as {
        rectification: Rectification & { followUpAt: string | null };
        history: { action: string }[];
      };

    it('the monthly timer draws the spot-check sample from a recorded seed that replays it', async () => {
      await d.advanceTo('2026-04-01T01:00:00.000Z');
      const batches = (await (await od()).get('/api/spot-checks').expect(200)).body as Batch[];
      expect(batches).toHaveLength(1);
      batch = batches[0]!;
      expect(batch.month).toBe(MONTH);
      expect(batch.sampledBranchIds).toHaveLength(3); // one per committee (C1, C2) and one direct branch
      const replay = (await (await od()).get(`/api/spot-checks/${batch.id}/replay`).expect(200))
        .body as { matches: boolean; seed: number };
      expect(replay).toMatchObject({ matches: true, seed: batch.seed });
      const inspections = await d.inbox(await inspector(), 'orglife:spot-check-inspect');
      expect(
        inspections
          .map((task) => (task.variables['sample'] as { branchId: string }).branchId)
          .sort(),
      ).toEqual([...batch.sampledBranchIds].sort());
    });

    it('an inspector reads a sampled branch’s session records but not an unsampled branch’s', async () => {
      const sampled = batch.sampledBranchIds[0]!;
      const unsampled = batch.population.find(
        (p) => !batch.sampledBranchIds.includes(p.branchId),
      )!.branchId;
      const records = (
        await (
          await inspector()
        )
          .get(`/api/supervision/branches/${sampled}/records`)
          .query({ month: MONTH })
          .expect(200)
      ).body as {
        segments: unknown[];
        attachments: { kind: string }[];
        sixHaves: { missing: string[] };
      }[];
      expect(records).toHaveLength(1);
      expect(records[0]!.segments).toHaveLength(4);
      // the inspector sees the photos and sign-in sheets and the six-haves check
      const withPhoto = sampled === unit('C1-B1');
      expect(records[0]!.attachments.map((a) => a.kind)).toEqual(withPhoto ? ['photo'] : []);
      expect(records[0]!.sixHaves.missing).toEqual(withPhoto ? [] : ['attendance']);
      await (
        await inspector()
      )
        .get(`/api/supervision/branches/${unsampled}/records`)
        .query({ month: MONTH })
        .expect(403);
      // nor through the sessions API, which leaves the inspector role out: the inspector, a
      // member of D1, lists D1's session only
      const unsampledSession = (await sessionsOfMonth()).find((x) => x.branchId === unsampled)!;
      await (await inspector()).get(`/api/sessions/${unsampledSession.id}`).expect(403);
      const listed = await (
        await inspector()
      )
        .get('/api/sessions')
        .query({ month: MONTH })
        .expect(200);
      expect((listed.body as Session[]).map((x) => x.branchId)).toEqual([unit('D1')]);
    });

    it('an inspector finds a problem; its rectification is returned once, then closed', async () => {
      const inspections = await d.inbox(await inspector(), 'orglife:spot-check-inspect');
      const branchOf = (task: { variables: Record<string, unknown> }) =>
        (task.variables['sample'] as { branchId: string }).branchId;
      const withFinding = inspections.find((task) => codeOf(branchOf(task)) !== 'D1')!;
      findingCode = codeOf(branchOf(withFinding));
      for (const task of inspections) {
        await d.submit(
          await inspector(),
          task.id,
          task === withFinding
            ? {
                outcome: 'findings',
                notes: '交流发言人数偏少',
                findings: [
                  {
                    title: '交流发言覆盖面不足',
                    description: '仅1名党员发言',
                    severity: 'medium',
                    dueDate: '2026-04-20',
                  },
                ],
              }
            : { outcome: 'pass', notes: '六有齐全' },
        );
      }
      // no notice was recommended: the flow goes straight to rectification
      expect(await d.inbox(await od(), 'orglife:spot-check-notice')).toHaveLength(0);
      const board = (await (await od()).get('/api/rectifications').expect(200)).body as {
        items: Rectification[];
      };
      expect(board.items).toHaveLength(1);
      expect(board.items[0]).toMatchObject({
        branchId: unit(findingCode),
        source: 'spot_check',
        status: 'awaiting_plan',
      });
      rectificationId = board.items[0]!.id;

      // another branch's secretary can neither see nor act on it
      const other = BRANCHES.find((code) => code !== findingCode && code !== 'D1')!;
      const plan = await d.taskFor(
        await secretary(findingCode),
        'orglife:rectification-plan',
        unit(findingCode),
      );
      await d.submit(await secretary(other), plan.id, { plan: '代为提交' }, 403);
      await (await secretary(other)).get(`/api/rectifications/${rectificationId}`).expect(403);

      await d.submit(await secretary(findingCode), plan.id, { plan: '下次组织生活全员交流发言' });
      const review = await d.taskFor(
        await committeeOf(findingCode),
        'orglife:rectification-plan-review',
        unit(findingCode),
      );
      await d.submit(await committeeOf(findingCode), review.id, {
        approved: false,
        comment: '请明确时间和责任人',
      });
      const again = await d.taskFor(
        await secretary(findingCode),
        'orglife:rectification-plan',
        unit(findingCode),
      );
      await d.submit(await secretary(findingCode), again.id, {
        plan: '4月15日前，书记负责，全员交流发言',
      });
      const approve = await d.taskFor(
        await committeeOf(findingCode),
        'orglife:rectification-plan-review',
        unit(findingCode),
      );
      await d.submit(await committeeOf(findingCode), approve.id, { approved: true });
      const evidence = await d.taskFor(
        await secretary(findingCode),
        'orglife:rectification-evidence',
        unit(findingCode),
      );
      await d.submit(await secretary(findingCode), evidence.id, {
        evidence: '4月10日全员交流发言，附记录',
      });
      const close = await d.taskFor(
        await od(),
        'orglife:rectification-evidence-review',
        unit(findingCode),
      );
      await d.submit(await od(), close.id, { approved: true });

      const { rectification: closed, history } = await rectification();
      expect(closed.status).toBe('closed');
      expect(history.map((h) => h.action)).toEqual([
        'opened',
        'plan_submitted',
        'plan_returned',
        'plan_submitted',
        'plan_approved',
        'evidence_submitted',
        'closed',
        'follow_up_scheduled',
      ]);
    });

    it('after the look-back delay an inspector re-checks and the rectification holds', async () => {
      const { rectification: closed } = await rectification();
      expect(await d.inbox(await inspector(), 'orglife:follow-up-check')).toHaveLength(0);
      await d.advanceTo(closed.followUpAt!);
      const recheck = await d.taskFor(
        await inspector(),
        'orglife:follow-up-check',
        unit(findingCode),
      );
      await d.submit(await inspector(), recheck.id, { holds: true, notes: '发言已覆盖全体党员' });
      expect((await rectification()).rectification.status).toBe('verified');
    });

    it('the ledger computes the month’s figures, with shortfalls due by their period end', async () => {
      interface Check {
        requirement: string;
        window: string;
        status: string;
        dueBy: string;
      }
      const ledger = (
        await (await od()).get('/api/ledger/branches').query({ year: 2026 }).expect(200)
      ).body as {
        asOf: string;
        rows: {
          branchId: string;
          qualifiedSessions: number;
          meetings: Record<string, number>;
          themeDays: number;
          expertLectures: number;
          shortfalls: Check[];
        }[];
      };
      expect(ledger.rows).toHaveLength(6);
      const month = ledger.asOf.slice(0, 7);
      const monthEnd = new Date(Date.UTC(2026, Number(month.slice(5)), 0))
        .toISOString()
        .slice(0, 10);
      for (const row of ledger.rows) {
        // a branch without 党小组 does their work in its 党员大会, which counts for them
        const hasGroups = [unit('C1-B1'), unit('C2-B1')].includes(row.branchId);
        expect(row).toMatchObject({
          qualifiedSessions: 1,
          // every session but C1-B1's lacks a sign-in sheet or photo (有考勤)
          incompleteSessions: row.branchId === unit('C1-B1') ? 0 : 1,
          meetings: {
            branch_committee: 0,
            group_meeting: hasGroups ? 0 : 1,
            member_assembly: 1,
            party_lecture: 1,
          },
          themeDays: 1,
          expertLectures: 1,
        });
        const sessions = row.shortfalls.filter((s) => s.requirement === 'branch.monthly_session');
        // The branches exist from 2 March: January and February are not theirs to miss; March
        // had its session; the current month is still due.
        expect(sessions.map((s) => s.window)).not.toContain(MONTH);
        expect(sessions.map((s) => s.window)).not.toContain('2026-01');
        expect(sessions.map((s) => s.window)).not.toContain('2026-02');
        expect(sessions.at(-1)).toMatchObject({ window: month, status: 'due', dueBy: monthEnd });
        expect(row.shortfalls.some((s) => s.requirement === 'branch.expert_lecture')).toBe(false);
        expect(
          row.shortfalls.filter((s) => s.requirement === 'branch.meeting.party_lecture'),
        ).toEqual([
          expect.objectContaining({ window: '2026-Q2', status: 'due', dueBy: '2026-06-30' }),
        ]);
      }

      const [first, second, third] = members['C1-B1']!;
      const rows = (
        await (
          await od()
        )
          .get('/api/ledger/members')
          .query({ year: 2026, orgUnitId: unit('C1-B1') })
          .expect(200)
      ).body as {
        rows: {
          personId: string;
          exchangeSpeeches: number;
          microLectures: number;
          reports: number;
          vanguardComments: number;
          attendanceRate: number | null;
          shortfalls: Check[];
        }[];
      };
      const row = (id: string) => rows.rows.find((r) => r.personId === id)!;
      expect(row(first!.id)).toMatchObject({
        exchangeSpeeches: 1,
        reports: 1,
        attendanceRate: 1,
        vanguardComments: 1,
      });
      expect(row(second!.id)).toMatchObject({
        exchangeSpeeches: 0,
        microLectures: 1,
        attendanceRate: 1,
      });
      // leave is shown apart from absence and is not held against the rate
      expect(row(members['C1-B1']![3]!.id)).toMatchObject({
        leaves: 1,
        absences: 0,
        attendanceRate: null,
      });
      expect(row(third!.id)).toMatchObject({ reports: 1, attendanceRate: 1 });
      expect(row(second!.id).shortfalls).toContainEqual(
        expect.objectContaining({
          requirement: 'member.exchange_speech',
          status: 'due',
          dueBy: '2026-12-31',
        }),
      );

      // a plain member gets their own row only and may not export or read another branch
      const member = await as('member');
      const own = (await member.get('/api/ledger/members').expect(200)).body as {
        rows: { personId: string }[];
      };
      expect(own.rows.map((r) => r.personId)).toEqual([t.people['member']]);
      await member.get('/api/ledger/export.xlsx').expect(403);
      await member
        .get('/api/ledger/members')
        .query({ orgUnitId: unit('C2-B1') })
        .expect(403);
      // a branch secretary reads their own branch, not another committee's
      await (
        await secretary('C1-B1')
      )
        .get('/api/ledger/branches')
        .query({ orgUnitId: unit('C2') })
        .expect(403);
    });
  });
});

/** A record of a session where everyone came but the fourth member, on leave. */
function recordPayload(
  members: Member[],
  keys: string[],
  attachments: { attachmentId: string; kind: string }[] = [],
) {
  const [first, second, third] = members;
  return {
    heldAt: SESSION_AT,
    attendance: members.map((m, i) =>
      i === 3
        ? { personId: m.id, status: 'leave', reason: '出差' }
        : { personId: m.id, status: 'present' },
    ),
    segments: keys.map((key, i) => ({
      key,
      ownerId: members[i % members.length]!.id,
      record: `${key} 环节记录`,
    })),
    speeches: [{ personId: first!.id, topic: '学习体会' }],
    lectures: [
      { kind: 'member', speakerId: second!.id, title: '微党课：党章中的初心' },
      { kind: 'expert', speakerName: '外请专家', title: '专题党课' },
    ],
    reports: [
      { personId: third!.id, kind: 'task', content: '完成了支部交办的宣传任务' },
      { personId: first!.id, kind: 'thought', content: '思想汇报' },
    ],
    decisions: [{ category: 'work', content: '确定下月主题党日安排' }],
    attachments,
  };
}
