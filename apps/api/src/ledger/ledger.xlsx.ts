import { exceljs } from '../common/exceljs.js';
import type { MeetingType } from './ledger-facts.js';
import type { RequirementCheck } from './ledger-shortfall.js';
import type { LedgerView } from './ledger.service.js';

const MEETINGS: [MeetingType, string][] = [
  ['branch_committee', '支委会'],
  ['group_meeting', '党小组会'],
  ['member_assembly', '党员大会'],
  ['party_lecture', '党课'],
];

/** The ledger as a workbook: one sheet per table plus every shortfall with its due date. */
export async function ledgerWorkbook(
  view: LedgerView,
  labels: Map<string, string>,
): Promise<Buffer> {
  const book = new (await exceljs()).Workbook();
  book.created = new Date(`${view.asOf}T00:00:00+08:00`);
  const sheet = (name: string, header: string[], rows: (string | number | null)[][]) => {
    const ws = book.addWorksheet(name);
    ws.addRow(header).font = { bold: true };
    for (const row of rows) ws.addRow(row);
    ws.columns.forEach((c) => (c.width = 14));
    return ws;
  };
  const rate = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

  sheet(
    '党员',
    [
      '姓名',
      '交流发言',
      '微党课',
      '三汇报',
      '先锋创绩点评',
      '出勤',
      '请假',
      '缺席',
      '考勤记录',
      '出勤率(%)',
      '短板',
    ],
    view.members.map((m) => [
      m.name,
      m.exchangeSpeeches,
      m.microLectures,
      m.reports,
      m.vanguardComments,
      m.attended,
      m.leaves,
      m.absences,
      m.attendanceRecords,
      rate(m.attendanceRate),
      m.shortfalls.length,
    ]),
  );
  sheet(
    '支部',
    [
      '支部',
      '集中组织生活(≥3环节)',
      '六有不全',
      ...MEETINGS.map(([, l]) => l),
      '主题党日',
      '专家党课',
      '书记微党课',
      '支委微党课',
      '短板',
    ],
    view.branches.map((b) => [
      b.name,
      b.qualifiedSessions,
      b.incompleteSessions,
      ...MEETINGS.map(([k]) => b.meetings[k]),
      b.themeDays,
      b.expertLectures,
      b.secretaryLectures,
      b.committeeMemberLectures,
      b.shortfalls.length,
    ]),
  );
  sheet(
    '二级党组织书记',
    ['姓名', '专题党课', '短板'],
    view.committeeSecretaries.map((s) => [s.name, s.lectures, s.shortfalls.length]),
  );
  sheet(
    '校领导',
    ['姓名', '专题党课', '短板'],
    view.leaders.map((l) => [l.name, l.lectures, l.shortfalls.length]),
  );

  const shortfall = (who: string, c: RequirementCheck) => [
    who,
    labels.get(c.requirement) ?? c.requirement,
    c.window,
    c.have,
    c.need,
    c.status === 'due' ? '待完成' : '未完成',
    c.dueBy,
  ];
  sheet(
    '短板',
    ['对象', '要求', '周期', '已完成', '应完成', '状态', '截止日期'],
    [
      ...view.branches.flatMap((b) => b.shortfalls.map((c) => shortfall(b.name, c))),
      ...view.members.flatMap((m) => m.shortfalls.map((c) => shortfall(m.name, c))),
      ...view.committeeSecretaries.flatMap((s) => s.shortfalls.map((c) => shortfall(s.name, c))),
      ...view.leaders.flatMap((l) => l.shortfalls.map((c) => shortfall(l.name, c))),
    ],
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
