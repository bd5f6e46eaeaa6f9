import { exceljs } from '../common/exceljs.js';
import { wallClock } from '../common/time-zone.js';
import { SECURITY_EVENT_LABELS } from './security-event-kind.js';
import type { SecurityEventRow } from './security-events.service.js';

/** The security events as one sheet, newest first, times on the university's clock. */
export async function securityEventsWorkbook(rows: SecurityEventRow[]): Promise<Buffer> {
  const book = new (await exceljs()).Workbook();
  const sheet = book.addWorksheet('安全事件');
  sheet.addRow(['时间', '事件', '操作人', '对象', 'IP', '说明']).font = { bold: true };
  for (const row of rows) {
    sheet.addRow([
      wallClock(new Date(row.at)),
      SECURITY_EVENT_LABELS[row.kind] ?? row.kind,
      row.actorUsername ?? '',
      row.subjectUsername ?? '',
      row.ip ?? '',
      row.detail ?? '',
    ]);
  }
  sheet.columns.forEach((column, index) => (column.width = index === 5 ? 48 : 20));
  return Buffer.from(await book.xlsx.writeBuffer());
}
