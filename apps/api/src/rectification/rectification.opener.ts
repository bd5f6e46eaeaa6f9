import type { EntityManager } from 'typeorm';
import { type DateCheck, dueAfterToday } from '../common/date-rules.js';
import { BranchDirectory } from '../plans/branch.directory.js';
import { endOfChinaDay } from './due-date.js';
import type { BranchFindingDto } from './rectification.dto.js';
import { Rectification, type RectificationSource } from './rectification.entity.js';
import { RectificationRepository } from './rectification.repository.js';

export interface OpenRectification {
  source: RectificationSource;
  sourceId: string | null;
  finding: BranchFindingDto;
  createdBy: string;
  now: Date;
}

/**
 * Opens a rectification item for a finding, whatever raised it. The rectification flow is
 * started by the caller (a call activity in its flow, or the self-found route).
 */
export async function openRectification(
  em: EntityManager,
  input: OpenRectification,
): Promise<Rectification> {
  const branch = await new BranchDirectory().context(em, input.finding.branchId);
  const item = em.create(Rectification, {
    source: input.source,
    sourceId: input.sourceId,
    branchId: branch.branchId,
    committeeId: branch.committeeId,
    title: input.finding.title,
    description: input.finding.description,
    severity: input.finding.severity,
    dueAt: endOfChinaDay(input.finding.dueDate),
    status: 'awaiting_plan',
    createdBy: input.createdBy,
    createdAt: input.now,
  });
  const repo = new RectificationRepository(em);
  const saved = await repo.save(item);
  await repo.record(saved, input.now, input.createdBy, 'opened', null, {
    source: input.source,
    dueAt: saved.dueAt.toISOString(),
    severity: saved.severity,
  });
  return saved;
}

/** The due-date check of each finding (整改期限 after today), for `assertDates`. */
export function findingsDue(
  findings: { dueDate: string }[],
  now: Date,
  prefix = 'findings.',
): DateCheck[] {
  return findings.map((f, i) => dueAfterToday(`${prefix}${i}.dueDate`, f.dueDate, now));
}

/** What a parent flow passes to the rectification call activity for each opened item. */
export function findingVariable(item: Rectification, notice = false) {
  return {
    rectificationId: item.id,
    branchId: item.branchId,
    committeeId: item.committeeId,
    dueAt: item.dueAt.toISOString(),
    notice,
  };
}
