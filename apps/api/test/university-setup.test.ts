import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, startApi, type RunningApi } from './support/built-api.js';

async function sheet(name: string, rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(name);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function rowsOf(body: ArrayBuffer): Promise<Record<string, string>[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body);
  const ws = book.worksheets[0]!;
  const header = (ws.getRow(1).values as string[]).slice(1);
  const rows: Record<string, string>[] = [];
  ws.eachRow((row, index) => {
    if (index > 1) {
      const values = (row.values as string[]).slice(1);
      rows.push(Object.fromEntries(header.map((h, i) => [h, String(values[i])])));
    }
  });
  return rows;
}

/**
 * README "Running it for your university", step by step, as an operator does it: the built CLI
 * and API on a fresh embedded database, then the pages' API calls.
 */
describe('README: running it for your university', () => {
  let dir: string;
  let api: RunningApi | undefined;
  let env: Record<string, string>;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'orglife-university-'));
    env = { DATA_DIR: join(dir, 'data'), SEED: 'false' };
  }, 300_000);
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (path: string, init: RequestInit & { token?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
    return fetch(`${api!.baseUrl}/api${path}`, { ...init, headers });
  };
  const json = (body: unknown) => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

  it('goes from an empty machine to the university’s own people signing in', async () => {
    // 2. the first administrator (and the root unit) on the empty database
    const created = runCli(
      [
        'admin',
        'create',
        '--username',
        'od_chief',
        '--name',
        '王建华',
        '--password-stdin',
        '--org-name',
        '示范大学党委',
      ],
      env,
      'chief long secret\n',
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);

    // 3. the university's own org sheet
    const orgSheet = join(dir, '组织架构.xlsx');
    writeFileSync(
      orgSheet,
      await sheet('组织架构', [
        ['组织编码', '组织名称', '上级组织编码', '组织类型'],
        ['SFU', '示范大学党委', '', '学校党委'],
        ['SFU-WX', '文学院党委', 'SFU', '基层党委'],
        ['SFU-WX-JG', '文学院教工党支部', 'SFU-WX', '党支部'],
      ]),
    );
    const imported = runCli(['org', 'import', orgSheet], env);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);

    // 4. start it and sign in as the administrator
    api = await startApi(env);
    const admin = await call(
      '/auth/login',
      json({ username: 'od_chief', password: 'chief long secret' }),
    );
    expect(admin.status).toBe(200);
    const { accessToken: token } = (await admin.json()) as { accessToken: string };

    // 5. the roster (花名册) brings the people in
    const roster = await sheet('花名册', [
      ['工号', '姓名', '性别', '手机号', '组织编码', '组织名称', '党员类别', '入党日期', '用户名'],
      ['T9001', '李文', '女', '13800000001', 'SFU-WX-JG', '', '正式党员', '2010-07-01', ''],
      ['T9002', '张武', '男', '13800000002', 'SFU-WX-JG', '', '预备党员', '2025-06-01', 'zhangwu'],
    ]);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(roster)]), '花名册.xlsx');
    const rosterImport = await call('/roster/import', { method: 'POST', body: form, token });
    expect(rosterImport.status).toBe(200);

    // 6. activation codes for the committee's people, to hand out
    const units = (await (await call('/org-units', { token })).json()) as {
      id: string;
      code: string;
    }[];
    const flat = JSON.stringify(units);
    const committeeId = /"id":"([^"]+)","code":"SFU-WX"/.exec(flat)?.[1] ?? '';
    expect(committeeId).not.toBe('');
    const codes = await call(`/org-units/${committeeId}/activation-codes`, {
      method: 'POST',
      token,
    });
    expect(codes.status).toBe(200);
    const handout = await rowsOf(await codes.arrayBuffer());
    expect(handout.map((r) => r['用户名']).sort()).toEqual(['T9001', 'zhangwu']);

    // 7. each person activates with the code and a password of their own, then signs in
    for (const row of handout) {
      const activated = await call(
        '/auth/activate',
        json({
          username: row['用户名'],
          code: row['激活码'],
          newPassword: `my own secret for ${row['姓名']}`,
        }),
      );
      expect(activated.status).toBe(200);
      const login = await call(
        '/auth/login',
        json({ username: row['用户名'], password: `my own secret for ${row['姓名']}` }),
      );
      expect(login.status).toBe(200);
    }
  }, 300_000);
});
