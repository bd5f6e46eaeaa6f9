import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransactionMemo } from '../../database/transaction-memo.js';
import { WorkflowDefinition } from './definition.entity.js';

/** Lookups of deployed definition rows inside a caller's transaction. */
@Injectable()
export class DefinitionRepository {
  /**
   * The latest versions a transaction has read: a job group starting a plan for each of its
   * branches asks once. A deployment commits in a transaction of its own, starting nothing.
   */
  private readonly latestRead = new TransactionMemo<WorkflowDefinition | null>();

  latest(em: EntityManager, processId: string): Promise<WorkflowDefinition | null> {
    return this.latestRead.get(em, processId, () =>
      em.findOne(WorkflowDefinition, { where: { processId }, order: { version: 'DESC' } }),
    );
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
