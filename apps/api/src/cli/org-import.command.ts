import { readFile } from 'node:fs/promises';
import { DomainError } from '../common/errors.js';
import type { SheetError } from '../common/spreadsheet.js';
import { OrgSheetService } from '../org/sheet/org-sheet.service.js';
import { withAppContext } from './app-context.js';
import { type CliCommand, CliUsageError } from './command.js';
import { oneFileArgument } from './file-argument.js';

/** `orglife org import FILE`: the org sheet (组织架构) into the database, all rows or none. */
export const orgImportCommand: CliCommand = {
  name: 'org import',
  summary: 'import the org sheet (.xlsx: 组织编码, 组织名称, 上级组织编码, 组织类型, 排序)',
  usage: 'FILE.xlsx   (every bad row is listed and nothing is imported)',
  async run(args) {
    const path = oneFileArgument(args, 'FILE.xlsx');
    const file = await readFile(path).catch(() => {
      throw new CliUsageError(`cannot read ${path}`);
    });
    const result = await withAppContext((app) => app.get(OrgSheetService).import(file)).catch(
      (error: unknown) => {
        if (!(error instanceof DomainError)) throw error;
        const rows = (error.details.errors ?? []) as SheetError[];
        for (const row of rows) console.error(`row ${row.row}, ${row.column}: ${row.reason}`);
        throw new CliUsageError(`${path}: ${error.message}`);
      },
    );
    console.log(
      `${path}: ${result.imported} org units imported (${result.created} new, ${result.updated} changed)`,
    );
    return 0;
  },
};
