import type { CliCommand } from './command.js';
import { orgExportCommand } from './org-export.command.js';
import { orgImportCommand } from './org-import.command.js';

/** Every `orglife` sub-command, in the order `--help` lists them. */
export const commands: CliCommand[] = [orgImportCommand, orgExportCommand];
