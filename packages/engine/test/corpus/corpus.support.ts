/**
 * The corpus of public Camunda 8 models (test/corpus, listed with source and licence in
 * manifest.json): each BPMN file compiled beside the corpus's DMN files, and each accepted one
 * run on the in-memory runtime as far as it goes by itself, as Zeebe would run it with workers
 * that complete every job: from each none start event, completing every open user task (with
 * no variables) until nothing is left to do. The accepted models of the same repository are
 * deployed beside it, so its call activities find what they call.
 */
import { readFileSync } from 'node:fs';
import {
  compile,
  compileDecisions,
  MemoryRuntime,
  type CompiledDefinition,
  type Decision,
} from '../../src/index.js';

export interface CorpusEntry {
  file: string;
  source: string;
  licence: string;
  sha256: string;
}

export type RunOutcome = 'completed' | 'waiting' | 'incident';

export interface CorpusResult {
  file: string;
  accepted: boolean;
  problems: string[];
  /** One per none start event run (empty when the file has none, e.g. message starts only). */
  runs: RunOutcome[];
  /** The incidents the runs stopped at. */
  incidents: string[];
  /** What the engine threw while running, if anything (never expected). */
  crash?: string;
}

const dir = new URL('./', import.meta.url);
const T0 = '2026-01-05T08:00:00.000Z';
const ROUNDS = 25;

export function manifest(): CorpusEntry[] {
  return (
    JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as { files: CorpusEntry[] }
  ).files;
}

const read = (file: string) => readFileSync(new URL(file, dir), 'utf8');

async function decisions(entries: CorpusEntry[]): Promise<Decision[]> {
  const out: Decision[] = [];
  for (const e of entries.filter((e) => e.file.endsWith('.dmn'))) {
    const result = await compileDecisions(read(e.file));
    if (result.ok) out.push(...result.decisions);
  }
  return out;
}

function run(
  definition: CompiledDefinition,
  all: readonly Decision[],
  siblings: readonly CompiledDefinition[],
): { runs: RunOutcome[]; incidents: string[] } {
  const outcomes: RunOutcome[] = [];
  const messages: string[] = [];
  for (const processId of definition.processIds) {
    if (!definition.processes.get(processId)?.startId) continue;
    const runtime = new MemoryRuntime({ now: T0 });
    runtime.deployDecisions(all);
    for (const sibling of siblings) if (sibling !== definition) runtime.deploy(sibling);
    runtime.deploy(definition);
    const instance = runtime.start(processId);
    for (let round = 0; round < ROUNDS && runtime.tasks.size > 0; round++) {
      for (const id of [...runtime.tasks.keys()]) runtime.completeTask(id);
    }
    const incidents = [...runtime.instances.values()].flatMap((i) =>
      Object.values(i.state.incidents).map((inc) => `${inc.elementId}: ${inc.message}`),
    );
    messages.push(...incidents, ...runtime.problems);
    outcomes.push(
      incidents.length > 0
        ? 'incident'
        : instance?.state.status === 'completed'
          ? 'completed'
          : 'waiting',
    );
  }
  return { runs: outcomes, incidents: messages };
}

export async function runCorpus(): Promise<CorpusResult[]> {
  const entries = manifest();
  const all = await decisions(entries);
  const results: CorpusResult[] = [];
  const bpmn = entries.filter((e) => e.file.endsWith('.bpmn'));
  const compiledFiles = new Map<string, Awaited<ReturnType<typeof compile>>>();
  for (const e of bpmn) compiledFiles.set(e.file, await compile(read(e.file)));
  /** The accepted models of the same repository, so call activities find what they call. */
  const siblingsOf = (file: string): CompiledDefinition[] =>
    bpmn.flatMap((other) => {
      const result = compiledFiles.get(other.file);
      return other.file.split('/')[0] === file.split('/')[0] && result?.ok
        ? [result.definition]
        : [];
    });
  for (const e of bpmn) {
    const compiled = compiledFiles.get(e.file);
    if (!compiled) continue;
    if (!compiled.ok) {
      results.push({
        file: e.file,
        accepted: false,
        problems: compiled.problems.map((p) => `${p.elementId ?? 'file'}: ${p.message}`),
        runs: [],
        incidents: [],
      });
      continue;
    }
    try {
      results.push({
        file: e.file,
        accepted: true,
        problems: [],
        ...run(compiled.definition, all, siblingsOf(e.file)),
      });
    } catch (error) {
      results.push({
        file: e.file,
        accepted: true,
        problems: [],
        runs: [],
        incidents: [],
        crash: (error as Error).stack ?? String(error),
      });
    }
  }
  return results;
}
