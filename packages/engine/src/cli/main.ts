/**
 * Simulator CLI (run from the repo root):
 *   pnpm -s engine validate FILE.bpmn
 *   pnpm -s engine simulate FILE.bpmn --script SCRIPT.json [--with OTHER.bpmn|DECISIONS.dmn …]
 */
import { readFileSync } from 'node:fs';
import {
  compile,
  compileDecisions,
  type CompiledDefinition,
  type Decision,
  type Problem,
} from '../index.js';
import {
  readSimulationScript,
  simulate,
  SimulationError,
  type SimulationScript,
} from '../runtime/simulation-script.js';

const USAGE = `usage:
  engine validate FILE.bpmn
  engine simulate FILE.bpmn --script SCRIPT.json [--with OTHER.bpmn|DECISIONS.dmn ...]`;

class UsageError extends Error {}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read '${path}'`);
  }
}

function describe(file: string, p: Problem, label = ''): string {
  const where = p.line !== undefined ? `line ${p.line}` : (p.elementId ?? 'file');
  return `${file}: ${where}: ${label}${p.message}`;
}

/** Compiles a file, printing its warnings, or prints its problems (one a line) and exits 2. */
async function load(
  file: string,
  out: NodeJS.WriteStream = process.stderr,
): Promise<CompiledDefinition> {
  const result = await compile(read(file));
  for (const w of result.warnings) out.write(`${describe(file, w, 'warning: ')}\n`);
  if (result.ok) return result.definition;
  for (const p of result.problems) out.write(`${describe(file, p)}\n`);
  process.exit(2);
}

/** Compiles a DMN file, or prints its problems (one a line) and exits 2. */
async function loadDecisions(file: string): Promise<Decision[]> {
  const result = await compileDecisions(read(file));
  if (result.ok) return result.decisions;
  for (const p of result.problems) process.stderr.write(`${describe(file, p)}\n`);
  process.exit(2);
}

function parseScript(path: string): SimulationScript {
  let raw: unknown;
  try {
    raw = JSON.parse(read(path));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`script '${path}' is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return readSimulationScript(raw);
  } catch (error) {
    throw new UsageError(`script '${path}': ${(error as Error).message}`);
  }
}

async function main(args: string[]): Promise<number> {
  const [command, file, ...rest] = args;
  if (!file || (command !== 'validate' && command !== 'simulate')) throw new UsageError(USAGE);
  if (command === 'validate') {
    if (file.endsWith('.dmn')) await loadDecisions(file);
    else await load(file, process.stdout);
    process.stdout.write(`OK ${file}\n`);
    return 0;
  }
  let scriptPath: string | undefined;
  const withFiles: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    const flag = rest[i];
    const value = rest[i + 1];
    if (!value || (flag !== '--script' && flag !== '--with')) throw new UsageError(USAGE);
    if (flag === '--script') scriptPath = value;
    else withFiles.push(value);
  }
  if (!scriptPath) throw new UsageError(`simulate needs --script SCRIPT.json\n${USAGE}`);
  const script = parseScript(scriptPath);
  const main = await load(file);
  const others: CompiledDefinition[] = [];
  const decisions: Decision[] = [];
  for (const other of withFiles) {
    if (other.endsWith('.dmn')) decisions.push(...(await loadDecisions(other)));
    else others.push(await load(other));
  }
  const trace = simulate(main, others, script, { decisions });
  process.stdout.write(`${JSON.stringify(trace, null, 2)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof SimulationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  },
);
