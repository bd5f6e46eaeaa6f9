/**
 * Notifications (issue 17 points 8–12) on the embedded database (and PostgreSQL with
 * DATABASE_URL): in-app list, unread count pushed over server-sent events, mark read; the outbox
 * written in the change's transaction; e-mail checked on a real SMTP server (smtp-server) started
 * here; WeCom, DingTalk and Feishu robots checked by a local HTTP receiver (format and signature);
 * retries with backoff; every channel off by default.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Transactions } from '../src/database/transactions.js';
import { DeliveryDispatcher } from '../src/notifications/delivery.dispatcher.js';
import { Notifier } from '../src/notifications/notifier.js';
import {
  decodeBodies,
  startMailCatcher,
  subjectOf,
  type MailCatcher,
} from './support/mail-catcher.js';
import { MonthlyCycleDriver } from './support/monthly-cycle.driver.js';
import { createTestApp, type TestApp } from './support/test-app.js';

interface Notice {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  readAt: string | null;
}
interface Received {
  path: string;
  /** The Idempotency-Key header: the delivery's id. */
  key: string | undefined;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

describe('notifications', () => {
  let t: TestApp;
  let d: MonthlyCycleDriver;
  let smtp: MailCatcher;
  let mails: string[] = [];
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];
  let failNext = 0;

  beforeAll(async () => {
    smtp = await startMailCatcher();
    mails = smtp.mails;
    const smtpPort = smtp.port;

    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (failNext > 0) {
          failNext--;
          res.writeHead(500).end('busy');
          return;
        }
        const url = new URL(req.url ?? '/', 'http://x');
        received.push({
          path: url.pathname,
          key: req.headers['idempotency-key'] as string | undefined,
          query: url.searchParams,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
        });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          url.pathname === '/feishu' ? '{"code":0,"msg":"success"}' : '{"errcode":0,"errmsg":"ok"}',
        );
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

    t = await createTestApp({
      app: {
        workflow: { jobExecutor: { enabled: false } },
        notifications: {
          pollMs: 0,
          publicUrl: 'https://dj.example.edu.cn',
          smtp: {
            host: '127.0.0.1',
            port: smtpPort,
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
    await new Promise((resolve) => receiver?.close(resolve));
  });

  const mine = async (username: string) =>
    (await (await d.as(username)).get('/api/notifications').expect(200)).body as {
      items: Notice[];
      unread: number;
    };
  const dispatch = () => t.app.get(DeliveryDispatcher).runDue();

  /** Starts C1-B3's plan flow: its draft task goes to the branch secretary (claimable). */
  const newTaskForC1B3 = async () => {
    await (
      await d.as('c1b3_secretary')
    )
      .post('/api/plans')
      .send({ branchId: t.units['C1-B3'], month: '2026-03' })
      .expect(201);
    await d.drain();
  };

  it('with nothing chosen, new work reaches the person in the app only: no e-mail, no robot', async () => {
    await newTaskForC1B3();
    const { items, unread } = await mine('c1b3_secretary');
    expect(unread).toBe(1);
    expect(items[0]).toMatchObject({ kind: 'task_new', title: '新待办：起草月度计划' });
    expect(items[0]!.link).toMatch(/^\/tasks\/.+/);
    const [{ n }] = (await t.db.query(`SELECT count(*)::int AS n FROM notification_delivery`)) as [
      { n: number },
    ];
    expect(n).toBe(0);
    expect(await dispatch()).toBe(0);
    expect(mails).toEqual([]);
  });

  it('mark read and mark all read; only one’s own', async () => {
    const secretary = await d.as('c1b3_secretary');
    const { items } = await mine('c1b3_secretary');
    await (await d.as('member')).post(`/api/notifications/${items[0]!.id}/read`).expect(404);
    await secretary.post(`/api/notifications/${items[0]!.id}/read`).expect(204);
    expect((await secretary.get('/api/notifications/unread-count').expect(200)).body).toEqual({
      unread: 0,
    });
    await secretary.post('/api/notifications/read-all').expect(204);
    expect((await mine('c1b3_secretary')).items.every((n) => n.readAt)).toBe(true);
  });

  it('a notification is written in the transaction of its change: rolled back with it', async () => {
    const notifier = t.app.get(Notifier);
    const before = (await mine('member')).items.length;
    await expect(
      t.app.get(Transactions).run(async (em) => {
        await notifier.notify(em, {
          kind: 'reminder',
          personIds: [t.people['member']!],
          title: '提醒',
          body: '回滚',
          link: null,
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await mine('member')).items).toHaveLength(before);
  });

  /** The bell of `username`: its live stream's next `unread` count, and a close. */
  let listening: Promise<string> | undefined;
  async function bellOf(username: string) {
    listening ??= t.app.listen(0, '127.0.0.1').then(() => t.app.getUrl());
    const url = await listening;
    const login = await t.http().post('/api/auth/login').send({ username, password: 'demo1234' });
    const token = (login.body as { accessToken: string }).accessToken;
    const controller = new AbortController();
    const response = await fetch(`${url.replace('[::1]', '127.0.0.1')}/api/notifications/stream`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    return {
      next: async () => new TextDecoder().decode((await reader.read()).value),
      /** The next event if it comes sooner than the stream's own 15 s re-read. */
      nextSoon: () =>
        Promise.race([
          reader.read().then(({ value }) => new TextDecoder().decode(value)),
          new Promise<string>((resolve) => setTimeout(() => resolve('nothing within 5 s'), 5000)),
        ]),
      close: () => controller.abort(),
    };
  }

  it('the unread count is pushed over server-sent events as it changes', async () => {
    const bell = await bellOf('member');
    expect(await bell.next()).toBe('event: unread\ndata: {"unread":0}\n\n');
    await t.app.get(Transactions).run((em) =>
      t.app.get(Notifier).notify(em, {
        kind: 'reminder',
        personIds: [t.people['member']!],
        title: '提醒：自学',
        body: '请完成会前自学',
        link: '/inbox',
      }),
    );
    expect(await bell.nextSoon()).toBe('event: unread\ndata: {"unread":1}\n\n');
    bell.close();
  });

  it("tells the holders of a task's candidate groups, on the unit or above, and rings their bell at once", async () => {
    const [held] = (await t.db.query(
      `SELECT r.role, u.code FROM role_assignment r JOIN org_unit u ON u.id = r.org_unit_id
        WHERE r.person_id = $1 AND r.role = 'committee_secretary'`,
      [t.people['committee_secretary']],
    )) as { role: string; code: string }[];
    const branchUnder = (
      (await t.db.query(
        `SELECT b.id FROM org_unit b JOIN org_unit c ON c.id = b.parent_id
          WHERE c.code = $1 AND b.type = 'branch' LIMIT 1`,
        [held!.code],
      )) as { id: string }[]
    )[0]!.id;
    const bell = await bellOf('committee_secretary');
    const unread = (event: string) =>
      (JSON.parse(event.split('data: ')[1]!) as { unread: number }).unread;
    const before = unread(await bell.next());
    const mine = async () =>
      (
        (await t.db.query(`SELECT count(*)::int AS n FROM notification WHERE person_id = $1`, [
          t.people['committee_secretary'],
        ])) as { n: number }[]
      )[0]!.n;
    const stored = await mine();
    await t.app.get(Transactions).run((em) =>
      t.app.get(Notifier).notify(em, {
        kind: 'task_new',
        personIds: [],
        holdersOf: [`committee_secretary@${branchUnder}`, 'committee_secretary@no-such-unit'],
        title: '新待办：审批月度计划',
        body: '有一项可签收的待办「审批月度计划」，请签收办理。',
        link: '/inbox',
      }),
    );
    const rang = await bell.nextSoon();
    expect(rang).toContain('event: unread');
    expect(unread(rang)).toBe(before + 1);
    expect(await mine()).toBe(stored + 1);
    bell.close();
  });

  it('several notifications held back in one transaction (a job group’s new tasks) each reach their own people', async () => {
    const secretary = t.people['committee_secretary']!;
    const [held] = (await t.db.query(
      `SELECT org_unit_id FROM role_assignment WHERE person_id = $1 AND role = 'committee_secretary'`,
      [secretary],
    )) as { org_unit_id: string }[];
    const named = [t.people['branch_secretary']!, t.people['member']!];
    const titled = (title: string) =>
      t.db.query(`SELECT person_id FROM notification WHERE title = $1 ORDER BY person_id`, [title]);
    await t.app.get(Transactions).run(async (em) => {
      const notifier = t.app.get(Notifier);
      const notice = (title: string, personIds: string[], holdersOf: string[] = []) =>
        notifier.notify(em, {
          kind: 'task_new',
          personIds,
          holdersOf,
          title,
          body: title,
          link: '/inbox',
        });
      await notice('合并通知一', [named[0]!]);
      await notice('合并通知二', [], [`committee_secretary@${held!.org_unit_id}`]);
      await notice('合并通知三', [named[1]!, named[1]!]);
    });
    expect(await titled('合并通知一')).toEqual([{ person_id: named[0] }]);
    expect(await titled('合并通知二')).toEqual([{ person_id: secretary }]);
    expect(await titled('合并通知三')).toEqual([{ person_id: named[1] }]);
  });

  it('e-mail as chosen per kind: the message arrives with its subject, Chinese body and link', async () => {
    // refused naming the field
    const bad = await (
      await d.as('branch_secretary')
    )
      .put('/api/notifications/settings')
      .send({ email: 'not-an-address', emailKinds: ['task_new'], digest: false });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('"field":"email"');
    const saved = await (
      await d.as('branch_secretary')
    )
      .put('/api/notifications/settings')
      .send({ email: 'chen@example.edu.cn', emailKinds: ['task_new'], digest: false })
      .expect(200);
    expect(saved.body).toMatchObject({ emailKinds: ['task_new'], emailAvailable: true });

    await (
      await d.as('branch_secretary')
    )
      .post('/api/plans')
      .send({ branchId: t.units['C1-B1'], month: '2026-03' })
      .expect(201);
    await d.drain();
    expect(await dispatch()).toBe(1);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    const [delivery] = (await t.db.query(
      `SELECT id, status, attempts FROM notification_delivery WHERE channel = 'email'`,
    )) as { id: string; status: string; attempts: number }[];
    expect(delivery).toMatchObject({ status: 'sent', attempts: 1 });
    expect(mail).toMatch(/^To: chen@example\.edu\.cn$/m);
    expect(mail).toContain(`Message-ID: <${delivery!.id}@orglife>`);
    expect(subjectOf(mail)).toBe('新待办：起草月度计划');
    expect(decodeBodies(mail)).toMatch(
      /有一项可签收的待办「起草月度计划」，请签收办理。[\s\S]*查看：https:\/\/dj\.example\.edu\.cn\/tasks\//,
    );
    // sent once: another run sends nothing
    expect(await dispatch()).toBe(0);
    expect(mails).toHaveLength(1);
  });

  it("a unit's WeCom, DingTalk and Feishu robots get the documented JSON, signed; a failure is retried", async () => {
    const secretary = await d.as('c2b1_secretary');
    const unit = t.units['C2-B1']!;
    const add = (body: object) => secretary.post(`/api/org-units/${unit}/robots`).send(body);
    await add({
      provider: 'wecom',
      name: '企业微信群',
      webhookUrl: `${receiverUrl}/wecom?key=K1`,
      kinds: ['task_new'],
    }).expect(200);
    await add({
      provider: 'dingtalk',
      name: '钉钉群',
      webhookUrl: `${receiverUrl}/dingtalk?access_token=T1`,
      secret: 'SECding',
      kinds: ['task_new'],
    }).expect(200);
    await add({
      provider: 'feishu',
      name: '飞书群',
      webhookUrl: `${receiverUrl}/feishu`,
      secret: 'feishu-secret',
      kinds: ['task_new'],
    }).expect(200);
    // another branch's secretary may not register or read them
    await (await d.as('branch_secretary')).get(`/api/org-units/${unit}/robots`).expect(403);
    const bad = await add({ provider: 'slack', name: 'x', webhookUrl: 'ftp://x', kinds: [] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/"field":"provider"[\s\S]*"field":"webhookUrl"/);
    const listed = (await secretary.get(`/api/org-units/${unit}/robots`).expect(200)).body as {
      signed: boolean;
    }[];
    expect(listed.map((r) => r.signed)).toEqual([false, true, true]);

    await secretary.post('/api/plans').send({ branchId: unit, month: '2026-03' }).expect(201);
    await d.drain();
    failNext = 1; // the first post fails: retried later, not lost
    expect(await dispatch()).toBe(2);
    const failed = (await t.db.query(
      `SELECT attempts, next_attempt_at AS "nextAt", last_error AS error FROM notification_delivery WHERE status = 'pending'`,
    )) as { attempts: number; nextAt: Date; error: string }[];
    expect(failed).toHaveLength(1);
    expect(failed[0]!.attempts).toBe(1);
    expect(failed[0]!.error).toMatch(/answered 500/);
    expect(new Date(failed[0]!.nextAt).getTime() - t.clock.now().getTime()).toBe(30_000);
    expect(await dispatch()).toBe(0); // not due yet
    t.clock.advance(30_000);
    expect(await dispatch()).toBe(1);
    expect(received.map((r) => r.path).sort()).toEqual(['/dingtalk', '/feishu', '/wecom']);

    const text = (r: Received) => JSON.stringify(r.body);
    const wecom = received.find((r) => r.path === '/wecom')!;
    expect(wecom.query.get('key')).toBe('K1');
    expect(wecom.body).toEqual({
      msgtype: 'text',
      text: { content: expect.stringContaining('新待办：起草月度计划') as string },
    });
    const ding = received.find((r) => r.path === '/dingtalk')!;
    const ts = ding.query.get('timestamp')!;
    expect(ding.query.get('access_token')).toBe('T1');
    expect(ding.query.get('sign')).toBe(
      createHmac('sha256', 'SECding').update(`${ts}\nSECding`).digest('base64'),
    );
    expect(Object.keys(ding.body)).toEqual(['msgtype', 'text']);
    const feishu = received.find((r) => r.path === '/feishu')!;
    const seconds = feishu.body['timestamp'] as string;
    expect(feishu.body['sign']).toBe(
      createHmac('sha256', `${seconds}\nfeishu-secret`).update('').digest('base64'),
    );
    expect(feishu.body['msg_type']).toBe('text');
    for (const r of received) expect(text(r)).toContain('https://dj.example.edu.cn/tasks/');
    // each post carries its delivery's id as the idempotency key, the retried one included
    const robotDeliveries = (await t.db.query(
      `SELECT id FROM notification_delivery WHERE channel = 'robot'`,
    )) as { id: string }[];
    expect(received.map((r) => r.key).sort()).toEqual(robotDeliveries.map((r) => r.id).sort());
  });
});
