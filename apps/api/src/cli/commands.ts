import { adminCreateCommand } from './admin-create.command.js';
import { backupCommand } from './backup.command.js';
import type { CliCommand } from './command.js';
import { migrateToPostgresCommand } from './migrate-to-postgres.command.js';
import { orgExportCommand } from './org-export.command.js';
import { orgImportCommand } from './org-import.command.js';
import { restoreCommand } from './restore.command.js';

/** Every `orglife` sub-command, in the order `--help` lists them. */
export const commands: CliCommand[] = [
  adminCreateCommand,
  orgImportCommand,
  orgExportCommand,
  backupCommand,
  restoreCommand,
  migrateToPostgresCommand,
];
