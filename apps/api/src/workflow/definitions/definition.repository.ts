import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WorkflowDefinition } from './definition.entity.js';

/** Lookups of deployed definition rows inside a caller's transaction. */
@Injectable()
export class DefinitionRepository {
  latest(em: EntityManager, processId: string): Promise<WorkflowDefinition | null> {
    return em.findOne(WorkflowDefinition, { where: { processId }, order: { version: 'DESC' } });
  }

  version(
    em: EntityManager,
    processId: string,
    version: number,
  ): Promise<WorkflowDefinition | null> {
    return em.findOneBy(WorkflowDefinition, { processId, version });
  }

  byId(em: EntityManager, id: string): Promise<WorkflowDefinition | null> {
    return em.findOneBy(WorkflowDefinition, { id });
  }
}
