import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startApi, type ApiProcess } from './support/api-process.js';
import { startReviews } from './support/crash-burst.js';
import {
  freshPostgresDatabase,
  openPglite,
  openPostgres,
  type Database,
} from './support/database.js';
import { waitUntil } from './support/invariants.js';
import { apiRequire } from './support/paths.js';
import { WorkflowClient } from './support/workflow-client.js';

const INSTANCES = 60;
const serverUrl = process.env.DATABASE_URL;

interface SmtpServerLike {
  listen(port: number, host: string, done: () => void): void;
  close(done: () => void): void;
  server: { address(): AddressInfo };
}
type SmtpServerClass = new (options: object) => SmtpServerLike;

/**
 * A real SMTP server that keeps each message's Message-ID and answers each slowly, so that a
 * kill lands in the middle of the sending.
 */
async function slowMailbox(): Promise<{ port: number; ids: string[]; close(): Promise<void> }> {
  const { SMTPServer } = apiRequire('smtp-server') as { SMTPServer: SmtpServerClass };
  const ids: string[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(
      stream: NodeJS.ReadableStream,
      _session: unknown,
      callback: (error?: Error | null) => void,
    ) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const id = /^Message-ID: (.*)$/im.exec(Buffer.concat(chunks).toString('utf8'))?.[1];
        ids.push((id ?? 'none').trim());
        setTimeout(() => callback(), 40);
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  return {
    port: smtp.server.address().port,
    ids,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

/** A WeCom-like webhook receiver that keeps each post's Idempotency-Key. */
async function webhookReceiver(): Promise<{ url: string; keys: string[]; server: Server }> {
  const keys: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      keys.push(String(req.headers['idempotency-key']));
      setTimeout(() => res.writeHead(200).end('{"errcode":0,"errmsg":"ok"}'), 20);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wecom`, keys, server };
}

const distinct = (keys: string[]) => new Set(keys).size;

/**
 * Issue 17 point 12 on the database of the pass (PGlite without DATABASE_URL, else PostgreSQL):
 * the API is killed -9 while it sends e-mail and robot posts; restarted, it sends the rest, and
 * every delivery arrives — once per idempotency key (Message-ID, Idempotency-Key); only the one
 * in flight at the kill may arrive twice, under the same key.
 */
describe('kill -9 in the middle of sending notifications', () => {
  let dataDir: string | undefined;
  let api: ApiProcess | undefined;
  let mailbox: Awaited<ReturnType<typeof slowMailbox>> | undefined;
  let receiver: Awaited<ReturnType<typeof webhookReceiver>> | undefined;

  afterAll(async () => {
    await api?.stop();
    await mailbox?.close();
    await new Promise((resolve) => receiver?.server.close(resolve));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every notification exactly once by its idempotency key', async () => {
    mailbox = await slowMailbox();
    receiver = await webhookReceiver();
    const database: Record<string, string> = serverUrl
      ? { DATABASE_URL: await freshPostgresDatabase(serverUrl, 'orglife_notify_crash') }
      : { DATA_DIR: (dataDir = mkdtempSync(join(tmpdir(), 'orglife-notify-crash-'))) };
    const env: Record<string, string> = {
      ...database,
      SEED: 'true',
      JOB_POLL_MS: '100',
      JOB_LOCK_MS: '3000',
      NOTIFY_POLL_MS: '100',
      NOTIFY_LOCK_MS: '3000',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(mailbox.port),
      SMTP_FROM: '党建平台 <noreply@example.edu.cn>',
      APP_PUBLIC_URL: 'https://dj.example.edu.cn',
    };
    api = await startApi({ name: 'notify-crash', env });
    const od = await WorkflowClient.login(api.baseUrl, 'od_admin');
    // Given od_admin takes new work by mail and the university's group robot posts it
    await od.expect('PUT', '/notifications/settings', {
      email: 'od@example.edu.cn',
      emailKinds: ['task_new'],
      digest: false,
    });
    await od.expect('POST', `/org-units/${await od.rootUnitId()}/robots`, {
      provider: 'wecom',
      name: '党委企业微信群',
      webhookUrl: receiver.url,
      kinds: ['task_new'],
    });

    // When many new tasks are made (each a mail and a robot post) and the API is killed -9
    // while it is sending them
    await startReviews(od, INSTANCES);
    await waitUntil('some mail was sent', async () => mailbox!.ids.length >= 15, 30_000);
    await api.crash();
    const atKill = { mails: distinct(mailbox.ids), posts: distinct(receiver.keys) };
    expect(atKill.mails).toBeLessThan(INSTANCES);

    // and restarted on the same database, which takes over the deliveries of the dead process
    api = await startApi({ name: 'notify-crash-restarted', env });
    let last = -1;
    await waitUntil(
      'the restarted API sent the rest',
      async () => {
        const now = distinct(mailbox!.ids) + distinct(receiver!.keys);
        const settled = now === last && now >= 2 * INSTANCES;
        last = now;
        return settled;
      },
      45_000,
    );
    await api.stop();
    api = undefined;

    // Then every delivery is marked sent once and arrived, once per idempotency key
    const db: Database = serverUrl
      ? await openPostgres(env.DATABASE_URL!)
      : await openPglite(join(dataDir!, 'pglite'));
    try {
      const rows = await db.query<{ id: string; channel: string; status: string }>(
        `SELECT id, channel, status FROM notification_delivery`,
      );
      const ids = (channel: string) =>
        rows
          .filter((r) => r.channel === channel)
          .map((r) => r.id)
          .sort();
      expect(rows.every((r) => r.status === 'sent')).toBe(true);
      expect(ids('email').length).toBeGreaterThanOrEqual(INSTANCES);
      expect([...new Set(mailbox.ids)].sort()).toEqual(ids('email').map((id) => `<${id}@orglife>`));
      expect([...new Set(receiver.keys)].sort()).toEqual(ids('robot'));
      // at most the one message in flight at the kill came twice, under the same key
      const repeats = mailbox.ids.length - distinct(mailbox.ids);
      const repeatedPosts = receiver.keys.length - distinct(receiver.keys);
      expect(repeats + repeatedPosts).toBeLessThanOrEqual(1);
    } finally {
      await db.close();
    }
  });
});
