import type { LedgerFacts, LectureKind, MeetingType, PersonFact } from './ledger-facts.js';
import { MIN_SEGMENTS } from '../plans/plan.vocabulary.js';
import { windowsOf } from './ledger-period.js';
import type { BranchLedgerRow, LecturerLedgerRow, MemberLedgerRow } from './ledger-rows.js';
import {
  checkRequirement,
  shortfallsOf,
  type RequirementCheck,
  type RequirementRule,
} from './ledger-shortfall.js';

const MEETING_REQUIREMENTS: Record<MeetingType, string> = {
  branch_committee: 'branch.meeting.branch_committee',
  group_meeting: 'branch.meeting.group_meeting',
  member_assembly: 'branch.meeting.member_assembly',
  party_lecture: 'branch.meeting.party_lecture',
};

/** Computes the ledger of one year as of `today` (`YYYY-MM-DD`) from the recorded facts. */
export class LedgerCalculator {
  private readonly rules: Map<string, RequirementRule>;
  private readonly facts: LedgerFacts;

  constructor(
    facts: LedgerFacts,
    rules: readonly RequirementRule[],
    private readonly year: number,
    private readonly today: string,
  ) {
    this.rules = new Map(rules.map((r) => [r.key, r]));
    const yearStart = windowsOf(year, 'year')[0];
    const inYear = (d: { heldOn: string }) =>
      !!yearStart && d.heldOn >= yearStart.start && d.heldOn <= yearStart.end;
    this.facts = {
      ...facts,
      sessions: facts.sessions.filter(inYear),
      attendance: facts.attendance.filter(inYear),
      speeches: facts.speeches.filter(inYear),
      lectures: facts.lectures.filter(inYear),
      reports: facts.reports.filter(inYear),
      vanguardComments: facts.vanguardComments.filter(inYear),
    };
  }

  /**
   * One row per stretch of membership: what the member did while in that branch (a transfer
   * splits by its date), and the requirement windows that branch answers for, checked against
   * everything the member did in them (their own records follow them).
   */
  members(): MemberLedgerRow[] {
    return this.facts.members.map((m) => {
      const all = <T extends { personId: string | null; heldOn: string }>(rows: readonly T[]) =>
        rows.filter((r) => r.personId === m.personId);
      const here = <T extends { heldOn: string }>(rows: readonly T[]) =>
        rows.filter((r) => r.heldOn >= m.since && (m.until === null || r.heldOn < m.until));
      const speeches = all(this.facts.speeches);
      const lectures = all(this.facts.lectures);
      const comments = all(this.facts.vanguardComments);
      const attendance = here(all(this.facts.attendance));
      const attended = attendance.filter((a) => a.status === 'present' || a.status === 'late');
      const leaves = attendance.filter((a) => a.status === 'leave').length;
      // The seed (implementation-opinions, 二、2) asks branches to 有考勤 and to bring every
      // member into the session, and names no sanction for excused leave: 请假 is recorded and
      // shown apart and does not count against the rate; an absence (缺席) does.
      const counted = attendance.length - leaves;
      return {
        personId: m.personId,
        name: m.name,
        orgUnitId: m.orgUnitId,
        branchId: m.branchId,
        since: m.since,
        until: m.until,
        exchangeSpeeches: here(speeches).length,
        microLectures: here(lectures).length,
        reports: here(all(this.facts.reports)).length,
        vanguardComments: here(comments).length,
        attended: attended.length,
        leaves,
        absences: attendance.filter((a) => a.status === 'absent').length,
        attendanceRecords: attendance.length,
        attendanceRate: counted ? attended.length / counted : null,
        shortfalls: shortfallsOf([
          ...this.check('member.exchange_speech', speeches, m.since, undefined, m.until),
          ...this.check('member.micro_lecture', lectures, m.since, undefined, m.until),
          ...this.check('member.vanguard_comment', comments, m.since, undefined, m.until),
        ]),
      };
    });
  }

  branches(): BranchLedgerRow[] {
    return this.facts.branches.map((b) => {
      const sessions = this.facts.sessions.filter((s) => s.branchId === b.branchId);
      const lectures = this.facts.lectures.filter((l) => l.branchId === b.branchId);
      const qualified = sessions.filter((s) => new Set(s.segments).size >= MIN_SEGMENTS);
      const themeDays = sessions.filter((s) => s.activities.includes('theme_day'));
      const experts = lectures.filter((l) => l.kind === 'expert');
      const by = (ids: string[]) => lectures.filter((l) => l.personId && ids.includes(l.personId));
      const meetings = {} as Record<MeetingType, number>;
      const since = b.since;
      const checks: RequirementCheck[] = [
        ...this.check('branch.monthly_session', qualified, since),
        ...this.check('branch.theme_day', themeDays, since),
        ...this.check('branch.expert_lecture', experts, since),
        ...b.secretaryIds.flatMap((id) =>
          this.check('branch.secretary_lecture', by([id]), since, id),
        ),
        ...b.committeeMemberIds.flatMap((id) =>
          this.check('branch.committee_member_lecture', by([id]), since, id),
        ),
      ];
      for (const [type, key] of Object.entries(MEETING_REQUIREMENTS) as [MeetingType, string][]) {
        // Without 党小组 the 党员大会 does the groups' work, and counts for it.
        const counted = type === 'group_meeting' && !b.hasGroups ? 'member_assembly' : type;
        const held = sessions.filter((s) => s.meetingTypes.includes(counted));
        meetings[type] = held.length;
        checks.push(...this.check(key, held, since));
      }
      return {
        branchId: b.branchId,
        name: b.name,
        committeeId: b.committeeId,
        qualifiedSessions: qualified.length,
        incompleteSessions: sessions.filter((s) => s.sixHavesMissing.length > 0).length,
        meetings,
        themeDays: themeDays.length,
        expertLectures: experts.length,
        secretaryLectures: by(b.secretaryIds).length,
        committeeMemberLectures: by(b.committeeMemberIds).length,
        shortfalls: shortfallsOf(checks),
      };
    });
  }

  committeeSecretaries(): LecturerLedgerRow[] {
    return this.lecturers(
      this.facts.committeeSecretaries,
      'committee_secretary',
      'committee_secretary.special_lecture',
    );
  }

  leaders(): LecturerLedgerRow[] {
    return this.lecturers(this.facts.leaders, 'leader', 'leader.special_lecture');
  }

  private lecturers(people: PersonFact[], kind: LectureKind, key: string): LecturerLedgerRow[] {
    return people.map((p) => {
      const given = this.facts.lectures.filter((l) => l.kind === kind && l.personId === p.personId);
      return {
        personId: p.personId,
        name: p.name,
        lectures: given.length,
        shortfalls: shortfallsOf(this.check(key, given, p.since)),
      };
    });
  }

  private check(
    key: string,
    events: readonly { heldOn: string }[],
    since: string,
    personId?: string,
    until: string | null = null,
  ) {
    const rule = this.rules.get(key);
    if (!rule || rule.minCount <= 0) return [];
    const days = events.map((e) => e.heldOn);
    const checks = checkRequirement(rule, this.year, this.today, days, since, until);
    return personId ? checks.map((c) => ({ ...c, personId })) : checks;
  }
}
