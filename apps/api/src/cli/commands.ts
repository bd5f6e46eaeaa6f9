import type { CliCommand } from './command.js';

/** Every `orglife` sub-command, in the order `--help` lists them. */
export const commands: CliCommand[] = [];
