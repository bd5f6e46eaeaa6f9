import ExcelJS from 'exceljs';
import {
  ROSTER_COLUMNS,
  type RosterError,
  type RosterKey,
  type RosterRow,
  rosterError,
  SHEET_NAME,
} from './roster.columns.js';

export const MAX_ROSTER_ROWS = 5000;

/** Reads the first sheet: header names locate the columns, so their order does not matter. */
export async function readRoster(
  file: Buffer,
): Promise<{ rows: RosterRow[]; errors: RosterError[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return {
      rows: [],
      errors: [rosterError(0, 'file', '不是有效的 .xlsx 文件 (not a valid .xlsx file)')],
    };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet)
    return { rows: [], errors: [rosterError(0, 'file', '文件中没有工作表 (no worksheet)')] };

  const positions = new Map<RosterKey, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const column = ROSTER_COLUMNS.find((c) => c.header === cellText(cell.value));
    if (column) positions.set(column.key, col);
  });
  const missing = ROSTER_COLUMNS.filter((c) => !positions.has(c.key) && c.key !== 'orgUnitName');
  if (missing.length > 0) {
    return {
      rows: [],
      errors: missing.map((c) =>
        rosterError(1, c.header, '缺少此列 (column missing from the header row)'),
      ),
    };
  }
  if (sheet.rowCount - 1 > MAX_ROSTER_ROWS) {
    return {
      rows: [],
      errors: [
        rosterError(0, 'file', `超过 ${MAX_ROSTER_ROWS} 行 (more than ${MAX_ROSTER_ROWS} rows)`),
      ],
    };
  }

  const rows: RosterRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const sheetRow = sheet.getRow(r);
    const entries = ROSTER_COLUMNS.map((c) => {
      const col = positions.get(c.key);
      return [c.key, col ? cellText(sheetRow.getCell(col).value) : ''] as const;
    });
    if (entries.every(([, text]) => text === '')) continue;
    rows.push({ ...(Object.fromEntries(entries) as Record<RosterKey, string>), row: r });
  }
  return { rows, errors: [] };
}

export async function writeRoster(rows: Omit<RosterRow, 'row'>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  // Keep numbers-as-text (工号, 手机号) and dates as text so a round trip is exact.
  sheet.eachRow((row) => row.eachCell((cell) => (cell.numFmt = '@')));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value).trim();
}
