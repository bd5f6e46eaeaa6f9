import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';
import { oneSheetXlsx, rowXml } from './support/xlsx-builder.js';

const ROSTER_HEADER = [
  '工号',
  '姓名',
  '性别',
  '手机号',
  '组织编码',
  '党员类别',
  '入党日期',
  '用户名',
];
const ORG_HEADER = ['组织编码', '组织名称', '上级组织编码', '组织类型'];

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** A header, ten rows like `cells`, then numbered empty rows up to a million: about 2.5 MB. */
function millionRows(header: string[], cells: string[]): Buffer {
  const rows = [rowXml(1, header)];
  for (let r = 2; r <= 11; r++) rows.push(rowXml(r, cells));
  for (let r = 12; r <= 1_000_001; r++) rows.push(`<row r="${r}"/>`);
  return oneSheetXlsx(rows.join(''));
}

/** A million copies of one row that leaves out its number: a few hundred KB. */
function millionUnnumberedRows(header: string[], cells: string[]): Buffer {
  const row = rowXml(2, cells).replaceAll(/ r="[A-Z]?2"/g, '');
  return oneSheetXlsx(
    Buffer.concat([
      Buffer.from(`<worksheet xmlns="${NS}"><sheetData>${rowXml(1, header)}`),
      Buffer.alloc(Buffer.byteLength(row) * 1_000_000, row),
      Buffer.from('</sheetData></worksheet>'),
    ]),
  );
}

/** `bytes` of one repeated XML fragment inside `open`…`close`. */
function repeated(open: string, fragment: string, bytes: number, close: string): Buffer {
  const count = Math.ceil(bytes / fragment.length);
  return Buffer.concat([
    Buffer.from(open),
    Buffer.alloc(Buffer.byteLength(fragment) * count, fragment),
    Buffer.from(close),
  ]);
}

/**
 * What the JavaScript heap and the buffers outside it hold. The test worker is shared by every
 * test file, so its resident size also moves with the collector's compaction of earlier files'
 * garbage; the bytes allocated do not.
 */
function allocatedBytes(): number {
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

/** What an import may add to what the test worker holds while it runs. */
const GROWTH_BOUND_MB = 150;

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the API tests run with --expose-gc (vitest.config.ts execArgv)');
  gc();
}

type SheetProblem = {
  detail: string;
  errors: { row: number; column: string; reason: string; message: string }[];
};

