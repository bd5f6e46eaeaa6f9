import { writeFile } from 'node:fs/promises';
import { OrgSheetService } from '../org/sheet/org-sheet.service.js';
import { withAppContext } from './app-context.js';
import { type CliCommand, CliUsageError } from './command.js';
import { oneFileArgument } from './file-argument.js';

/** `orglife org export FILE`: the whole org tree as the sheet `org import` reads. */
export const orgExportCommand: CliCommand = {
  name: 'org export',
  summary: 'write the org tree to an .xlsx org sheet (imports back unchanged)',
  usage: 'FILE.xlsx',
  async run(args) {
    const path = oneFileArgument(args, 'FILE.xlsx');
    const file = await withAppContext((app) => app.get(OrgSheetService).export());
    await writeFile(path, file).catch(() => {
      throw new CliUsageError(`cannot write ${path}`);
    });
    console.log(`${path}: org tree written`);
    return 0;
  },
};
