import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';

const HEADERS = ['组织编码', '组织名称', '上级组织编码', '组织类型', '排序'];

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

async function xlsx(rows: (string | number)[][], headers = HEADERS.slice(0, 4)): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('组织架构');
  ws.addRow(headers);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type RowErrors = { errors: { row: number; column: string; reason: string }[] };

describe('org sheet (组织架构) import and export, and editing the tree', () => {
  let t: TestApp;
  let od: Client;
  let secretary: Client;
  const units = () =>
    t.db.query<
      { code: string; name: string; parent: string | null; path: string; depth: number }[]
    >(
      `SELECT u.code, u.name, p.code AS parent, u.path, u.depth, u.direct
         FROM org_unit u LEFT JOIN org_unit p ON p.id = u.parent_id ORDER BY u.code`,
    );
  const exported = async () =>
    (await od.get('/api/org-units/export').buffer(true).parse(binary).expect(200)).body as Buffer;
  const upload = (client: Client, file: Buffer) =>
    client.post('/api/org-units/import').attach('file', file, 'org.xlsx');

  beforeAll(async () => {
    t = await createTestApp();
    [od, secretary] = await t.loginAll('od_admin', 'committee_secretary');
  });
  afterAll(async () => {
    await t.close();
  });

  it('exports every unit, parents first, with zh-CN headers and type names', async () => {
    const rows = await sheetOf(await exported());
    expect(rows[0]).toEqual(HEADERS);
    expect(rows).toHaveLength(13);
    expect(rows[1]).toEqual(['U', '示范大学党委', '', '学校党委', '0']);
    expect(rows.find((r) => r[0] === 'D1')?.slice(0, 4)).toEqual([
      'D1',
      '机关直属党支部',
      'U',
      '直属党支部',
    ]);
    expect(rows.find((r) => r[0] === 'C1-B1-G2')?.slice(2, 4)).toEqual(['C1-B1', '党小组']);
    const seen = new Set<string>();
    for (const [code, , parent] of rows.slice(1)) {
      if (parent) expect(seen).toContain(parent);
      seen.add(code!);
    }
  });

  it('round-trips: importing the export changes nothing', async () => {
    const file = await exported();
    const before = await units();
    expect((await upload(od, file).expect(200)).body).toEqual({
      imported: 12,
      created: 0,
      updated: 0,
    });
    expect(await units()).toEqual(before);
    expect(await sheetOf(await exported())).toEqual(await sheetOf(file));
  });

  it('refuses a cycle, an unknown parent, a duplicate code and a misplaced type, naming each row, and imports nothing', async () => {
    const before = await units();
    const file = await xlsx([
      ['N1', '新党委', 'U', '基层党委'],
      ['X1', '循环一', 'X2', '党支部'],
      ['X2', '循环二', 'X1', '党支部'],
      ['N2', '无上级', 'NOPE', '党支部'],
      ['N1', '重复编码', 'U', '基层党委'],
      ['N3', '错位小组', 'C1', '党小组'],
      ['N4', '', 'N1', '党委'],
      ['U2', '第二个学校', '', '学校党委'],
    ]);
    const res = await upload(od, file).expect(400);
    expect(res.body).toMatchObject({ status: 400, type: 'urn:orglife:problem:org-sheet' });
    const errors = (res.body as RowErrors).errors;
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, '组织类型'],
      [3, '上级组织编码'],
      [4, '组织类型'],
      [4, '上级组织编码'],
      [5, '上级组织编码'],
      [6, '组织编码'],
      [7, '组织类型'],
      [8, '组织名称'],
      [8, '组织类型'],
      [9, '组织类型'],
    ]);
    const reason = (row: number, column: string) =>
      errors.find((e) => e.row === row && e.column === column)?.reason;
    expect(reason(3, '上级组织编码')).toContain('X1 → X2 → X1');
    expect(reason(5, '上级组织编码')).toContain('NOPE');
    expect(reason(6, '组织编码')).toContain('第 2 行');
    expect(reason(7, '组织类型')).toContain('党小组不能设在基层党委之下');
    expect(reason(9, '组织类型')).toContain('示范大学党委');
    expect(await units()).toEqual(before);
  });

  it('adds, renames and moves units in one import; subtrees follow their parent', async () => {
    const file = await xlsx(
      [
        ['C3', '外国语学院党委', 'U', '党总支', ''],
        ['C3-B1', '外国语学院教工党支部', 'C3', '党支部', ''],
        ['C3-B1-G1', '英语系党小组', 'C3-B1', '党小组', ''],
        ['C1-B1', '计算机学院教工党支部', 'C3', '党支部', '5'],
        ['D2', '后勤直属党支部', 'U', '直属党支部', ''],
      ],
      HEADERS,
    );
    expect((await upload(od, file).expect(200)).body).toEqual({
      imported: 5,
      created: 4,
      updated: 3,
    });
    const after = new Map((await units()).map((u) => [u.code, u]));
    expect(after.get('C1-B1')).toMatchObject({
      name: '计算机学院教工党支部',
      parent: 'C3',
      depth: 2,
    });
    expect(after.get('C1-B1-G1')!.path.startsWith(after.get('C1-B1')!.path)).toBe(true);
    expect(after.get('C1-B1-G1')!.path.startsWith(after.get('C3')!.path)).toBe(true);
    expect(after.get('C3-B1-G1')).toMatchObject({ parent: 'C3-B1', depth: 3 });
    expect(after.get('D2')).toMatchObject({ parent: 'U', depth: 1, direct: true });
    // The branch secretary of the moved branch keeps reaching it, the old committee no longer does.
    const branch = await t.login('branch_secretary');
    await branch.get(`/api/org-units/${t.units['C1-B1-G1']}`).expect(200);
    await (await t.login('leader')).get(`/api/org-units/${t.units['C1-B1-G1']}`).expect(403);
  });

  it('edits the tree from the web app: rename, move, delete within the rules', async () => {
    const c1b3 = t.units['C1-B3']!;
    const renamed = await od
      .patch(`/api/org-units/${c1b3}`)
      .send({ name: '计算机学院本科生第一党支部', parentId: t.units['C2'] })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: '计算机学院本科生第一党支部', depth: 2 });
    expect((await units()).find((u) => u.code === 'C1-B3')?.parent).toBe('C2');

    const intoOwnSubtree = await od
      .patch(`/api/org-units/${t.units['C1']}`)
      .send({ parentId: t.units['C1-B2'] })
      .expect(400);
    expect(intoOwnSubtree.body).toMatchObject({ errors: [{ field: 'parentId' }] });
    await od
      .patch(`/api/org-units/${t.units['C2-B1-G1']}`)
      .send({ parentId: t.units['C2'] })
      .expect(400);
    await od.patch(`/api/org-units/${c1b3}`).send({ code: 'C1-B2' }).expect(400);

    await od.delete(`/api/org-units/${t.units['C1-B2']}`).expect(409);
    await od.delete(`/api/org-units/${t.units['U']}`).expect(409);
    const created = await od
      .post('/api/org-units')
      .send({ code: 'TMP', name: '临时支部', type: 'branch', parentId: t.units['C2'] })
      .expect(201);
    const id = (created.body as { id: string }).id;
    await secretary.delete(`/api/org-units/${id}`).expect(403);
    await od.delete(`/api/org-units/${id}`).expect(204);
    await od.get(`/api/org-units/${id}`).expect(404);
  });

  it('is for the Organization Department only', async () => {
    const file = await exported();
    await upload(secretary, file).expect(403);
    await secretary.get('/api/org-units/export').expect(403);
    await secretary.patch(`/api/org-units/${t.units['C1-B2']}`).send({ name: '改名' }).expect(403);
  });

  it('answers a missing file, a file that is not .xlsx and a header without 上级组织编码 with 400', async () => {
    await od.post('/api/org-units/import').expect(400);
    await upload(od, Buffer.from('code,name\n')).expect(400);
    const headerless = await upload(
      od,
      await xlsx([['X', 'x']], ['组织编码', '组织名称', '组织类型']),
    );
    expect(headerless.status).toBe(400);
    expect((headerless.body as RowErrors).errors.map((e) => e.column)).toEqual(['上级组织编码']);
  });
});
