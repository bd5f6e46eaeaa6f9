import { readSheet, type SheetError, writeSheet } from '../../common/spreadsheet.js';
import { ROSTER_COLUMNS, type RosterRow, SHEET_NAME } from './roster.columns.js';

export const MAX_ROSTER_ROWS = 5000;

export function readRoster(file: Buffer): Promise<{ rows: RosterRow[]; errors: SheetError[] }> {
  return readSheet(file, ROSTER_COLUMNS, { optional: ['orgUnitName'], maxRows: MAX_ROSTER_ROWS });
}

export function writeRoster(rows: Omit<RosterRow, 'row'>[]): Promise<Buffer> {
  return writeSheet(SHEET_NAME, ROSTER_COLUMNS, rows);
}
