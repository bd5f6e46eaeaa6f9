import 'reflect-metadata';
import { CliUsageError, type CliCommand } from './command.js';
import { commands } from './commands.js';

function helpText(): string {
  const width = Math.max(...commands.map((command) => command.name.length), 4);
  return [
    'orglife — administer an OrgLife installation',
    '',
    'Usage: pnpm --silent orglife COMMAND [options]   (COMMAND --help for its options)',
    '',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
  ].join('\n');
}

/** The longest command name that the arguments start with (`admin create` before `admin`). */
function findCommand(argv: string[]): { command: CliCommand; rest: string[] } | undefined {
  const byLength = [...commands].sort(
    (a, b) => b.name.split(' ').length - a.name.split(' ').length,
  );
  for (const command of byLength) {
    const words = command.name.split(' ');
    if (words.every((word, index) => argv[index] === word)) {
      return { command, rest: argv.slice(words.length) };
    }
  }
  return undefined;
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    console.log(helpText());
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    console.error(`orglife: unknown command "${argv.join(' ')}"; see pnpm --silent orglife --help`);
    return 2;
  }
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    console.log(`Usage: pnpm --silent orglife ${found.command.name} ${found.command.usage}`);
    return 0;
  }
  return found.command.run(found.rest);
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CliUsageError) {
    console.error(`orglife: ${error.message}`);
    return 2;
  }
  console.error(`orglife: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});
