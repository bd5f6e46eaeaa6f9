/**
 * What notifies whom (issue 17 point 11) and the daily digest, on the embedded database (and
 * PostgreSQL with DATABASE_URL): work returned, plan approved, 催办, due within a day, overdue and
 * escalated to the unit's secretary, a branch sampled for a spot check, a rectification due and
 * overdue — each in the transaction of its change; e-mail per kind as each person chose, or one
 * digest a day at the configured local hour, checked on a real SMTP server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadlineNotices } from '../src/notifications/deadline.notices.js';
import { DeliveryDispatcher } from '../src/notifications/delivery.dispatcher.js';
import { DigestComposer } from '../src/notifications/digest.composer.js';
import {
  decodeBodies,
  startMailCatcher,
  subjectOf,
  type MailCatcher,
} from './support/mail-catcher.js';
import {
  DAY,
  HOUR,
  MonthlyCycleDriver,
  planPayload,
  type Member,
} from './support/monthly-cycle.driver.js';
import { createTestApp, type TestApp } from './support/test-app.js';

interface Notice {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
}

const PUBLIC_URL = 'https://dj.example.edu.cn';

describe('what notifies whom', () => {
  let t: TestApp;
  let d: MonthlyCycleDriver;
  let smtp: MailCatcher;

  beforeAll(async () => {
    smtp = await startMailCatcher();
    t = await createTestApp({
      app: {
        workflow: { jobExecutor: { enabled: false } },
        notifications: {
          pollMs: 0,
          publicUrl: PUBLIC_URL,
          digestHour: 8,
          escalateAfterMs: 2 * DAY,
          smtp: {
            host: '127.0.0.1',
            port: smtp.port,
            secure: false,
            from: '党建平台 <noreply@example.edu.cn>',
          },
        },
      },
    });
    d = new MonthlyCycleDriver(t);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const notices = async (username: string, kind?: string) => {
    const res = await (await d.as(username)).get('/api/notifications?pageSize=100').expect(200);
    return (res.body as { items: Notice[] }).items.filter((n) => !kind || n.kind === kind);
  };
  const dispatch = () => t.app.get(DeliveryDispatcher).runDue();
  const scan = () => t.app.get(DeadlineNotices).scan();
  const choose = async (username: string, email: string, kinds: string[], digest: boolean) =>
    (await d.as(username))
      .put('/api/notifications/settings')
      .send({ email, emailKinds: kinds, digest })
      .expect(200);

  /** C1-B1's plan for March, drafted by its secretary: the draft task's id. */
  let draftId: string;
  let members: Member[];

  it('a returned plan tells its drafter with the comment; an approved one tells them it is approved', async () => {
    const secretary = await d.as('branch_secretary');
    await secretary
      .post('/api/plans')
      .send({ branchId: t.units['C1-B1'], month: '2026-03' })
      .expect(201);
    await d.drain();
    const draft = await d.taskFor(secretary, 'orglife:plan-draft', t.units['C1-B1']);
    members = (await d.formContext<{ members: Member[] }>(secretary, draft.id)).members;
    await d.submit(secretary, draft.id, planPayload(members, '2026-03-20T06:00:00.000Z'));

    const committee = await d.as('committee_secretary');
    const approval = await d.taskFor(committee, 'orglife:plan-approval', t.units['C1-B1']);
    await d.submit(committee, approval.id, { decision: 'return', comment: '请补充学习篇目' });
    const [returned] = await notices('branch_secretary', 'task_returned');
    expect(returned).toMatchObject({
      title: '已退回：起草月度计划',
      body: expect.stringContaining('退回意见：请补充学习篇目') as string,
    });
    const redraft = await d.taskFor(secretary, 'orglife:plan-draft', t.units['C1-B1']);
    expect(returned!.link).toBe(`/tasks/${redraft.id}`);
    draftId = redraft.id;
    expect(await notices('branch_secretary', 'plan_approved')).toEqual([]);
  });

  it('催办 reaches the holder through the outbox: in the app and by e-mail when chosen', async () => {
    await choose('branch_secretary', 'chen@example.edu.cn', ['urged'], false);
    const committee = await d.as('committee_secretary');
    await committee
      .post(`/api/tasks/${draftId}/urge`)
      .send({ message: '请于本周内提交' })
      .expect(200);
    const [urged] = await notices('branch_secretary', 'urged');
    expect(urged).toMatchObject({
      title: '催办：起草月度计划',
      body: expect.stringMatching(/催办「起草月度计划」：请于本周内提交$/) as string,
      link: `/tasks/${draftId}`,
    });
    expect(await dispatch()).toBe(1);
    const mail = smtp.mails.at(-1)!;
    expect(subjectOf(mail)).toBe('催办：起草月度计划');
    expect(decodeBodies(mail)).toContain(`查看：${PUBLIC_URL}/tasks/${draftId}`);
    // a refused urge (too soon) writes nothing
    await committee.post(`/api/tasks/${draftId}/urge`).send({}).expect(429);
    expect(await notices('branch_secretary', 'urged')).toHaveLength(1);
  });

  it('work due within a day is reminded, then overdue to the holder, then escalated to the unit above’s secretary; each once', async () => {
    const now = t.clock.now().getTime();
    await t.db.query(`UPDATE wf_task SET due_at = $2, created_at = $3 WHERE id = $1`, [
      draftId,
      new Date(now + 30 * HOUR),
      new Date(now - HOUR),
    ]);
    const draftNotices = async (username: string, kind: string) =>
      (await notices(username, kind)).filter((n) => n.link === `/tasks/${draftId}`);

    await scan();
    expect(await draftNotices('branch_secretary', 'reminder')).toEqual([]);
    t.clock.advance(7 * HOUR); // due in 23 hours
    await scan();
    expect(await draftNotices('branch_secretary', 'reminder')).toEqual([
      expect.objectContaining({
        title: '明日到期：起草月度计划',
        body: expect.stringMatching(
          /^「起草月度计划」将于 \d{4}-\d\d-\d\d \d\d:\d\d 到期/,
        ) as string,
      }),
    ]);
    await scan();
    expect(await draftNotices('branch_secretary', 'reminder')).toHaveLength(1);

    t.clock.advance(24 * HOUR); // an hour overdue
    await scan();
    expect(await draftNotices('branch_secretary', 'overdue')).toEqual([
      expect.objectContaining({ title: '已超期：起草月度计划' }),
    ]);
    expect(await draftNotices('committee_secretary', 'overdue_escalated')).toEqual([]);

    t.clock.advance(2 * DAY); // still open two days after its due time
    await scan();
    await scan();
    // the holder is C1-B1's secretary: the escalation goes to the secretary of C1, above it
    expect(await draftNotices('committee_secretary', 'overdue_escalated')).toEqual([
      expect.objectContaining({
        title: '超期督办：起草月度计划',
        body: expect.stringMatching(
          /的待办「起草月度计划」已于 .+ 到期，至今未办结，请督促办理。$/,
        ) as string,
      }),
    ]);
    expect(await draftNotices('branch_secretary', 'overdue_escalated')).toEqual([]);
    expect(await draftNotices('branch_secretary', 'overdue')).toHaveLength(1);

    // a deadline moved later is noticed again when it passes; finished work is not
    const moveDeadline = (fromNow: number) =>
      t.db.query(`UPDATE wf_task SET due_at = $2 WHERE id = $1`, [
        draftId,
        new Date(t.clock.now().getTime() + fromNow),
      ]);
    await moveDeadline(HOUR);
    t.clock.advance(2 * HOUR);
    await scan();
    expect(await draftNotices('branch_secretary', 'overdue')).toHaveLength(2);
    // a deadline passed over a week ago (an old database's first round) is never noticed; one
    // moved into the past, which a round looking since the last one cannot see, is at the next
    // full round, within the hour
    await moveDeadline(-8 * DAY);
    t.clock.advance(2 * HOUR);
    await scan();
    expect(await draftNotices('branch_secretary', 'overdue')).toHaveLength(2);
    await moveDeadline(-3 * DAY);
    await scan();
    expect(await draftNotices('branch_secretary', 'overdue')).toHaveLength(2);
    t.clock.advance(HOUR);
    await scan();
    expect(await draftNotices('branch_secretary', 'overdue')).toHaveLength(3);
    const secretary = await d.as('branch_secretary');
    await d.submit(secretary, draftId, planPayload(members, '2026-03-20T06:00:00.000Z'));
    const committee = await d.as('committee_secretary');
    const approval = await d.taskFor(committee, 'orglife:plan-approval', t.units['C1-B1']);
    await d.submit(committee, approval.id, { decision: 'approve' });
    const [approved] = await notices('branch_secretary', 'plan_approved');
    expect(approved).toMatchObject({ title: '计划已批准：2026-03 月度计划', link: '/sessions' });
  });

  it('a sampled branch’s secretary hears of the spot check with the draw', async () => {
    const od = await d.as('od_admin');
    await od.post('/api/spot-checks').send({ seed: 777, month: '2026-02' }).expect(201);
    await d.drain();
    const [batch] = await t.db.query<{ sampled: string[] }[]>(
      `SELECT sampled_branch_ids AS sampled FROM spot_check_batch ORDER BY created_at DESC LIMIT 1`,
    );
    expect(batch!.sampled.length).toBeGreaterThan(0);
    const told = await t.db.query<{ unit: string }[]>(
      `SELECT DISTINCT r.org_unit_id AS unit FROM notification n
         JOIN role_assignment r ON r.person_id = n.person_id AND r.role = 'branch_secretary'
        WHERE n.kind = 'spot_check' AND n.title = '抽查：本支部被抽中 2026-02 督查'`,
    );
    expect(told.map((r) => r.unit).sort()).toEqual([...batch!.sampled].sort());
  });

  it('a rectification is reminded before its due date and when overdue, as rectification_due', async () => {
    await (
      await d.as('d1_secretary')
    )
      .post('/api/rectifications')
      .send({
        branchId: t.units['D1'],
        title: '考勤不全',
        description: '自查发现请假未注明原因',
        severity: 'low',
        dueDate: '2026-04-30',
      })
      .expect(201);
    await d.drain();
    const [item] = await t.db.query<{ dueAt: Date }[]>(
      `SELECT due_at AS "dueAt" FROM rectification WHERE title = '考勤不全'`,
    );
    const dueAt = new Date(item!.dueAt).getTime();
    const told = async () =>
      (await notices('d1_secretary', 'rectification_due')).map((n) => [n.title, n.body, n.link]);
    t.clock.set(new Date(dueAt - 36 * HOUR));
    await scan();
    expect(await told()).toEqual([]);
    t.clock.set(new Date(dueAt - 12 * HOUR));
    await scan();
    await scan();
    expect(await told()).toEqual([
      [
        '整改明日到期：考勤不全',
        expect.stringMatching(
          /^整改事项「考勤不全」将于 2026-04-30 \d\d:\d\d 到期，请抓紧完成整改并提交佐证。$/,
        ),
        '/rectifications',
      ],
    ]);
    t.clock.set(new Date(dueAt + HOUR));
    await scan();
    await scan();
    expect((await told()).map(([title]) => title)).toEqual([
      '整改已逾期：考勤不全',
      '整改明日到期：考勤不全',
    ]);
  });
});