describe('roster and org sheet uploads: streamed, limited, never blocking', () => {
  let t: TestApp;
  let od: Client;
  const people = async () =>
    ((await t.db.query(`SELECT count(*)::int AS n FROM person`)) as [{ n: number }])[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    [od] = await t.loginAll('od_admin');
  });
  afterAll(async () => {
    await t.close();
  });

  /**
   * Sends `file` to `path` while asking /api/health every 20 ms; returns the import's answer, how
   * long it took, the slowest health answer and how much more memory was allocated at the peak.
   */
  async function importWhileProbing(path: string, file: Buffer) {
    collectGarbage();
    const before = allocatedBytes();
    let peak = before;
    const sampler = setInterval(() => {
      let now = allocatedBytes();
      // Garbage the collector has not got to yet is not what the import holds: over the bound,
      // look again once it is collected (a part read whole would still be there).
      if (now - before > GROWTH_BOUND_MB * 2 ** 20) {
        collectGarbage();
        now = allocatedBytes();
      }
      peak = Math.max(peak, now);
    }, 10);
    const started = Date.now();
    let done = false;
    const upload = od
      .post(path)
      .set('accept-language', 'zh-CN')
      .attach('file', file, 'big.xlsx')
      .then((res) => {
        done = true;
        return { res, ms: Date.now() - started };
      });
    const healthMs: number[] = [];
    while (!done) {
      const asked = Date.now();
      await t.http().get('/api/health').expect(200);
      healthMs.push(Date.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const { res, ms } = await upload;
    clearInterval(sampler);
    return {
      res,
      ms,
      slowestHealth: Math.max(...healthMs),
      grewMb: (peak - before) / 2 ** 20,
    };
  }

  it('refuses a roster of a million rows at the row limit, fast, in bounded memory, while /api/health answers', async () => {
    const numbered = millionRows(ROSTER_HEADER, ['T9', '张三', '男']);
    const unnumbered = millionUnnumberedRows(ROSTER_HEADER, ['T9']);
    expect(numbered.length).toBeLessThan(3 * 1024 * 1024);
    expect(unnumbered.length).toBeLessThan(400 * 1024);
    const before = await people();
    for (const [file, message] of [
      [numbered, '超过行数上限：表头之后最多 5000 行'],
      // exceljs's reader needs each row's number (Excel always writes it): refused at once.
      [unnumbered, '不是有效的 .xlsx 文件'],
    ] as const) {
      const { res, ms, slowestHealth, grewMb } = await importWhileProbing(
        '/api/roster/import',
        file,
      );
      expect(res.status).toBe(400);
      const body = res.body as SheetProblem;
      expect(body.errors).toEqual([
        expect.objectContaining({ column: 'file', message, reason: message }),
      ]);
      expect(body.detail).toBe(message);
      expect(ms).toBeLessThan(3000);
      expect(slowestHealth).toBeLessThan(1000);
      expect(grewMb).toBeLessThan(GROWTH_BOUND_MB);
    }
    expect(await people()).toBe(before);
  });

  it('names the limit in English when asked', async () => {
    const file = millionRows(ORG_HEADER, ['X1', '某支部', 'C1', '党支部']);
    const res = await od
      .post('/api/org-units/import')
      .set('accept-language', 'en')
      .attach('file', file, 'big.xlsx')
      .expect(400);
    expect((res.body as SheetProblem).errors[0]?.message).toBe(
      'too many rows: at most 5000 rows after the header',
    );
  });

  it('stops reading shared strings or a cell that unpack past 16 MB (a zip bomb), naming the part', async () => {
    const strings = oneSheetXlsx(rowXml(1, ROSTER_HEADER), {
      'xl/sharedStrings.xml': repeated(
        `<sst xmlns="${NS}">`,
        '<si><t>x</t></si>',
        40e6,
        '</sst>',
      ).toString(),
    });
    const cell = oneSheetXlsx(
      repeated(
        `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`,
        'x',
        40e6,
        '</t></is></c></row></sheetData></worksheet>',
      ),
    );
    for (const [file, part] of [
      [strings, 'xl/sharedStrings.xml'],
      [cell, 'sheet1.xml'],
    ] as const) {
      expect(file.length).toBeLessThan(200 * 1024);
      const { res, ms, grewMb } = await importWhileProbing('/api/roster/import', file);
      expect(res.status).toBe(400);
      expect((res.body as SheetProblem).errors).toEqual([
        expect.objectContaining({
          column: 'file',
          message: `文件解压后过大：${part} 超过 16 MB`,
        }),
      ]);
      expect(ms).toBeLessThan(3000);
      expect(grewMb).toBeLessThan(GROWTH_BOUND_MB);
    }
  });

  it('refuses zips whose parts share bytes or lie outside the file as not .xlsx', async () => {
    const good = oneSheetXlsx(rowXml(1, ROSTER_HEADER));
    const overlapping = Buffer.from(good);
    // Point the second directory entry at the first part's bytes.
    const dir = overlapping.readUInt32LE(overlapping.length - 6);
    const second = dir + 46 + overlapping.readUInt16LE(dir + 28);
    overlapping.writeUInt32LE(0, second + 42);
    const truncated = good.subarray(0, good.length - 10);
    for (const file of [overlapping, truncated]) {
      const res = await od.post('/api/roster/import').attach('file', file, 'x.xlsx').expect(400);
      expect((res.body as SheetProblem).errors[0]?.message).toBe('不是有效的 .xlsx 文件');
    }
  });

  it('answers upload mistakes in Chinese by default and in English when asked', async () => {
    const missing = await od.post('/api/roster/import').expect(400);
    expect(missing.body).toMatchObject({
      detail: '请在表单字段 file 中上传 .xlsx 文件',
      errors: [{ field: 'file', message: '请在表单字段 file 中上传 .xlsx 文件' }],
    });
    const broken = await od
      .post('/api/org-units/import')
      .set('content-type', 'multipart/form-data')
      .send('{}')
      .expect(400);
    expect((broken.body as SheetProblem).detail).toBe(
      '请以带 boundary 的 multipart/form-data 上传文件',
    );
    const tooBig = await od
      .post('/api/roster/import')
      .attach('file', Buffer.alloc(6 * 1024 * 1024), 'big.xlsx')
      .expect(413);
    expect((tooBig.body as SheetProblem).detail).toBe('file：只能上传一个文件，最大 5 MB');
    const english = await od
      .post('/api/roster/import')
      .set('accept-language', 'en')
      .attach('file', Buffer.alloc(6 * 1024 * 1024), 'big.xlsx')
      .expect(413);
    expect((english.body as SheetProblem).detail).toBe('file: one file of at most 5 MB');
  });
});
