import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded the first time a sheet is read or written: loaded with the rest, it cost
 * every start of the API a fifth of a second, and most processes never touch a sheet.
 */
export async function exceljs(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
