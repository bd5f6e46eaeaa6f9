import type { Language } from './locale.js';

type Label = readonly [zh: string, en: string];

/**
 * What users call each input field. A `parent.field` key wins over `field` where the same
 * property means different things (a speech's speaker vs a lecture's).
 */
const LABELS: Record<string, Label> = {
  activity: ['第二阶段活动', 'activity'],
  'activity.description': ['活动内容', 'activity description'],
  'activity.kind': ['活动类型', 'activity kind'],
  approved: ['审核结果', 'review result'],
  arrangement: ['工作安排', 'arrangement'],
  attachmentId: ['附件', 'attachment'],
  attachmentIds: ['附件', 'attachments'],
  attachments: ['附件', 'attachments'],
  attendance: ['考勤', 'attendance'],
  attendedOn: ['督导日期', 'date attended'],
  branchId: ['党支部', 'branch'],
  branchReview: ['对支部的评议', 'review of the branch'],
  category: ['类别', 'category'],
  code: ['编码', 'code'],
  comment: ['意见', 'comment'],
  'comments.comment': ['评语', 'comment'],
  comments: ['评语', 'comments'],
  committeeId: ['二级党组织', 'committee'],
  content: ['内容', 'content'],
  'segments.content': ['环节内容', 'segment content'],
  decision: ['审批结果', 'decision'],
  decisions: ['决定事项', 'decisions'],
  description: ['描述', 'description'],
  dueDate: ['整改期限', 'due date'],
  employeeNo: ['工号', 'employee number'],
  evidence: ['整改材料', 'evidence'],
  findings: ['问题', 'findings'],
  gender: ['性别', 'gender'],
  grade: ['等次', 'grade'],
  guidance: ['指导意见', 'guidance'],
  heldAt: ['召开时间', 'date held'],
  holds: ['整改是否到位', 'whether it holds'],
  joinedPartyOn: ['入党日期', 'date joined the Party'],
  key: ['环节', 'segment'],
  kind: ['类型', 'kind'],
  lectures: ['讲课', 'lectures'],
  materials: ['学习材料', 'materials'],
  meetingTypes: ['会议类型', 'meeting types'],
  memberType: ['党员类别', 'member type'],
  month: ['月份', 'month'],
  name: ['名称', 'name'],
  newDueDate: ['新的整改期限', 'new due date'],
  newPassword: ['新密码', 'new password'],
  note: ['备注', 'note'],
  notes: ['情况说明', 'notes'],
  oldPassword: ['原密码', 'old password'],
  opinion: ['评议意见', 'opinion'],
  orgUnitId: ['组织', 'organisation'],
  outcome: ['检查结论', 'outcome'],
  ownerId: ['负责人', 'owner'],
  parentId: ['上级组织', 'parent organisation'],
  password: ['密码', 'password'],
  peerReviews: ['互评', 'peer reviews'],
  personId: ['党员', 'member'],
  phone: ['手机号', 'phone'],
  place: ['地点', 'place'],
  plan: ['整改方案', 'rectification plan'],
  plannedAt: ['计划召开时间', 'planned date'],
  rating: ['评分', 'rating'],
  reason: ['理由', 'reason'],
  'attendance.reason': ['请假事由', 'reason for leave'],
  recommendNotice: ['建议通报', 'recommend a notice'],
  record: ['记录', 'record'],
  reportId: ['汇报', 'report'],
  reports: ['汇报', 'reports'],
  role: ['角色', 'role'],
  sampleRate: ['抽样比例', 'sample rate'],
  seed: ['随机种子', 'seed'],
  segments: ['环节', 'segments'],
  sessionId: ['组织生活会', 'session'],
  severity: ['严重程度', 'severity'],
  speakerId: ['主讲人', 'speaker'],
  speakerName: ['主讲人姓名', 'speaker name'],
  'speeches.personId': ['发言人', 'speaker'],
  'reports.personId': ['汇报人', 'reporter'],
  speeches: ['交流发言', 'speeches'],
  status: ['状态', 'status'],
  'attendance.status': ['出勤情况', 'attendance status'],
  summary: ['总结', 'summary'],
  theme: ['主题', 'theme'],
  title: ['标题', 'title'],
  'lectures.title': ['讲课题目', 'lecture title'],
  topic: ['主题', 'topic'],
  'speeches.topic': ['发言主题', 'speech topic'],
  topics: ['学习专题', 'topics'],
  transferredOn: ['调转日期', 'transfer date'],
  url: ['链接', 'link'],
  username: ['用户名', 'username'],
  weak: ['是否薄弱支部', 'weak branch'],
  year: ['年度', 'year'],
};

/**
 * A field path in the user's words: `segments.0.ownerId` → 环节第1项的负责人 / segments 1: owner.
 * Unknown properties keep their name.
 */
export function fieldLabel(path: string, language: Language): string {
  const parts = path.split('.');
  const zh: string[] = [];
  const en: string[] = [];
  let parent = '';
  for (const part of parts) {
    if (/^\d+$/.test(part)) {
      const n = Number(part) + 1;
      zh.push(`${zh.pop() ?? ''}第${n}项`);
      en.push(`${en.pop() ?? ''} ${n}`);
      continue;
    }
    const label = LABELS[`${parent}.${part}`] ?? LABELS[part] ?? [part, part];
    zh.push(label[0]);
    en.push(label[1]);
    parent = part;
  }
  return language === 'en' ? en.join(': ') : zh.join('的');
}
