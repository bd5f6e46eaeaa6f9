import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_EXPORT_MAX } from '../src/workflow/audit/audit-query.service.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';
import { deploy, WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

const binary = (
  res: NodeJS.ReadableStream,
  done: (err: Error | null, body: unknown) => void,
): void => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

async function sheetRows(body: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const rows: string[][] = [];
  book.worksheets[0]!.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => cells.push(cell.text));
    rows.push(cells);
  });
  return rows;
}

/** The audit log as a list and as .xlsx, filtered by unit, person, verb and period; the instance trail. */
describe('workflow audit log and its export', () => {
  let t: TestApp;
  let od: Client;
  let secretary: Client; // branch_secretary on C1-B1
  let c1b2: Client; // branch_secretary on C1-B2
  let committee: Client; // committee_secretary on C1
  let c2: Client; // committee_secretary on C2
  let member: Client;
  let returned: string;

  beforeAll(async () => {
    t = await createTestApp({ app: WORKFLOW_TEST_APP });
    od = await t.login('od_admin');
    [secretary, c1b2, committee, c2, member] = await t.loginAll(
      'branch_secretary',
      'c1b2_secretary',
      'committee_secretary',
      'c2_secretary',
      'member',
    );
    await deploy(od, 'wf-return');
    const unit = t.units['C1-B1']!;
    const started = await secretary
      .post('/api/instances')
      .send({ processId: 'wf_return', orgUnitId: unit, variables: { orgUnitId: unit } })
      .expect(201);
    returned = started.body.id as string;
    const openAt = async (elementId: string) =>
      (
        await t.db.query<{ id: string }[]>(
          `SELECT id FROM wf_task WHERE instance_id = $1 AND status = 'open' AND element_id = $2`,
          [returned, elementId],
        )
      )[0]!.id;
    await secretary
      .post(`/api/tasks/${await openAt('Draft')}/complete`)
      .send({})
      .expect(200);
    const review = await openAt('Review');
    const branchCommittee = await t.login('branch_committee');
    await branchCommittee
      .post(`/api/tasks/${review}/return`)
      .send({ target: 'Draft', reason: '缺少会议记录' })
      .expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the instance trail: who returned what to whom, and why', async () => {
    const trail = await committee.get(`/api/instances/${returned}/trail`).expect(200);
    const row = (trail.body as { action: string }[]).find((r) => r.action === 'task.returned');
    expect(row).toMatchObject({
      actorName: expect.any(String),
      taskName: '支委审核',
      stepName: '起草',
      reason: '缺少会议记录',
      targetName: expect.any(String),
    });
    await c2.get(`/api/instances/${returned}/trail`).expect(403);
  });

  it('lists and exports within the caller’s subtree, filtered by unit, person, verb and period', async () => {
    const mine = await committee
      .get('/api/audit')
      .query({ action: 'task.returned', orgUnitId: t.units['C1-B1'] })
      .expect(200);
    expect(mine.body.total).toBe(1);
    const other = await c2.get('/api/audit').query({ action: 'task.returned' }).expect(200);
    expect(other.body.total).toBe(0);
    const otherBranch = await c1b2.get('/api/audit').query({ action: 'task.returned' }).expect(200);
    expect(otherBranch.body.total).toBe(0);
    const byPerson = await od
      .get('/api/audit')
      .query({ personId: t.people['branch_committee'], action: 'task.returned' })
      .expect(200);
    expect(byPerson.body.total).toBe(1);
    const byOther = await od
      .get('/api/audit')
      .query({ personId: t.people['branch_secretary'], action: 'task.returned' })
      .expect(200);
    expect(byOther.body.total).toBe(0);
    const longAgo = await od
      .get('/api/audit')
      .query({ action: 'task.returned', from: '2000-01-01', to: '2000-12-31' })
      .expect(200);
    expect(longAgo.body.total).toBe(0);
    const denied = await member.get('/api/audit').expect(403);
    expect(denied.body.detail).toBe('仅组织部、党委和党支部书记可查看审计日志');
    const badPeriod = await od.get('/api/audit').query({ from: '2026-13-01' }).expect(400);
    expect(badPeriod.body.errors[0].field).toBe('from');

    const file = await committee
      .get('/api/audit/export')
      .query({ orgUnitId: t.units['C1-B1'], action: 'task.returned' })
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const rows = await sheetRows(file.body as Buffer);
    expect(rows[0]).toEqual([
      '时间',
      '操作人',
      '操作',
      '单位',
      '流程',
      '任务',
      '对象',
      '退回至',
      '理由',
      '流程实例',
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.slice(2, 9)).toEqual([
      '退回',
      expect.any(String),
      '测试退回',
      '支委审核',
      expect.any(String),
      '起草',
      '缺少会议记录',
    ]);
    const none = await c2
      .get('/api/audit/export')
      .query({ action: 'task.returned' })
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(await sheetRows(none.body as Buffer)).toHaveLength(1);
  });

  it('refuses an export larger than one file holds, naming the count, instead of cutting it short', async () => {
    await t.db.query(
      `INSERT INTO wf_audit (at, actor, action, instance_id, task_id, detail)
       SELECT now(), 'system', 'test.bulk', $1, NULL, '{}'::jsonb
         FROM generate_series(1, $2::int)`,
      [returned, AUDIT_EXPORT_MAX + 1],
    );
    const refused = await od.get('/api/audit/export').query({ action: 'test.bulk' }).expect(422);
    expect(refused.body.detail).toBe(
      `符合条件的审计记录有 ${AUDIT_EXPORT_MAX + 1} 条，超过单次导出上限 ${AUDIT_EXPORT_MAX} 条，请缩小时间段或增加筛选条件后分次导出`,
    );
    await t.db.query(
      `DELETE FROM wf_audit WHERE action = 'test.bulk' AND id = (SELECT max(id) FROM wf_audit WHERE action = 'test.bulk')`,
    );
    const whole = await od
      .get('/api/audit/export')
      .query({ action: 'test.bulk' })
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(await sheetRows(whole.body as Buffer)).toHaveLength(AUDIT_EXPORT_MAX + 1);
  }, 120_000);
});
