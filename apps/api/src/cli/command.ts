/** One `orglife` sub-command: `name` may hold several words (`admin create`). */
export interface CliCommand {
  name: string;
  summary: string;
  /** Shown by `orglife NAME --help`: the options, one per line. */
  usage: string;
  /** Returns the process exit code. */
  run(args: string[]): Promise<number>;
}

/** A mistake of the caller's: printed as one line, exit code 2, no stack trace. */
export class CliUsageError extends Error {}
