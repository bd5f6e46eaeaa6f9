import { exceljs } from '../common/exceljs.js';
import { localMinute } from '../common/time-zone.js';
import type { IssuedCode } from './person-account.service.js';

/** The sheet an administrator prints and hands out: one row per person with their code. */
export async function activationCodesWorkbook(codes: IssuedCode[]): Promise<Buffer> {
  const book = new (await exceljs()).Workbook();
  const sheet = book.addWorksheet('激活码');
  sheet.addRow(['工号', '姓名', '所在组织', '用户名', '激活码', '有效期至']).font = { bold: true };
  for (const c of codes) {
    sheet.addRow([
      c.employeeNo,
      c.name,
      c.orgUnitName,
      c.username,
      c.code,
      localMinute(c.expiresAt),
    ]);
  }
  sheet.columns.forEach((column) => (column.width = 18));
  return Buffer.from(await book.xlsx.writeBuffer());
}
