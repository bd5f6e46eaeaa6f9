import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { compile, type CompiledDefinition, type Problem } from '@orglife/engine';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../../clock/clock.js';
import { Journal } from '../history/journal.js';
import { Transactions } from '../../database/transactions.js';
import { bpmnProblems } from './bpmn-problems.js';
import { DefaultDefinitions } from './default-definitions.js';
import { DefinitionCache } from './definition.cache.js';
import { type DefinitionSource, WorkflowDefinition } from './definition.entity.js';
import { StartEventRegistrar } from './start-event.registrar.js';
import { newRowId } from '../../database/row-id.js';

/** Serialises deployments across API processes, so versions are numbered without gaps or races. */
const DEPLOY_LOCK_KEY = 727_001;

export interface DeployInput {
  xml: string;
  name?: string | null;
  note?: string | null;
  source: DefinitionSource;
  /** File name for startup deployments. */
  sourceName?: string | null;
  deployedBy: string | null;
  /**
   * The startup sync of `workflows/`: a process is skipped when this content was ever deployed,
   * or when an administrator's upload is in use (the file then waits as a newer default).
   */
  sync?: boolean;
}

@Injectable()
export class DefinitionDeployer {
  constructor(
    private readonly tx: Transactions,
    private readonly cache: DefinitionCache,
    private readonly startEvents: StartEventRegistrar,
    private readonly defaults: DefaultDefinitions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async validate(xml: string): Promise<Problem[]> {
    const result = await compile(xml);
    if (!result.ok) return result.problems;
    return result.definition.processIds.length > 0 ? [] : [NO_EXECUTABLE_PROCESS];
  }

  /**
   * Startup sync of one `workflows/` file: remembered as its processes' default, and deployed
   * where that content was never deployed and no administrator's upload is in use.
   */
  async syncFile(xml: string, sourceName: string): Promise<WorkflowDefinition[]> {
    const compiled = await this.compileOrThrow(xml);
    const contentHash = hashOf(xml);
    for (const processId of compiled.processIds) {
      this.defaults.remember({ processId, sourceName, xml, contentHash });
    }
    if (await this.syncedAlready(compiled.processIds, contentHash)) return [];
    return this.store(compiled, { xml, source: 'file', sourceName, deployedBy: null, sync: true });
  }

  /**
   * Whether a file's sync would store nothing: each of its processes has this content deployed,
   * or an administrator's upload in use. One read, where `store` takes the deploy lock and reads
   * twice per process: most starts find every file as it was.
   */
  private async syncedAlready(
    processIds: readonly string[],
    contentHash: string,
  ): Promise<boolean> {
    const rows = await this.tx.reader().query<{ settled: boolean }[]>(
      `SELECT bool_or(content_hash = $2)
              OR (array_agg(source ORDER BY version DESC))[1] = 'upload' AS settled
         FROM wf_definition WHERE process_id = ANY($1::text[]) GROUP BY process_id`,
      [processIds, contentHash],
    );
    return rows.length === processIds.length && rows.every((row) => row.settled);
  }

  /**
   * Stores a new version of every executable process in the file and registers its start
   * events. Refuses the whole file (nothing stored) when it does not compile.
   */
  async deploy(input: DeployInput): Promise<WorkflowDefinition[]> {
    return this.store(await this.compileOrThrow(input.xml), input);
  }

  private async compileOrThrow(xml: string): Promise<CompiledDefinition> {
    const result = await compile(xml);
    if (!result.ok) throw bpmnProblems(result.problems);
    if (result.definition.processIds.length === 0) throw bpmnProblems([NO_EXECUTABLE_PROCESS]);
    return result.definition;
  }

  private async store(
    compiled: CompiledDefinition,
    input: DeployInput,
  ): Promise<WorkflowDefinition[]> {
    const hash = hashOf(input.xml);

    const rows = await this.tx.run(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [DEPLOY_LOCK_KEY]);
      const stored: WorkflowDefinition[] = [];
      for (const processId of compiled.processIds) {
        const row = await this.deployProcess(em, input, compiled, processId, hash);
        if (row) stored.push(row);
      }
      return stored;
    });
    for (const row of rows) this.cache.put(row.id, compiled);
    return rows;
  }

  private async deployProcess(
    em: EntityManager,
    input: DeployInput,
    compiled: CompiledDefinition,
    processId: string,
    hash: string,
  ): Promise<WorkflowDefinition | null> {
    const latest = await em.findOne(WorkflowDefinition, {
      where: { processId },
      order: { version: 'DESC' },
    });
    if (input.sync) {
      if (latest?.source === 'upload') return null;
      if (await em.existsBy(WorkflowDefinition, { processId, contentHash: hash })) return null;
    }
    const now = this.clock.now();
    const row = em.create(WorkflowDefinition, {
      id: newRowId(),
      processId,
      version: (latest?.version ?? 0) + 1,
      // the name people read (流程 lists, inbox): the deployer's, else the BPMN process's own
      name: input.name ?? compiled.processes.get(processId)?.name ?? null,
      note: input.note ?? null,
      xml: input.xml,
      contentHash: hash,
      source: input.source,
      sourceName: input.sourceName ?? null,
      deployedBy: input.deployedBy,
      deployedAt: now,
    });
    await em.insert(WorkflowDefinition, row);
    await this.startEvents.replace(em, row, compiled, now);
    const journal = new Journal();
    journal.recordAudit(now, {
      actor: input.deployedBy ?? 'system',
      action: 'definition.deployed',
      detail: { definitionId: row.id, processId, version: row.version, source: input.source },
    });
    await journal.flush(em);
    return row;
  }
}

export const hashOf = (xml: string): string => createHash('sha256').update(xml).digest('hex');

const NO_EXECUTABLE_PROCESS: Problem = {
  elementId: null,
  message: 'The file has no executable process (isExecutable="true") (文件中没有可执行的流程).',
};
