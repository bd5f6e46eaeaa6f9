import { Injectable } from '@nestjs/common';
import type { MigrationProblem } from '@orglife/engine';
import { InvalidInput, Forbidden, NotFound } from '../../common/errors.js';
import { ORG_ADMIN_ROLES } from '../../access/role-name.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { bilingual } from '../../common/locale.js';
import { Transactions } from '../../database/transactions.js';
import { DefinitionCache } from '../definitions/definition.cache.js';
import type { WorkflowDefinition } from '../definitions/definition.entity.js';
import { DefinitionRepository } from '../definitions/definition.repository.js';
import { CommandScope } from '../instances/command.scope.js';
import { WorkflowAccess } from '../workflow-access.js';
import { InstanceMigrator } from './instance-migrator.js';

/** Instances one request may name or select; the rest wait for the next request. */
export const MAX_MIGRATION = 1000;

export interface MigrationRequest {
  processId: string;
  fromVersion: number;
  toVersion: number;
  /** Omitted: every running instance of the version within the caller's reach. */
  instanceIds?: string[];
  mappings: Record<string, string>;
  dryRun: boolean;
  batchSize: number;
}

export interface MigrationReport {
  dryRun: boolean;
  fromVersion: number;
  toVersion: number;
  moved: { instanceId: string; businessKey: string | null }[];
  skipped: {
    instanceId: string;
    businessKey: string | null;
    reason: string;
    problems: MigrationProblem[];
  }[];
}

export interface ActiveElement {
  elementId: string;
  name: string | null;
  kind: string;
  instances: number;
}

export interface MigrationPlanView {
  fromVersion: number;
  toVersion: number;
  active: ActiveElement[];
  targets: { elementId: string; name: string | null; kind: string }[];
}

/**
 * Moves running instances of one process version to another, each in its own transaction,
 * batch after batch, and reports what moved and what was skipped and why. Who may: OD for any
 * instance, an org administrator (committee, branch secretary) for those of their subtree.
 */
@Injectable()
export class MigrationService {
  constructor(
    private readonly tx: Transactions,
    private readonly scope: CommandScope,
    private readonly access: WorkflowAccess,
    private readonly definitions: DefinitionRepository,
    private readonly compiled: DefinitionCache,
    private readonly migrator: InstanceMigrator,
  ) {}

  async plan(
    user: AuthUser,
    processId: string,
    fromVersion: number,
    toVersion: number,
  ): Promise<MigrationPlanView> {
    const { from, to } = await this.versions(processId, fromVersion, toVersion);
    const params: unknown[] = [from.id];
    const reach = await this.reach(user, params);
    const rows: { element_id: string; n: number }[] = await this.tx.reader().query(
      `SELECT e.value->>'elementId' AS element_id, count(DISTINCT i.id)::int AS n
         FROM wf_instance i, jsonb_each(i.state->'elements') e
        WHERE i.definition_id = $1 AND i.status = 'active' AND ${reach}
        GROUP BY 1 ORDER BY 1`,
      params,
    );
    const [fromDef, toDef] = await Promise.all([
      this.compiled.get(this.tx.reader(), from.id),
      this.compiled.get(this.tx.reader(), to.id),
    ]);
    const fromNodes = fromDef.processes.get(processId)?.nodes;
    const toNodes = [...(toDef.processes.get(processId)?.nodes.values() ?? [])];
    return {
      fromVersion,
      toVersion,
      active: rows.map((row) => {
        const node = fromNodes?.get(row.element_id);
        return {
          elementId: row.element_id,
          name: node?.name ?? null,
          kind: node?.kind ?? 'unknown',
          instances: row.n,
        };
      }),
      targets: toNodes.map((n) => ({ elementId: n.id, name: n.name ?? null, kind: n.kind })),
    };
  }

  async migrate(user: AuthUser, request: MigrationRequest): Promise<MigrationReport> {
    const { from, to } = await this.versions(
      request.processId,
      request.fromVersion,
      request.toVersion,
    );
    if (from.id === to.id) {
      throw new InvalidInput(
        bilingual(
          'toVersion：目标版本不能与原版本相同',
          'toVersion: the target version must differ from the source',
        ),
      );
    }
    const selected = await this.select(user, from, request.instanceIds);
    const report: MigrationReport = {
      dryRun: request.dryRun,
      fromVersion: from.version,
      toVersion: to.version,
      moved: [],
      skipped: selected.outside.map((instanceId) => ({
        instanceId,
        businessKey: null,
        reason: bilingual('不存在或不在您的管辖范围内', 'does not exist or is outside your reach'),
        problems: [],
      })),
    };
    const move = { from, to, mappings: request.mappings, dryRun: request.dryRun };
    for (let i = 0; i < selected.rows.length; i += request.batchSize) {
      for (const row of selected.rows.slice(i, i + request.batchSize)) {
        const outcome = await this.scope.run(null, user.personId, (ctx) =>
          this.migrator.migrate(ctx, row.id, move),
        );
        if (outcome.moved) report.moved.push({ instanceId: row.id, businessKey: row.business_key });
        else
          report.skipped.push({
            instanceId: row.id,
            businessKey: row.business_key,
            reason: outcome.reason,
            problems: outcome.problems,
          });
      }
      // Between batches, let other requests have the database.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return report;
  }

  private async versions(
    processId: string,
    fromVersion: number,
    toVersion: number,
  ): Promise<{ from: WorkflowDefinition; to: WorkflowDefinition }> {
    const reader = this.tx.reader();
    const [from, to] = await Promise.all([
      this.definitions.version(reader, processId, fromVersion),
      this.definitions.version(reader, processId, toVersion),
    ]);
    for (const [field, version, row] of [
      ['fromVersion', fromVersion, from],
      ['toVersion', toVersion, to],
    ] as const) {
      if (!row) {
        throw new NotFound(
          bilingual(
            `${field}：流程 ${processId} 没有版本 ${version}`,
            `${field}: process ${processId} has no version ${version}`,
          ),
        );
      }
    }
    return { from: from as WorkflowDefinition, to: to as WorkflowDefinition };
  }

  /** The caller's reach over instances (alias `i`) as SQL; 403 when they reach none. */
  private async reach(user: AuthUser, params: unknown[]): Promise<string> {
    const scope = await this.access.scope(user, 'i', ORG_ADMIN_ROLES, params);
    if (scope === 'false') {
      throw new Forbidden(
        bilingual(
          '只有组织部或党委、支部管理员可以迁移流程实例',
          'only OD or committee and branch administrators may migrate process instances',
        ),
      );
    }
    return scope ?? 'true';
  }

  private async select(
    user: AuthUser,
    from: WorkflowDefinition,
    instanceIds: string[] | undefined,
  ): Promise<{ rows: { id: string; business_key: string | null }[]; outside: string[] }> {
    const params: unknown[] = [from.id];
    const reach = await this.reach(user, params);
    params.push(instanceIds ?? null);
    const rows: { id: string; business_key: string | null }[] = await this.tx.reader().query(
      `SELECT i.id, i.business_key FROM wf_instance i
        WHERE i.process_id = (SELECT process_id FROM wf_definition WHERE id = $1)
          AND ($${params.length}::uuid[] IS NULL OR i.id = ANY($${params.length}::uuid[]))
          AND (${instanceIds ? 'true' : `i.definition_id = $1 AND i.status = 'active'`})
          AND ${reach}
        ORDER BY i.started_at, i.id LIMIT ${MAX_MIGRATION}`,
      params,
    );
    const found = new Set(rows.map((r) => r.id));
    return { rows, outside: (instanceIds ?? []).filter((id) => !found.has(id)) };
  }
}
