import { CliUsageError } from './command.js';

/** The one FILE argument of a command; anything else is a usage error. */
export function oneFileArgument(args: string[], name: string): string {
  const unknown = args.find((a) => a.startsWith('-'));
  if (unknown) throw new CliUsageError(`unknown option ${unknown}`);
  if (args.length !== 1) throw new CliUsageError(`expected one argument: ${name}`);
  return args[0]!;
}
