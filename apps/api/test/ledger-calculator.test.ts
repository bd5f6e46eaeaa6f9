import { describe, expect, it } from 'vitest';
import type { LedgerFacts, SessionFact } from '../src/ledger/ledger-facts.js';
import { LedgerCalculator } from '../src/ledger/ledger.calculator.js';
import { REQUIREMENT_DEFAULTS } from '../src/ledger/ledger-requirement.defaults.js';

const session = (
  heldOn: string,
  segments: SessionFact['segments'],
  extra: Partial<SessionFact> = {},
): SessionFact => ({
  sessionId: `s-${heldOn}`,
  branchId: 'b1',
  heldOn,
  segments,
  meetingTypes: ['branch_committee', 'member_assembly'],
  activities: [],
  sixHavesMissing: [],
  ...extra,
});

function facts(): LedgerFacts {
  return {
    members: [
      {
        personId: 'p1',
        name: '张三',
        orgUnitId: 'b1',
        branchId: 'b1',
        since: '2025-01-01',
        until: null,
      },
      {
        personId: 'p2',
        name: '李四',
        orgUnitId: 'b1',
        branchId: 'b1',
        since: '2025-01-01',
        until: null,
      },
    ],
    branches: [
      {
        branchId: 'b1',
        name: '一支部',
        committeeId: 'c1',
        secretaryIds: ['p1'],
        committeeMemberIds: ['p2'],
        since: '2025-01-01',
        hasGroups: true,
      },
    ],
    committeeSecretaries: [
      { personId: 'cs', name: '王书记', orgUnitId: 'c1', since: '2025-01-01' },
    ],
    leaders: [{ personId: 'ld', name: '赵校长', orgUnitId: 'u', since: '2025-01-01' }],
    sessions: [
      session('2026-01-20', ['study', 'lecture', 'report']),
      session('2026-02-20', ['study', 'report']),
      session('2026-03-18', ['study', 'listen', 'review', 'decide'], { activities: ['theme_day'] }),
      session('2025-12-20', ['study', 'lecture', 'report']),
    ],
    attendance: [
      { personId: 'p1', heldOn: '2026-01-20', status: 'present' },
      { personId: 'p1', heldOn: '2026-02-20', status: 'late' },
      { personId: 'p1', heldOn: '2026-03-18', status: 'absent' },
      { personId: 'p2', heldOn: '2026-01-20', status: 'leave' },
    ],
    speeches: [{ personId: 'p2', heldOn: '2026-01-20' }],
    lectures: [
      { branchId: 'b1', heldOn: '2026-01-20', kind: 'branch_secretary', personId: 'p1' },
      { branchId: 'b1', heldOn: '2026-02-20', kind: 'expert', personId: null },
      { branchId: 'b1', heldOn: '2026-03-18', kind: 'committee_secretary', personId: 'cs' },
    ],
    reports: [
      { personId: 'p1', heldOn: '2026-01-20' },
      { personId: 'p1', heldOn: '2026-03-18' },
    ],
    vanguardComments: [{ personId: 'p1', heldOn: '2026-03-25' }],
  };
}

const ledgerAsOf = (today: string) =>
  new LedgerCalculator(facts(), REQUIREMENT_DEFAULTS, 2026, today);

