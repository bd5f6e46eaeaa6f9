import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';

const HEADERS = [
  '工号',
  '姓名',
  '性别',
  '手机号',
  '组织编码',
  '组织名称',
  '党员类别',
  '入党日期',
  '用户名',
];

function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

async function sheetOf(file: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]?.eachRow((row) => {
    rows.push(HEADERS.map((_, i) => String(row.getCell(i + 1).value ?? '')));
  });
  return rows;
}

async function xlsx(rows: (string | number | Date | null)[][], headers = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(headers);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('roster (花名册) import and export', () => {
  let t: TestApp;
  let od: Client;
  let b1Secretary: Client;
  const count = async () =>
    ((await t.db.query(`SELECT count(*)::int AS n FROM person`)) as [{ n: number }])[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    [od, b1Secretary] = await t.loginAll('od_admin', 'branch_secretary');
  });
  afterAll(async () => {
    await t.close();
  });

  const upload = (client: Client, file: Buffer) =>
    client.post('/api/roster/import').attach('file', file, 'roster.xlsx');

  it('exports every visible person with zh-CN headers', async () => {
    const res = await od.get('/api/roster/export').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await sheetOf(res.body as Buffer);
    expect(rows[0]).toEqual(HEADERS);
    expect(rows).toHaveLength(61);
    expect(rows.find((r) => r[8] === 'branch_secretary')).toEqual([
      expect.stringMatching(/^T\d+$/),
      '陈晓东',
      expect.stringMatching(/^[男女]$/),
      expect.any(String),
      'C1-B1-G1',
      '教工第一党支部第一党小组',
      '正式党员',
      expect.stringMatching(/^\d{4}-07-01$/),
      'branch_secretary',
    ]);
  });

  it('exports for a branch secretary only their branch', async () => {
    const res = await b1Secretary.get('/api/roster/export').buffer(true).parse(binary).expect(200);
    const codes = new Set((await sheetOf(res.body as Buffer)).slice(1).map((r) => r[4]));
    expect(codes).toEqual(new Set(['C1-B1-G1', 'C1-B1-G2']));
  });

  it('round-trips: importing the export changes nothing', async () => {
    const exported = (await od.get('/api/roster/export').buffer(true).parse(binary).expect(200))
      .body as Buffer;
    const before = await count();
    const res = await upload(od, exported).expect(200);
    expect(res.body).toEqual({ imported: 60, created: 0, updated: 60 });
    expect(await count()).toBe(before);
    const again = (await od.get('/api/roster/export').buffer(true).parse(binary).expect(200))
      .body as Buffer;
    expect(await sheetOf(again)).toEqual(await sheetOf(exported));
  });

  it('reports every bad row with row number, column and reason, and imports none of the file', async () => {
    const before = await count();
    const file = await xlsx([
      ['R001', '许可', '男', '13900000001', 'C1-B2', '', '正式党员', '2019-07-01', 'xuke'],
      ['', '缺工号', '女', '', 'C1-B2', '', '', '', ''],
      ['R003', '错组织', '男', '', 'NOPE', '', '', '', ''],
      ['R004', '错性别', '未知', '', 'C1-B2', '', '', '2020-02-30', ''],
      ['R001', '重复工号', '', '', 'C1-B2', '计算机学院本科生党支部', '积极分子', '', 'od_admin'],
    ]);
    const res = await upload(od, file).expect(400);
    expect(res.body).toMatchObject({ status: 400, type: 'urn:orglife:problem:roster' });
    const errors = (res.body as { errors: { row: number; column: string; reason: string }[] })
      .errors;
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, '工号'],
      [4, '组织编码'],
      [5, '性别'],
      [5, '入党日期'],
      [6, '工号'],
      [6, '组织名称'],
      [6, '党员类别'],
      [6, '用户名'],
    ]);
    expect(errors.every((e) => e.reason.length > 0)).toBe(true);
    expect(await count()).toBe(before);
  });

  it('imports new people with their accounts and member role, reading columns by header and dates as dates', async () => {
    const headers = [
      '姓名',
      '工号',
      '组织编码',
      '党员类别',
      '入党日期',
      '用户名',
      '性别',
      '手机号',
    ];
    const file = await xlsx(
      [
        [
          '许可',
          'R101',
          'C1-B2',
          '预备党员',
          new Date(Date.UTC(2025, 5, 1)),
          'xuke',
          '男',
          13900000001,
        ],
        ['韩梅', 'R102', 'C1-B2', '正式党员', '2018/7/1', '', '女', ''],
      ],
      headers,
    );
    expect(
      await upload(od, file)
        .expect(200)
        .then((r) => r.body),
    ).toEqual({ imported: 2, created: 2, updated: 0 });
    const page = (await od.get('/api/people?q=R10').expect(200)).body as {
      items: {
        employeeNo: string;
        joinedPartyOn: string;
        username: string | null;
        phone: string | null;
      }[];
    };
    expect(page.items.map((p) => [p.employeeNo, p.joinedPartyOn, p.username, p.phone])).toEqual([
      ['R101', '2025-06-01', 'xuke', '13900000001'],
      ['R102', '2018-07-01', null, null],
    ]);
    const roles = await t.db.query<{ role: string }[]>(
      `SELECT r.role FROM role_assignment r JOIN person p ON p.id = r.person_id WHERE p.employee_no = 'R101'`,
    );
    expect(roles).toEqual([{ role: 'member' }]);
  });

  it('refuses a branch secretary rows for units or people outside their branch', async () => {
    const file = await xlsx([
      ['R201', '外支部', '', '', 'C2-B2', '', '', '', ''],
      ['T2026001', '改别人', '', '', 'C1-B1', '', '', '', ''],
    ]);
    const errors = (
      (await upload(b1Secretary, file).expect(400)).body as {
        errors: { row: number; column: string }[];
      }
    ).errors;
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, '组织编码'],
      [3, '工号'],
    ]);
  });

  it('answers a missing file, a file that is not .xlsx, and a header without 工号 with 400', async () => {
    const none = await od.post('/api/roster/import').expect(400);
    expect(none.body).toMatchObject({ errors: [expect.objectContaining({ field: 'file' })] });
    await upload(od, Buffer.from('name,id\n')).expect(400);
    const headerless = await upload(od, await xlsx([['x']], ['姓名', '组织编码'])).expect(400);
    expect(
      (headerless.body as { errors: { column: string }[] }).errors.map((e) => e.column),
    ).toContain('工号');
  });

  it('answers multipart/form-data without a boundary, or cut off, with 400 and imports nothing', async () => {
    const before = await count();
    const malformed: [contentType: string, body: string][] = [
      ['multipart/form-data', '{}'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="file"'],
    ];
    for (const [contentType, body] of malformed) {
      const res = await od
        .post('/api/roster/import')
        .set('content-type', contentType)
        .send(body)
        .expect(400);
      expect(res.body).toMatchObject({
        detail: expect.stringContaining('multipart/form-data'),
        errors: [expect.objectContaining({ field: 'file' })],
      });
    }
    expect(await count()).toBe(before);
  });

  it('refuses plain members both ways', async () => {
    const member = await t.login('member');
    await member.get('/api/roster/export').expect(403);
    await upload(member, await xlsx([])).expect(403);
  });
});
