import { Inject, Injectable } from '@nestjs/common';
import { compileDecisions } from '@orglife/engine';
import type { EntityManager } from 'typeorm';
import { InvalidInput } from '../../common/errors.js';
import { CLOCK, type Clock } from '../../clock/clock.js';
import { bilingual } from '../../common/locale.js';
import { newRowId } from '../../database/row-id.js';
import { Transactions } from '../../database/transactions.js';
import type { DefinitionSource } from '../definitions/definition.entity.js';
import { hashOf } from '../definitions/definition.deployer.js';
import { DecisionDeployment } from './decision-deployment.entity.js';
import { DecisionRegistry } from './decision.registry.js';

export interface DeployDecisionsInput {
  xml: string;
  source: DefinitionSource;
  sourceName: string | null;
  deployedBy: string | null;
}

/**
 * Deploys a DMN file: all of it or nothing. An upload whose content is already the latest
 * deployment of every decision it holds is not stored again; a file from `workflows/` is
 * deployed once, so a later upload of the same decisions is never replaced at a restart.
 */
@Injectable()
export class DecisionDeployer {
  constructor(
    private readonly tx: Transactions,
    private readonly registry: DecisionRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async deploy(input: DeployDecisionsInput): Promise<DecisionDeployment> {
    const result = await compileDecisions(input.xml);
    if (!result.ok) throw dmnProblems(result.problems);
    if (result.decisions.length === 0) {
      throw dmnProblems([{ message: 'the file holds no decision (文件中没有决策)' }]);
    }
    const contentHash = hashOf(input.xml);
    const row = await this.tx.run(async (em) => {
      const [latest] = await em.find(DecisionDeployment, {
        where: { contentHash },
        order: { deployedAt: 'DESC' },
        take: 1,
      });
      if (latest && (input.source === 'file' || (await this.isLatestFor(em, latest)))) {
        return latest;
      }
      const stored = em.create(DecisionDeployment, {
        id: newRowId(),
        decisionIds: result.decisions.map((d) => d.id),
        decisionNames: result.decisions.map((d) => d.name ?? d.id),
        xml: input.xml,
        contentHash,
        source: input.source,
        sourceName: input.sourceName,
        deployedBy: input.deployedBy,
        deployedAt: this.clock.now(),
      });
      await em.insert(DecisionDeployment, stored);
      return stored;
    });
    this.registry.remember(row.id, result.decisions);
    this.registry.forget();
    return row;
  }

  /** No later deployment holds any of the row's decisions. */
  private async isLatestFor(em: EntityManager, row: DecisionDeployment): Promise<boolean> {
    const [later] = (await em.query(
      `SELECT 1 FROM wf_decision_deployment
        WHERE (deployed_at, id) > ($1, $2) AND decision_ids && $3::text[] LIMIT 1`,
      [row.deployedAt, row.id, row.decisionIds],
    )) as unknown[];
    return later === undefined;
  }
}

/** The 400 for a DMN file that does not compile, listing each problem with its element. */
function dmnProblems(problems: { elementId?: string | null; message: string }[]): InvalidInput {
  return new InvalidInput(
    bilingual(
      `决策文件有 ${problems.length} 处问题，未部署`,
      `The decision file has ${problems.length} problem${problems.length === 1 ? '' : 's'} and was not deployed`,
    ),
    {
      type: 'urn:orglife:problem:dmn',
      problems: problems.map((p) => ({ elementId: p.elementId ?? undefined, message: p.message })),
    },
  );
}
