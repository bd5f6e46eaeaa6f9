import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliUsageError } from '../src/cli/command.js';
import { orgExportCommand } from '../src/cli/org-export.command.js';
import { orgImportCommand } from '../src/cli/org-import.command.js';

/** Each test builds whole databases (PGlite on disk is slow on a busy machine). */
const SLOW = 300_000;

async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('组织架构');
  ws.addRow(['组织编码', '组织名称', '上级组织编码', '组织类型']);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function rowsOf(path: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(path)) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]?.eachRow((row) =>
    rows.push([1, 2, 3, 4, 5].map((i) => String(row.getCell(i).value ?? ''))),
  );
  return rows;
}

// The commands run on the embedded database in DATA_DIR, as `pnpm --silent orglife org …` does.
describe('orglife org import / org export', () => {
  let dir: string;
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  const output = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const problems = vi.spyOn(console, 'error').mockImplementation(() => undefined);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'orglife-cli-org-'));
    process.env.DATA_DIR = join(dir, 'data');
    delete process.env.DATABASE_URL;
  });
  afterAll(async () => {
    Object.assign(process.env, saved);
    if (saved.DATABASE_URL === undefined) delete process.env.DATABASE_URL;
    if (saved.DATA_DIR === undefined) delete process.env.DATA_DIR;
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'imports a university’s own tree into an empty database and exports it back unchanged',
    async () => {
      const sheet = join(dir, 'org.xlsx');
      await writeFile(
        sheet,
        await xlsx([
          ['HNU', '华南示范大学党委', '', '学校党委'],
          ['HNU-C1', '文学院党委', 'HNU', '基层党委'],
          ['HNU-C1-B1', '文学院教工党支部', 'HNU-C1', '党支部'],
          ['HNU-D1', '机关直属党支部', 'HNU', '直属党支部'],
        ]),
      );
      expect(await orgImportCommand.run([sheet])).toBe(0);
      expect(output).toHaveBeenLastCalledWith(`${sheet}: 4 org units imported (4 new, 0 changed)`);

      const back = join(dir, 'back.xlsx');
      expect(await orgExportCommand.run([back])).toBe(0);
      expect(await rowsOf(back)).toEqual([
        ['组织编码', '组织名称', '上级组织编码', '组织类型', '排序'],
        ['HNU', '华南示范大学党委', '', '学校党委', '0'],
        ['HNU-C1', '文学院党委', 'HNU', '基层党委', '0'],
        ['HNU-D1', '机关直属党支部', 'HNU', '直属党支部', '1'],
        ['HNU-C1-B1', '文学院教工党支部', 'HNU-C1', '党支部', '0'],
      ]);
      expect(await orgImportCommand.run([back])).toBe(0);
      expect(output).toHaveBeenLastCalledWith(`${back}: 4 org units imported (0 new, 0 changed)`);
    },
    SLOW,
  );

  it(
    'lists every bad row and imports nothing',
    async () => {
      const sheet = join(dir, 'bad.xlsx');
      await writeFile(
        sheet,
        await xlsx([
          ['HNU-C2', '外语学院党委', 'HNU', '基层党委'],
          ['HNU-C2-G1', '错位小组', 'HNU-C2', '党小组'],
        ]),
      );
      await expect(orgImportCommand.run([sheet])).rejects.toThrow(CliUsageError);
      expect(problems).toHaveBeenCalledWith(
        expect.stringMatching(/^row 3, 组织类型: 党小组不能设在/),
      );
      const back = join(dir, 'after-bad.xlsx');
      await orgExportCommand.run([back]);
      expect((await rowsOf(back)).map((r) => r[0])).not.toContain('HNU-C2');
    },
    SLOW,
  );

  it(
    'refuses a missing file or a second argument in one line',
    async () => {
      await expect(orgImportCommand.run([join(dir, 'none.xlsx')])).rejects.toThrow(/cannot read/);
      await expect(orgImportCommand.run([])).rejects.toThrow(/FILE.xlsx/);
      await expect(orgExportCommand.run(['a', 'b'])).rejects.toThrow(CliUsageError);
    },
    SLOW,
  );
});
