import type { EntityManager } from 'typeorm';
import { bilingual } from '../common/locale.js';
import type { BranchDirectory } from './branch.directory.js';
import { monthOf } from './month.js';
import { PlanReview } from './plan-review.entity.js';
import type { MonthlyPlan } from './plan.entity.js';
import { MIN_SEGMENTS, type SegmentKey } from './plan.vocabulary.js';
import { WeakBranch } from './weak-branch.entity.js';

/** Why a submitted plan needs its approver's own look (it cannot go through 批量审批). */
export const PLAN_WARNINGS = [
  'incomplete',
  'fewSegments',
  'ownerNotMember',
  'outsideMonth',
  'timePassed',
  'noStudySegment',
  'returnedBefore',
  'weakBranch',
  'taskInProgress',
] as const;
export type PlanWarningCode = (typeof PLAN_WARNINGS)[number];

export interface PlanWarning {
  code: PlanWarningCode;
  /** The warning in the users' words, bilingual `中文 (English)`. */
  message: string;
}

const SEGMENT_WORDS: Record<SegmentKey, string> = {
  study: '学',
  lecture: '讲',
  listen: '听',
  report: '报',
  review: '议',
  decide: '定',
};

/** What the checks read beside the plan. */
export interface PlanFacts {
  /** Person ids of the branch's party members now. */
  memberIds: ReadonlySet<string>;
  /** The plan was returned (退回) before, in an earlier revision. */
  returnedBefore: boolean;
  weakBranch: boolean;
}

/**
 * The rules a plan must pass to be approved in a batch: complete, at least three segments each
 * owned by a member of the branch, held in its month and still ahead, with the 学 segment when
 * OD set study content for the month; and nothing that asks for a closer look (a plan returned
 * before, a weak branch).
 */
export function planWarnings(plan: MonthlyPlan, facts: PlanFacts, now: Date): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  const warn = (code: PlanWarningCode, zh: string, en: string) =>
    warnings.push({ code, message: bilingual(zh, en) });
  if (!plan.topic || !plan.place || !plan.plannedAt) {
    warn('incomplete', '计划的主题、时间或地点未填写', 'the topic, time or place is missing');
  }
  if (plan.segments.length < MIN_SEGMENTS) {
    warn(
      'fewSegments',
      `环节少于${MIN_SEGMENTS}个（现有${plan.segments.length}个）`,
      `fewer than ${MIN_SEGMENTS} segments (${plan.segments.length})`,
    );
  }
  const strangers = plan.segments.filter((s) => !facts.memberIds.has(s.ownerId));
  if (strangers.length > 0) {
    const words = strangers.map((s) => `“${SEGMENT_WORDS[s.key]}”`).join('、');
    warn(
      'ownerNotMember',
      `${words}环节的负责人已不是本支部党员`,
      `the owner of ${strangers.map((s) => s.key).join(', ')} is no longer a member of the branch`,
    );
  }
  if (plan.plannedAt && monthOf(plan.plannedAt) !== plan.month) {
    warn(
      'outsideMonth',
      '计划时间不在计划所属月份内',
      "the session falls outside the plan's month",
    );
  }
  if (plan.plannedAt && plan.plannedAt.getTime() <= now.getTime()) {
    warn('timePassed', '计划时间已过', 'the planned time has passed');
  }
  if (plan.studyContentId && !plan.segments.some((s) => s.key === 'study')) {
    warn(
      'noStudySegment',
      '本月有组织部下发的学习内容，计划未安排“学”环节',
      "the month has OD's study content but the plan has no study segment",
    );
  }
  if (facts.returnedBefore) {
    warn('returnedBefore', '该计划曾被退回，请核对修改之处', 'the plan was returned before');
  }
  if (facts.weakBranch) {
    warn('weakBranch', '组织能力较弱的党支部，请逐一审核', 'a weak branch: review it on its own');
  }
  return warnings;
}

/** Reads the facts the checks need about `plan`, in `em`'s transaction. */
export async function planFacts(
  em: EntityManager,
  branches: BranchDirectory,
  plan: MonthlyPlan,
): Promise<PlanFacts> {
  const members = await branches.members(em, plan.branchId);
  const returns = await em.countBy(PlanReview, { planId: plan.id, decision: 'return' });
  const weak = await em.countBy(WeakBranch, { branchId: plan.branchId });
  return {
    memberIds: new Set(members.map((m) => m.id)),
    returnedBefore: returns > 0,
    weakBranch: weak > 0,
  };
}
