/** 考勤: present, on leave (请假), late (迟到), absent (缺席). Leave and absence need a reason. */
export const ATTENDANCE_STATUSES = ['present', 'leave', 'late', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** Who gave a lecture (讲): a school leader, the committee secretary, an expert, the branch secretary, a branch committee member, a member. */
export const LECTURE_KINDS = [
  'leader',
  'committee_secretary',
  'expert',
  'branch_secretary',
  'committee_member',
  'member',
] as const;
export type LectureKind = (typeof LECTURE_KINDS)[number];

/** 三汇报: the branch's tasks, the vanguard role at one's post, one's thoughts. */
export const REPORT_KINDS = ['task', 'vanguard', 'thought'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** 定: branch work, important matters, self-building measures. */
export const DECISION_CATEGORIES = ['work', 'matter', 'self_building'] as const;
export type DecisionCategory = (typeof DECISION_CATEGORIES)[number];

export const SESSION_ATTACHMENT_KINDS = ['photo', 'sign_in_sheet', 'minutes', 'other'] as const;
export type SessionAttachmentKind = (typeof SESSION_ATTACHMENT_KINDS)[number];

/** `cancelled`: its flow was cancelled before the session was held. */
export type SessionStatus = 'scheduled' | 'recorded' | 'summarized' | 'closed' | 'cancelled';