describe('the daily digest', () => {
  let t: TestApp;
  let d: MonthlyCycleDriver;
  let smtp: MailCatcher;

  beforeAll(async () => {
    smtp = await startMailCatcher();
    // 2026-03-02 07:30 in Beijing (ORGLIFE_TIME_ZONE unset: Asia/Shanghai)
    t = await createTestApp({
      now: new Date('2026-03-01T23:30:00Z'),
      app: {
        workflow: { jobExecutor: { enabled: false } },
        notifications: {
          pollMs: 0,
          publicUrl: PUBLIC_URL,
          digestHour: 8,
          smtp: {
            host: '127.0.0.1',
            port: smtp.port,
            secure: false,
            from: '党建平台 <noreply@example.edu.cn>',
          },
        },
      },
    });
    d = new MonthlyCycleDriver(t);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const compose = () => t.app.get(DigestComposer).compose();
  const dispatch = () => t.app.get(DeliveryDispatcher).runDue();
  const newPlan = async (username: string, code: string, month: string) => {
    await (
      await d.as(username)
    )
      .post('/api/plans')
      .send({ branchId: t.units[code], month })
      .expect(201);
    await d.drain();
  };

  it('sends who chose it one mail a day at the local hour, listing what they have not read, instead of one each', async () => {
    const secretary = await d.as('c1b2_secretary');
    await secretary
      .put('/api/notifications/settings')
      .send({ email: 'wang@example.edu.cn', emailKinds: ['task_new', 'urged'], digest: true })
      .expect(200);
    // two pieces of new work, and one more read at once
    await newPlan('c1b2_secretary', 'C1-B2', '2026-03');
    await newPlan('c1b2_secretary', 'C1-B2', '2026-04');
    await newPlan('c1b2_secretary', 'C1-B2', '2026-05');
    const list = (await secretary.get('/api/notifications').expect(200)).body as {
      items: { id: string; link: string }[];
    };
    expect(list.items).toHaveLength(3);
    const [read, ...unread] = list.items;
    await secretary.post(`/api/notifications/${read!.id}/read`).expect(204);

    // no mail per notification, and none before 08:00 local time
    expect(await compose()).toBe(0);
    expect(await dispatch()).toBe(0);
    t.clock.advance(30 * 60_000); // 08:00 in Beijing
    expect(await compose()).toBe(1);
    expect(await compose()).toBe(0); // once a day
    expect(await dispatch()).toBe(1);
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail).toMatch(/^To: wang@example\.edu\.cn$/m);
    expect(subjectOf(mail)).toBe('每日通知摘要：2 条未读（2026-03-02）');
    const body = decodeBodies(mail);
    expect(body).toContain('截至 2026-03-02，您有 2 条未读通知：');
    expect(body).toContain('1. 【新待办】新待办：起草月度计划（2026-03-02 07:30）');
    for (const item of unread) expect(body).toContain(`${PUBLIC_URL}${item.link}`);
    expect(body).not.toContain(`${PUBLIC_URL}${read!.link}`);
    expect(body).toContain(`查看：${PUBLIC_URL}/notifications`);
    expect(body).toMatch(/<a href="https:\/\/dj\.example\.edu\.cn\/tasks\//);

    // the next day lists only what came since
    await newPlan('c1b2_secretary', 'C1-B2', '2026-06');
    t.clock.advance(6 * HOUR);
    expect(await compose()).toBe(0); // the same local day
    t.clock.advance(18 * HOUR); // 2026-03-03 08:00
    expect(await compose()).toBe(1);
    expect(await dispatch()).toBe(1);
    expect(subjectOf(smtp.mails[1]!)).toBe('每日通知摘要：1 条未读（2026-03-03）');
    // a day with nothing new sends nothing
    t.clock.advance(DAY);
    expect(await compose()).toBe(0);
  });
});
