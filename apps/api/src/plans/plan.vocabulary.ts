/** The six first-half segments 学讲听报议定 (DOMAIN.md §2); a session needs at least 3. */
export const SEGMENT_KEYS = ['study', 'lecture', 'listen', 'report', 'review', 'decide'] as const;
export type SegmentKey = (typeof SEGMENT_KEYS)[number];
export const MIN_SEGMENTS = 3;
export const MIN_SEGMENTS_MESSAGE = `至少选择${MIN_SEGMENTS}个环节 (at least ${MIN_SEGMENTS} of the six segments)`;

/** 三会一课: 支委会, 党小组会, 党员大会, 党课. */
export const MEETING_TYPES = [
  'branch_committee',
  'group_meeting',
  'member_assembly',
  'party_lecture',
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

/** Second-half activities: 先锋创绩, 深入联系点服务, 主题党日, 志愿服务, 其他特色活动. */
export const ACTIVITY_KINDS = [
  'vanguard',
  'contact_point_service',
  'theme_day',
  'volunteer',
  'other',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface PlanSegment {
  key: SegmentKey;
  ownerId: string;
  content: string;
}

export interface PlanActivity {
  kind: ActivityKind;
  description: string;
}

export type PlanStatus = 'pending' | 'submitted' | 'returned' | 'approved' | 'cancelled';
export type ReviewDecision = 'approve' | 'return';
