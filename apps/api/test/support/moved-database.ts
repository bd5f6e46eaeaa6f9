import { expect } from 'vitest';
import type { DataSource } from 'typeorm';
import { JobExecutor } from '../../src/workflow/jobs/job.executor.js';
import type { TestApp } from './test-app.js';
import { deploy } from './workflow-fixtures.js';

const MINUTE = 60_000;

/** Row count and checksum of every table, and every sequence's state, of a database. */
export async function contentsOf(
  db: Pick<DataSource, 'query'>,
): Promise<Record<string, { rows: number; md5: string } | string>> {
  const contents: Record<string, { rows: number; md5: string } | string> = {};
  const tables = await db.query<{ name: string }[]>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`,
  );
  for (const { name } of tables) {
    const [sum] = await db.query<[{ rows: number; md5: string }]>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(r, E'\\n' ORDER BY r), '')) AS md5
         FROM (SELECT to_jsonb(t)::text AS r FROM "${name}" t) s`,
    );
    contents[name] = sum;
  }
  const sequences = await db.query<{ name: string }[]>(
    `SELECT sequencename AS name FROM pg_sequences WHERE schemaname = current_schema()`,
  );
  for (const { name } of sequences) {
    const [state] = await db.query<[{ state: string }]>(
      `SELECT last_value || '/' || is_called AS state FROM "${name}"`,
    );
    contents[`sequence ${name}`] = state.state;
  }
  return contents;
}

/** Work in flight: one instance waiting at a user task, one at a timer due in an hour, a file. */
export interface InFlight {
  atTask: string;
  atTimer: string;
  attachmentId: string;
  attachment: Buffer;
}

export async function startWorkInFlight(t: TestApp): Promise<InFlight> {
  const [od, secretary] = await t.loginAll('od_admin', 'branch_secretary');
  await deploy(od, 'wf-timer');
  const start = async () =>
    (
      await secretary
        .post('/api/instances')
        .send({
          processId: 'wf_timer',
          orgUnitId: t.units['C1-B1'],
          variables: { initiator: t.people['branch_secretary'] },
        })
        .expect(201)
    ).body.id as string;
  const atTask = await start();
  t.clock.advance(61 * MINUTE);
  expect(await t.app.get(JobExecutor).runDueJobs()).toBe(1);
  const atTimer = await start();
  const attachment = Buffer.from('%PDF-1.4 minutes of the branch meeting\n');
  const upload = await secretary
    .post('/api/attachments')
    .field('orgUnitId', t.units['C1-B1']!)
    .attach('file', attachment, { filename: 'minutes.pdf', contentType: 'application/pdf' })
    .expect(201);
  return { atTask, atTimer, attachmentId: (upload.body as { id: string }).id, attachment };
}

/** On the moved database: the file reads back, the task completes, the timer fires. */
export async function expectWorkCarriesOn(t: TestApp, work: InFlight): Promise<void> {
  const secretary = await t.login('branch_secretary');
  const file = await secretary
    .get(`/api/attachments/${work.attachmentId}/content`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  expect(file.body).toEqual(work.attachment);

  const openTask = async (instanceId: string) =>
    (
      await t.db.query<{ id: string }[]>(
        `SELECT id FROM wf_task WHERE instance_id = $1 AND status = 'open'`,
        [instanceId],
      )
    )[0]?.id;
  const task = await openTask(work.atTask);
  expect(task).toBeDefined();
  await secretary.post(`/api/tasks/${task}/complete`).send({}).expect(200);
  const done = await secretary.get(`/api/instances/${work.atTask}`).expect(200);
  expect(done.body).toMatchObject({ status: 'completed' });

  expect(await openTask(work.atTimer)).toBeUndefined();
  const executor = t.app.get(JobExecutor);
  expect(await executor.runDueJobs()).toBe(0);
  t.clock.advance(61 * MINUTE);
  expect(await executor.runDueJobs()).toBe(1);
  expect(await openTask(work.atTimer)).toBeDefined();
}