describe('ledger calculator', () => {
  it('counts each member’s speeches, lectures, reports, vanguard comments and attendance rate within the year', () => {
    const [p1, p2] = ledgerAsOf('2026-04-10').members();
    expect(p1).toMatchObject({
      exchangeSpeeches: 0,
      microLectures: 1,
      reports: 2,
      vanguardComments: 1,
    });
    expect(p1?.attendanceRate).toBeCloseTo(2 / 3);
    expect(p2).toMatchObject({ exchangeSpeeches: 1, microLectures: 0 });
  });

  it('shows leave (请假) and absence (缺席) apart; only an absence lowers the attendance rate', () => {
    const [p1, p2] = ledgerAsOf('2026-04-10').members();
    expect(p1).toMatchObject({ attended: 2, leaves: 0, absences: 1, attendanceRecords: 3 });
    // p2's one record is excused leave: nothing counts against them yet
    expect(p2).toMatchObject({ attended: 0, leaves: 1, absences: 0, attendanceRate: null });
  });

  it('counts a branch and a member only from the day they existed or joined', () => {
    const later = facts();
    later.branches[0]!.since = '2026-03-05';
    later.members[1]!.since = '2026-04-02';
    const ledger = new LedgerCalculator(later, REQUIREMENT_DEFAULTS, 2026, '2026-05-10');
    const monthly = ledger
      .branches()[0]
      ?.shortfalls.filter((s) => s.requirement === 'branch.monthly_session');
    // January and February were before the branch existed; March had a session.
    expect(monthly?.map((s) => [s.window, s.status])).toEqual([
      ['2026-04', 'missed'],
      ['2026-05', 'due'],
    ]);
    const p2 = ledger.members()[1];
    expect(
      p2?.shortfalls
        .filter((s) => s.requirement === 'member.vanguard_comment')
        .map((s) => s.window),
    ).toEqual(['2026-Q2']);
  });

  it('splits a transferred member by the transfer day: what they did before counts for the old branch, the windows still running for the new', () => {
    const moved = facts();
    moved.members[1]!.until = '2026-03-16';
    moved.members.push({
      personId: 'p2',
      name: '李四',
      orgUnitId: 'b2',
      branchId: 'b2',
      since: '2026-03-16',
      until: null,
    });
    const [, atOld, atNew] = new LedgerCalculator(
      moved,
      REQUIREMENT_DEFAULTS,
      2026,
      '2026-04-10',
    ).members();
    expect(atOld).toMatchObject({
      branchId: 'b1',
      exchangeSpeeches: 1,
      leaves: 1,
      until: '2026-03-16',
    });
    expect(atNew).toMatchObject({
      branchId: 'b2',
      exchangeSpeeches: 0,
      leaves: 0,
      since: '2026-03-16',
    });
    // Q1 was still running on the transfer day: the new branch answers for it, not the old one.
    const vanguard = (row: typeof atOld) =>
      row?.shortfalls
        .filter((s) => s.requirement === 'member.vanguard_comment')
        .map((s) => s.window);
    expect(vanguard(atOld)).toEqual([]);
    expect(vanguard(atNew)).toEqual(['2026-Q1', '2026-Q2']);
    // The January speech (in the old branch) meets the year's requirement wherever they are.
    expect(atNew?.shortfalls.some((s) => s.requirement === 'member.exchange_speech')).toBe(false);
  });

  it('shows a member’s yearly shortfall as due by year end while the year runs', () => {
    const p1 = ledgerAsOf('2026-04-10').members()[0];
    expect(p1?.shortfalls).toContainEqual(
      expect.objectContaining({
        requirement: 'member.exchange_speech',
        status: 'due',
        dueBy: '2026-12-31',
        have: 0,
        need: 1,
      }),
    );
    // Q1 had a vanguard comment; Q2 is open and due by the end of June.
    expect(p1?.shortfalls.filter((s) => s.requirement === 'member.vanguard_comment')).toEqual([
      expect.objectContaining({ window: '2026-Q2', status: 'due', dueBy: '2026-06-30' }),
    ]);
  });

  it('counts a branch’s sessions with at least 3 segments and marks the months that missed one', () => {
    const [b1] = ledgerAsOf('2026-04-10').branches();
    expect(b1?.qualifiedSessions).toBe(2);
    const monthly = b1?.shortfalls.filter((s) => s.requirement === 'branch.monthly_session');
    expect(monthly?.map((s) => [s.window, s.status])).toEqual([
      ['2026-02', 'missed'],
      ['2026-04', 'due'],
    ]);
  });

  it('counts 三会一课 meetings against their configured frequency', () => {
    const [b1] = ledgerAsOf('2026-04-10').branches();
    expect(b1?.meetings).toEqual({
      branch_committee: 3,
      group_meeting: 0,
      member_assembly: 3,
      party_lecture: 0,
    });
    const quarterly = b1?.shortfalls.filter(
      (s) => s.requirement === 'branch.meeting.party_lecture',
    );
    expect(quarterly?.map((s) => [s.window, s.status])).toEqual([
      ['2026-Q1', 'missed'],
      ['2026-Q2', 'due'],
    ]);
  });

  it('counts the sessions held that lack one of the six haves', () => {
    const incomplete = facts();
    incomplete.sessions[0]!.sixHavesMissing = ['exchange', 'attendance'];
    const [b1] = new LedgerCalculator(
      incomplete,
      REQUIREMENT_DEFAULTS,
      2026,
      '2026-04-10',
    ).branches();
    expect(b1?.incompleteSessions).toBe(1);
  });

  it('counts the 党员大会 of a branch without 党小组 for its group meetings', () => {
    const noGroups = facts();
    noGroups.branches[0]!.hasGroups = false;
    const [b1] = new LedgerCalculator(
      noGroups,
      REQUIREMENT_DEFAULTS,
      2026,
      '2026-04-10',
    ).branches();
    expect(b1?.meetings.group_meeting).toBe(3);
    expect(b1?.shortfalls.filter((s) => s.requirement === 'branch.meeting.group_meeting')).toEqual([
      expect.objectContaining({ window: '2026-04', status: 'due' }),
    ]);
  });

  it('uses the frequencies it is given: a monthly party lecture rule yields monthly shortfalls', () => {
    const rules = REQUIREMENT_DEFAULTS.map((r) =>
      r.key === 'branch.meeting.party_lecture' ? { ...r, period: 'month' as const } : r,
    );
    const [b1] = new LedgerCalculator(facts(), rules, 2026, '2026-02-10').branches();
    expect(
      b1?.shortfalls
        .filter((s) => s.requirement === 'branch.meeting.party_lecture')
        .map((s) => s.window),
    ).toEqual(['2026-01', '2026-02']);
  });

  it('tracks the expert lecture and each secretary’s and committee member’s micro-lecture', () => {
    const [b1] = ledgerAsOf('2026-04-10').branches();
    expect(b1).toMatchObject({
      expertLectures: 1,
      secretaryLectures: 1,
      committeeMemberLectures: 0,
    });
    expect(b1?.shortfalls).toContainEqual(
      expect.objectContaining({
        requirement: 'branch.committee_member_lecture',
        personId: 'p2',
        status: 'due',
      }),
    );
    expect(b1?.shortfalls.some((s) => s.requirement === 'branch.expert_lecture')).toBe(false);
  });

  it('checks committee secretaries per semester and leaders per year', () => {
    const calc = ledgerAsOf('2026-08-01');
    expect(calc.committeeSecretaries()[0]).toMatchObject({
      lectures: 1,
      shortfalls: [
        expect.objectContaining({ window: '2026-H2', status: 'due', dueBy: '2026-12-31' }),
      ],
    });
    expect(calc.leaders()[0]).toMatchObject({
      lectures: 0,
      shortfalls: [expect.objectContaining({ window: '2026', status: 'due' })],
    });
    const atYearEnd = new LedgerCalculator(facts(), REQUIREMENT_DEFAULTS, 2026, '2027-01-05');
    expect(atYearEnd.leaders()[0]?.shortfalls[0]?.status).toBe('missed');
  });
});
