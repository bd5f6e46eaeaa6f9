import type { LedgerPeriod } from './ledger-period.js';

/** Whose ledger row a requirement applies to. */
export type RequirementSubject = 'member' | 'branch' | 'committee_secretary' | 'leader';

export interface RequirementDefault {
  key: string;
  subject: RequirementSubject;
  period: LedgerPeriod;
  minCount: number;
  label: string;
}

/**
 * Defaults from DOMAIN.md §6 and the 2018 Branch Work Regulations; stored in the
 * `ledger_requirement` table by the migration, where OD edits them.
 */
export const REQUIREMENT_DEFAULTS: RequirementDefault[] = [
  {
    key: 'member.exchange_speech',
    subject: 'member',
    period: 'year',
    minCount: 1,
    label: '交流发言',
  },
  { key: 'member.micro_lecture', subject: 'member', period: 'year', minCount: 1, label: '微党课' },
  {
    key: 'member.vanguard_comment',
    subject: 'member',
    period: 'quarter',
    minCount: 1,
    label: '先锋创绩点评',
  },
  {
    key: 'branch.monthly_session',
    subject: 'branch',
    period: 'month',
    minCount: 1,
    label: '集中组织生活（≥3 个环节）',
  },
  {
    key: 'branch.meeting.branch_committee',
    subject: 'branch',
    period: 'month',
    minCount: 1,
    label: '支委会',
  },
  {
    key: 'branch.meeting.group_meeting',
    subject: 'branch',
    period: 'month',
    minCount: 1,
    label: '党小组会',
  },
  {
    key: 'branch.meeting.member_assembly',
    subject: 'branch',
    period: 'quarter',
    minCount: 1,
    label: '党员大会',
  },
  {
    key: 'branch.meeting.party_lecture',
    subject: 'branch',
    period: 'quarter',
    minCount: 1,
    label: '党课',
  },
  { key: 'branch.theme_day', subject: 'branch', period: 'month', minCount: 1, label: '主题党日' },
  {
    key: 'branch.expert_lecture',
    subject: 'branch',
    period: 'year',
    minCount: 1,
    label: '专家党课',
  },
  {
    key: 'branch.secretary_lecture',
    subject: 'branch',
    period: 'year',
    minCount: 1,
    label: '支部书记微党课',
  },
  {
    key: 'branch.committee_member_lecture',
    subject: 'branch',
    period: 'year',
    minCount: 1,
    label: '支委微党课（每人）',
  },
  {
    key: 'committee_secretary.special_lecture',
    subject: 'committee_secretary',
    period: 'semester',
    minCount: 1,
    label: '二级党组织书记专题党课',
  },
  {
    key: 'leader.special_lecture',
    subject: 'leader',
    period: 'year',
    minCount: 1,
    label: '校领导专题党课',
  },
];
