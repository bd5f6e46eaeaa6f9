import { Injectable } from '@nestjs/common';
import { compileDecisions, type Decision, type Decisions } from '@orglife/engine';
import type { EntityManager } from 'typeorm';
import { DecisionDeployment } from './decision-deployment.entity.js';

/** How long one process trusts its list of deployments; another process's deployment shows within it. */
export const DECISIONS_FRESH_MS = 2_000;

/**
 * The decisions business rule tasks call: for each decision id, its latest deployment. Compiled
 * files are kept by deployment id (a row never changes); the list of deployments is read again
 * at most every `DECISIONS_FRESH_MS`, and at once after a deployment through this process.
 */
@Injectable()
export class DecisionRegistry {
  private readonly compiled = new Map<string, Promise<Decision[]>>();
  private current: { decisions: Promise<Decisions>; until: number } | null = null;

  forget(): void {
    this.current = null;
  }

  remember(deploymentId: string, decisions: Decision[]): void {
    this.compiled.set(deploymentId, Promise.resolve(decisions));
  }

  decisions(em: EntityManager): Promise<Decisions> {
    const now = performance.now();
    if (this.current && this.current.until > now) return this.current.decisions;
    const decisions = this.load(em);
    this.current = { decisions, until: now + DECISIONS_FRESH_MS };
    decisions.catch(() => this.forget());
    return decisions;
  }

  private async load(em: EntityManager): Promise<Decisions> {
    const rows = await em.find(DecisionDeployment, {
      select: { id: true, xml: true },
      order: { deployedAt: 'ASC', id: 'ASC' },
    });
    const byId = new Map<string, Decision>();
    for (const row of rows) {
      for (const decision of await this.compile(row)) byId.set(decision.id, decision);
    }
    return byId;
  }

  private compile(row: Pick<DecisionDeployment, 'id' | 'xml'>): Promise<Decision[]> {
    let entry = this.compiled.get(row.id);
    if (!entry) {
      entry = compileDecisions(row.xml).then((result) => {
        if (!result.ok) throw new Error(`Deployed decisions ${row.id} no longer compile`);
        return result.decisions;
      });
      this.compiled.set(row.id, entry);
    }
    return entry;
  }
}
