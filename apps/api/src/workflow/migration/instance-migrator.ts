import { Injectable } from '@nestjs/common';
import { migrateInstance, type MigrationProblem } from '@orglife/engine';
import { bilingual } from '../../common/locale.js';
import { DefinitionCache } from '../definitions/definition.cache.js';
import type { WorkflowDefinition } from '../definitions/definition.entity.js';
import type { CommandContext } from '../instances/command-context.js';
import { EffectApplier } from '../instances/effect.applier.js';
import { InstanceCommandRunner } from '../instances/instance-command.runner.js';

export interface MigrationMove {
  from: WorkflowDefinition;
  to: WorkflowDefinition;
  /** Old element id → new element id; ids left out map to themselves. */
  mappings: Record<string, string>;
  /** Check only: nothing is written. */
  dryRun: boolean;
}

export type MigrationOutcome =
  { moved: true } | { moved: false; reason: string; problems: MigrationProblem[] };

/** Why the engine refused, in the users' words (element ids stay as they are in the model). */
const REASONS: Record<MigrationProblem['code'], (elementId: string) => string> = {
  removed: (id) =>
    bilingual(
      `新版本没有环节 ${id}，且未映射`,
      `element ${id} is not in the new version and not mapped`,
    ),
  kindChanged: (id) =>
    bilingual(
      `环节 ${id} 映射到了不同类型的环节`,
      `element ${id} is mapped to an element of another kind`,
    ),
  multiInstanceChanged: (id) =>
    bilingual(
      `环节 ${id} 与目标环节的多实例（会签）设置不同`,
      `element ${id} and its target differ in being multi-instance`,
    ),
  scopeChanged: (id) =>
    bilingual(
      `环节 ${id} 的目标不在同一子流程内`,
      `the target of ${id} is not in the same sub-process`,
    ),
  joinChanged: (id) =>
    bilingual(
      `汇聚网关 ${id} 在新版本中少了已到达的连线`,
      `joining gateway ${id} lost an incoming flow a token arrived on`,
    ),
  listenerRunning: (id) =>
    bilingual(
      `环节 ${id} 正在等待监听任务，稍后再迁移`,
      `element ${id} waits for a listener job; migrate later`,
    ),
  subscription: (id) =>
    bilingual(
      `新版本的等待事件 ${id} 无法建立`,
      `the new version's wait state ${id} cannot be armed`,
    ),
};

/**
 * Moves one locked instance to the new version in the caller's transaction: the engine state,
 * then its effects (wait-state subscriptions and timers re-written for the new elements), then
 * the rows that name an element (open tasks, service jobs, open incidents).
 */
@Injectable()
export class InstanceMigrator {
  constructor(
    private readonly definitions: DefinitionCache,
    private readonly effects: EffectApplier,
    private readonly runner: InstanceCommandRunner,
  ) {}

  async migrate(
    ctx: CommandContext,
    instanceId: string,
    move: MigrationMove,
  ): Promise<MigrationOutcome> {
    const instance = await this.runner.lock(ctx, instanceId);
    if (instance.status !== 'active') {
      return refused(bilingual('流程实例已结束', 'the instance has ended'));
    }
    if (instance.definitionId !== move.from.id) {
      return refused(
        bilingual('流程实例不在所选版本上', 'the instance is not on the chosen version'),
      );
    }
    const [fromDef, toDef] = await Promise.all([
      this.definitions.get(ctx.em, move.from.id),
      this.definitions.get(ctx.em, move.to.id),
    ]);
    const result = migrateInstance(fromDef, toDef, instance.state, {
      mappings: move.mappings,
      now: ctx.now.toISOString(),
    });
    if (!result.ok) {
      const reason = result.problems.map((p) => REASONS[p.code](p.elementId)).join('; ');
      return { moved: false, reason, problems: result.problems };
    }
    if (move.dryRun) return { moved: true };
    const previousVersion = instance.version;
    instance.definitionId = move.to.id;
    instance.state = result.result.state;
    instance.version = result.result.state.version;
    ctx.writes.add({
      sql: `WITH saved AS (
              UPDATE wf_instance SET definition_id = $1, state = $2, version = $3
               WHERE id = $4 AND version = $5 RETURNING id)
            SELECT wf_expect_saved(EXISTS (SELECT FROM saved), $6)`,
      params: [
        move.to.id,
        JSON.stringify(instance.state),
        instance.version,
        instance.id,
        previousVersion,
        `Process instance ${instance.id}`,
      ],
    });
    await this.effects.apply(ctx, instance, result.result.effects);
    const elements = Object.values(
      result.result.state.elements as Record<
        string,
        { id: string; elementId: string; jobId?: string }
      >,
    );
    const formKeys = new Map(toDef.userTaskElements.map((t) => [t.id, t.formKey ?? null]));
    ctx.writes.add({
      sql: `UPDATE wf_task t SET definition_id = $1, element_id = e.element_id,
                   form_key = CASE WHEN e.has_form THEN e.form_key ELSE t.form_key END
              FROM unnest($2::text[], $3::text[], $4::boolean[], $5::text[])
                   AS e(id, element_id, has_form, form_key)
             WHERE t.id = e.id AND t.instance_id = $6 AND t.status = 'open'`,
      params: [
        move.to.id,
        elements.map((e) => e.id),
        elements.map((e) => e.elementId),
        elements.map((e) => formKeys.has(e.elementId)),
        elements.map((e) => formKeys.get(e.elementId) ?? null),
        instance.id,
      ],
    });
    const jobs = elements.filter((e) => e.jobId);
    ctx.writes.add({
      sql: `UPDATE wf_job j SET definition_id = $1, element_id = e.element_id
              FROM unnest($2::text[], $3::text[]) AS e(id, element_id)
             WHERE j.id = e.id AND j.instance_id = $4`,
      params: [move.to.id, jobs.map((e) => e.jobId), jobs.map((e) => e.elementId), instance.id],
    });
    const incidents = Object.values(
      result.result.state.incidents as Record<string, { id: string; elementId: string }>,
    );
    ctx.writes.add({
      sql: `UPDATE wf_incident w SET element_id = e.element_id
              FROM unnest($1::text[], $2::text[]) AS e(id, element_id)
             WHERE w.engine_incident_id = e.id AND w.instance_id = $3 AND w.status = 'open'`,
      params: [incidents.map((i) => i.id), incidents.map((i) => i.elementId), instance.id],
    });
    ctx.journal.recordAudit(ctx.now, {
      actor: ctx.actor,
      action: 'instance.migrated',
      instanceId: instance.id,
      detail: {
        processId: instance.processId,
        fromVersion: move.from.version,
        toVersion: move.to.version,
        mappings: move.mappings,
      },
    });
    return { moved: true };
  }
}

function refused(reason: string): MigrationOutcome {
  return { moved: false, reason, problems: [] };
}
