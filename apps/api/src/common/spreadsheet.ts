import type ExcelJS from 'exceljs';
import { exceljs } from './exceljs.js';
import { bilingual } from './locale.js';
import { UnreadableSheet, xlsxRows } from './xlsx-rows.js';

/** One column of a sheet the API imports and exports: found by its header on import. */
export interface SheetColumn<K extends string> {
  key: K;
  header: string;
  width: number;
}

/** A bad cell: `field`/`message` keep the API's one error shape, `row`/`column`/`reason` the sheet's. */
export interface SheetError {
  row: number;
  column: string;
  reason: string;
  field: string;
  message: string;
}

export function sheetError(row: number, column: string, reason: string): SheetError {
  return { row, column, reason, field: `row ${row}, ${column}`, message: reason };
}

/** One data row as text cells, with its spreadsheet row number (the header is row 1). */
export type SheetRow<K extends string> = Record<K, string> & { row: number };

/**
 * Reads the first sheet as a stream (at most `maxRows` rows after the header, else one error
 * naming the limit): header names locate the columns, so their order does not matter.
 * Blank rows are skipped; every column but the `optional` ones must be in the header row.
 */
export async function readSheet<K extends string>(
  file: Buffer,
  columns: readonly SheetColumn<K>[],
  options: { optional?: readonly K[]; maxRows: number },
): Promise<{ rows: SheetRow<K>[]; errors: SheetError[] }> {
  const positions = new Map<K, number>();
  const rows: SheetRow<K>[] = [];
  try {
    for await (const sheetRow of xlsxRows(file, options.maxRows)) {
      if (sheetRow.number === 1) {
        sheetRow.eachCell((cell, col) => {
          const column = columns.find((c) => c.header === cellText(cell.value));
          if (column) positions.set(column.key, col);
        });
        continue;
      }
      const missing = missingColumns(columns, positions, options.optional ?? []);
      if (missing.length > 0) return { rows: [], errors: missing };
      const entries = columns.map((c) => {
        const col = positions.get(c.key);
        return [c.key, col ? cellText(sheetRow.getCell(col).value) : ''] as const;
      });
      if (entries.every(([, text]) => text === '')) continue;
      rows.push({ ...(Object.fromEntries(entries) as Record<K, string>), row: sheetRow.number });
    }
  } catch (error) {
    if (error instanceof UnreadableSheet) return { rows: [], errors: [fileError(error.message)] };
    throw error;
  }
  return { rows, errors: missingColumns(columns, positions, options.optional ?? []) };
}

function missingColumns<K extends string>(
  columns: readonly SheetColumn<K>[],
  positions: Map<K, number>,
  optional: readonly K[],
): SheetError[] {
  return columns
    .filter((c) => !positions.has(c.key) && !optional.includes(c.key))
    .map((c) =>
      sheetError(1, c.header, bilingual('缺少此列', 'column missing from the header row')),
    );
}

function fileError(reason: string): SheetError {
  return sheetError(0, 'file', reason);
}

/** One sheet with a bold, frozen header row; every cell is text so a round trip is exact. */
export async function writeSheet<K extends string>(
  name: string,
  columns: readonly SheetColumn<K>[],
  rows: Record<K, string>[],
): Promise<Buffer> {
  const workbook = new (await exceljs()).Workbook();
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  // Keep numbers-as-text (工号, 手机号, codes) and dates as text.
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
