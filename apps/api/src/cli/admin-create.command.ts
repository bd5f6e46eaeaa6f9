import { DomainError } from '../common/errors.js';
import { AdministratorService } from '../org/administrator.service.js';
import { withAppContext } from './app-context.js';
import { type CliCommand, CliUsageError } from './command.js';

const OPTIONS = ['--username', '--name', '--org-name', '--org-code'] as const;
type Option = (typeof OPTIONS)[number];

/**
 * `orglife admin create`: an Organization Department administrator on the root unit; on an
 * empty database the root unit too. The password comes on standard input, never in arguments.
 */
export const adminCreateCommand: CliCommand = {
  name: 'admin create',
  summary:
    'create an Organization Department administrator (on an empty database also the root unit)',
  usage:
    '--username U --name N --password-stdin [--org-name NAME] [--org-code CODE]\n' +
    '  --password-stdin  read the password from standard input (≥10 characters, not common, not containing U)\n' +
    '  --org-name NAME   the university (学校党委) to create when the database is empty\n' +
    '  --org-code CODE   its 组织编码 (default UNIV; the org sheet’s top row may use its own)',
  async run(args) {
    const options = parseOptions(args);
    const password = await readPasswordFromStdin();
    const created = await withAppContext((app) =>
      app.get(AdministratorService).create({
        username: options['--username'],
        name: options['--name'],
        password,
        orgName: options['--org-name'],
        orgCode: options['--org-code'],
      }),
    ).catch((error: unknown) => {
      if (error instanceof DomainError) throw new CliUsageError(error.message);
      throw error;
    });
    console.log(
      `administrator ${options['--username']} created on ${created.rootUnitName}` +
        (created.createdRoot ? ' (new root unit)' : ''),
    );
    return 0;
  },
};

function parseOptions(
  args: string[],
): Record<'--username' | '--name', string> & Partial<Record<Option, string>> {
  const values: Partial<Record<Option, string>> = {};
  let passwordStdin = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--password-stdin') {
      passwordStdin = true;
      continue;
    }
    if (!(OPTIONS as readonly string[]).includes(arg))
      throw new CliUsageError(`unknown option ${arg}`);
    const value = args[++i];
    if (value === undefined || value.startsWith('--'))
      throw new CliUsageError(`${arg} needs a value`);
    values[arg as Option] = value;
  }
  if (!passwordStdin) {
    throw new CliUsageError(
      '--password-stdin is required (the password is read from standard input)',
    );
  }
  for (const required of ['--username', '--name'] as const) {
    if (!values[required]) throw new CliUsageError(`${required} is required`);
  }
  return values as Record<'--username' | '--name', string> & Partial<Record<Option, string>>;
}

/** The first line of standard input, without its line break. */
async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new CliUsageError('--password-stdin: pipe the password in, e.g. printf %s "$PW" | …');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!password) throw new CliUsageError('--password-stdin: standard input is empty');
  return password;
}
