import { localMinute } from '../common/time-zone.js';
import { SEGMENT_KEYS, type MeetingType, type SegmentKey } from '../plans/plan.vocabulary.js';
import type { RecordPart, SessionRecordParts } from './session-record.parts.js';
import type { SessionView } from './session.service.js';
import type {
  AttendanceStatus,
  DecisionCategory,
  LectureKind,
  ReportKind,
} from './session.vocabulary.js';

const SEGMENT_LABELS: Record<SegmentKey, string> = {
  study: '学',
  lecture: '讲',
  listen: '听',
  report: '报',
  review: '议',
  decide: '定',
};
const MEETING_LABELS: Record<MeetingType, string> = {
  branch_committee: '支委会',
  group_meeting: '党小组会',
  member_assembly: '党员大会',
  party_lecture: '党课',
};
const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  present: '出席',
  leave: '请假',
  late: '迟到',
  absent: '缺席',
};
const LECTURE_LABELS: Record<LectureKind, string> = {
  leader: '校领导专题党课',
  committee_secretary: '二级党组织书记专题党课',
  expert: '专家讲座',
  branch_secretary: '支部书记微党课',
  committee_member: '支委微党课',
  member: '党员微党课',
};
const REPORT_LABELS: Record<ReportKind, string> = {
  task: '工作任务完成情况',
  vanguard: '先锋模范作用发挥情况',
  thought: '思想汇报',
};
const DECISION_LABELS: Record<DecisionCategory, string> = {
  work: '党支部工作内容',
  matter: '重要工作事项',
  self_building: '自身建设举措',
};

