import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { instantOf, localDay, localMinute, universityTimeZone } from '../src/common/time-zone.js';
import { readEnv } from '../src/config/server-config.js';
import { monthOf } from '../src/plans/month.js';
import { securityEventsWorkbook } from '../src/security-events/security-events.xlsx.js';
import { indexHtmlWithTimeZone } from '../src/web/web-app.js';

const SESSION = new Date('2026-03-20T06:30:00Z');

async function firstTime(zone?: string): Promise<string> {
  if (zone) process.env.ORGLIFE_TIME_ZONE = zone;
  const book = new ExcelJS.Workbook();
  const body = await securityEventsWorkbook([
    {
      id: 'e1',
      at: SESSION,
      kind: 'login_succeeded',
      actorId: null,
      actorUsername: 'od_admin',
      subjectId: null,
      subjectUsername: null,
      ip: null,
      detail: null,
    },
  ]);
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return String(book.worksheets[0]!.getRow(2).getCell(1).value);
}

describe("every time a person reads is on the university's clock (ORGLIFE_TIME_ZONE)", () => {
  afterEach(() => {
    delete process.env.ORGLIFE_TIME_ZONE;
  });

  it('is Asia/Shanghai by default: a 06:30Z session is at 14:30', async () => {
    expect(universityTimeZone()).toBe('Asia/Shanghai');
    expect(localMinute(SESSION)).toBe('2026-03-20 14:30');
    expect(await firstTime()).toBe('2026-03-20 14:30:00');
  });

  it('follows ORGLIFE_TIME_ZONE in exports, days and months', async () => {
    expect(await firstTime('Asia/Urumqi')).toBe('2026-03-20 12:30:00');
    process.env.ORGLIFE_TIME_ZONE = 'America/New_York';
    expect(localDay(new Date('2026-04-01T02:00:00Z'))).toBe('2026-03-31');
    expect(monthOf(new Date('2026-04-01T02:00:00Z'))).toBe('2026-03');
    expect(instantOf('2026-07-01 14:30:00').toISOString()).toBe('2026-07-01T18:30:00.000Z');
  });

  it('tells the web app the zone in index.html', () => {
    process.env.ORGLIFE_TIME_ZONE = 'Asia/Urumqi';
    expect(indexHtmlWithTimeZone('<html><head><title>x</title></head></html>')).toContain(
      '<meta name="orglife-time-zone" content="Asia/Urumqi" />',
    );
  });

  it('refuses a name that is no time zone at start, and runs cron timers in the zone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'orglife-tz-'));
    expect(() => readEnv({ DATA_DIR: dir, ORGLIFE_TIME_ZONE: 'Mars/Olympus' })).toThrow(
      /ORGLIFE_TIME_ZONE/,
    );
    const config = readEnv({ DATA_DIR: dir, ORGLIFE_TIME_ZONE: 'Asia/Urumqi' });
    expect(config.app.workflow?.timeZone).toBe('Asia/Urumqi');
  });
});
