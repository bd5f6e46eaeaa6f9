import { Injectable } from '@nestjs/common';
import { compile, type CompiledDefinition } from '@orglife/engine';
import type { EntityManager } from 'typeorm';
import { Inconsistent } from '../../common/errors.js';
import { WorkflowDefinition } from './definition.entity.js';

/**
 * Compiled definitions by definition row id. A row never changes once stored, so an entry
 * never goes stale; a process that did not deploy it compiles it on first use.
 */
@Injectable()
export class DefinitionCache {
  private readonly byId = new Map<string, Promise<CompiledDefinition>>();

  put(definitionId: string, compiled: CompiledDefinition): void {
    this.byId.set(definitionId, Promise.resolve(compiled));
  }

  get(em: EntityManager, definitionId: string): Promise<CompiledDefinition> {
    let entry = this.byId.get(definitionId);
    if (!entry) {
      entry = this.load(em, definitionId);
      this.byId.set(definitionId, entry);
      entry.catch(() => this.byId.delete(definitionId));
    }
    return entry;
  }

  private async load(em: EntityManager, definitionId: string): Promise<CompiledDefinition> {
    const row = await em.findOneByOrFail(WorkflowDefinition, { id: definitionId });
    const result = await compile(row.xml);
    if (!result.ok) {
      const first = result.problems[0]?.message ?? 'unknown problem';
      throw new Inconsistent(
        `Stored definition ${row.processId} v${row.version} no longer compiles: ${first}`,
      );
    }
    return result.definition;
  }
}