function esc(text: string | null | undefined): string {
  return (text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function when(date: Date | null): string {
  if (!date) return '';
  return localMinute(date);
}

const PART_LABELS: Record<RecordPart, string> = {
  heldAt: '时间',
  attendance: '考勤',
  segments: '环节',
  speeches: '交流发言',
  lectures: '党课',
  reports: '三汇报',
  decisions: '决定事项',
  attachments: '附件',
  summary: '总结',
};

/** One part of a record as lines a reader checks (names, labels; never raw data). */
function partText(
  part: RecordPart,
  parts: Partial<SessionRecordParts>,
  name: (id: string | null) => string,
): string {
  const lines = (list: string[]) => (list.length ? list.join('<br>') : '（无）');
  switch (part) {
    case 'heldAt':
      return esc(parts.heldAt ? when(new Date(parts.heldAt)) : '');
    case 'attendance':
      return lines(
        (parts.attendance ?? []).map(
          (a) =>
            `${name(a.personId)}：${ATTENDANCE_LABELS[a.status]}${a.reason ? `（${esc(a.reason)}）` : ''}`,
        ),
      );
    case 'segments':
      return lines(
        (parts.segments ?? []).map(
          (g) => `${SEGMENT_LABELS[g.key]}（${name(g.ownerId)}）：${esc(g.record)}`,
        ),
      );
    case 'speeches':
      return lines((parts.speeches ?? []).map((x) => `${name(x.personId)}：${esc(x.topic)}`));
    case 'lectures':
      return lines(
        (parts.lectures ?? []).map(
          (l) =>
            `${LECTURE_LABELS[l.kind]} ${l.speakerId ? name(l.speakerId) : esc(l.speakerName)}：${esc(l.title)}`,
        ),
      );
    case 'reports':
      return lines(
        (parts.reports ?? []).map(
          (r) => `${name(r.personId)}（${REPORT_LABELS[r.kind]}）：${esc(r.content)}`,
        ),
      );
    case 'decisions':
      return lines(
        (parts.decisions ?? []).map((d) => `${DECISION_LABELS[d.category]}：${esc(d.content)}`),
      );
    case 'attachments':
      return `${(parts.attachments ?? []).length} 个`;
    case 'summary':
      return esc(parts.summary);
  }
}

/** The 更正 history: who, when, why, and each changed part before and after. */
function correctionsSection(s: SessionView, name: (id: string | null) => string): string {
  if (s.corrections.length === 0) return '';
  const blocks = s.corrections.map((c) => {
    const parts = (Object.keys(PART_LABELS) as RecordPart[]).filter((p) => p in c.after);
    const changes = parts
      .map(
        (p) =>
          `<tr><td>${PART_LABELS[p]}</td><td>${partText(p, c.before, name)}</td><td>${partText(p, c.after, name)}</td></tr>`,
      )
      .join('');
    return `<table><tr><th>更正时间</th><th>更正人</th><th>更正理由</th></tr><tr><td>${esc(when(new Date(c.correctedAt)))}</td><td>${name(c.correctedBy)}</td><td>${esc(c.reason)}</td></tr></table>
<table><tr><th>项目</th><th>更正前</th><th>更正后</th></tr>${changes}</table>`;
  });
  return `<h2>更正记录</h2>${blocks.join('')}`;
}

/** The printable session record (集中组织生活台账), one self-contained HTML page. */
export function renderSessionRecord(s: SessionView): string {
  const name = (id: string | null) => esc(id ? (s.people[id] ?? id) : '');
  const segments = [...s.segments].sort(
    (a, b) => SEGMENT_KEYS.indexOf(a.key) - SEGMENT_KEYS.indexOf(b.key),
  );
  const rows = (cells: string[][]) =>
    cells.map((c) => `<tr>${c.map((x) => `<td>${x}</td>`).join('')}</tr>`).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>集中组织生活台账 ${esc(s.branchName)} ${esc(s.month)}</title>
<style>body{font-family:serif;margin:2em}table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}td,th{border:1px solid #333;padding:4px 8px;text-align:left;vertical-align:top}h1{text-align:center}@media print{h2{page-break-after:avoid}}</style>
</head><body>
<h1>党员集中组织生活台账</h1>
<table>${rows([
    ['党支部', esc(s.branchName), '月份', esc(s.month)],
    ['时间', esc(when(s.heldAt ?? s.scheduledAt)), '地点', esc(s.place)],
    [
      '会议类型',
      esc(s.meetingTypes.map((m) => MEETING_LABELS[m]).join('、')),
      '记录人',
      name(s.recordedBy),
    ],
  ])}</table>
<h2>考勤</h2>
<table><tr><th>姓名</th><th>考勤</th><th>原因</th></tr>${rows(
    s.attendance.map((a) => [name(a.personId), ATTENDANCE_LABELS[a.status], esc(a.reason)]),
  )}</table>
<h2>环节（${segments.length}个）</h2>
<table><tr><th>环节</th><th>负责人</th><th>记录</th></tr>${rows(
    segments.map((g) => [SEGMENT_LABELS[g.key], name(g.ownerId), esc(g.record)]),
  )}</table>
<h2>交流发言</h2>
<table><tr><th>发言人</th><th>题目</th></tr>${rows(s.speeches.map((x) => [name(x.personId), esc(x.topic)]))}</table>
<h2>党课</h2>
<table><tr><th>类型</th><th>主讲人</th><th>题目</th></tr>${rows(
    s.lectures.map((l) => [
      LECTURE_LABELS[l.kind],
      l.speakerId ? name(l.speakerId) : esc(l.speakerName),
      esc(l.title),
    ]),
  )}</table>
<h2>三汇报</h2>
<table><tr><th>汇报人</th><th>类型</th><th>内容</th></tr>${rows(
    s.reports.map((r) => [name(r.personId), REPORT_LABELS[r.kind], esc(r.content)]),
  )}</table>
<h2>决定事项</h2>
<table><tr><th>类别</th><th>内容</th></tr>${rows(s.decisions.map((d) => [DECISION_LABELS[d.category], esc(d.content)]))}</table>
<h2>总结</h2>
<p>${esc(s.summary)}</p>
<p>附件 ${s.attachments.length} 个</p>
${correctionsSection(s, name)}
</body></html>`;
}
