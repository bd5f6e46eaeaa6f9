import { describe, expect, it } from 'vitest';
import type { BranchLedgerRow, RequirementCheck } from '@/api/ledger';
import { isOverdue, pageRows } from '@/modules/inbox/inbox.model';
import {
  complianceByCommittee,
  groupedShortfalls,
  shortfallsByRequirement,
} from '@/modules/ledger/ledger.model';

function check(requirement: string, status: RequirementCheck['status']): RequirementCheck {
  return {
    requirement,
    window: '2026',
    dueBy: '2026-12-31',
    have: status === 'met' ? 1 : 0,
    need: 1,
    status,
  };
}

function branch(id: string, committeeId: string, shortfalls: RequirementCheck[]): BranchLedgerRow {
  return {
    branchId: id,
    name: id,
    committeeId,
    qualifiedSessions: 0,
    incompleteSessions: 0,
    meetings: { branch_committee: 0, group_meeting: 0, member_assembly: 0, party_lecture: 0 },
    themeDays: 0,
    expertLectures: 0,
    secretaryLectures: 0,
    committeeMemberLectures: 0,
    shortfalls,
  };
}

describe('ledger dashboards', () => {
  it('counts a branch as compliant unless a requirement is already missed (due is still on time)', () => {
    const rows = [
      branch('b1', 'c1', [check('branch.expert_lecture', 'due')]),
      branch('b2', 'c1', [check('branch.monthly_session', 'missed')]),
      branch('b3', 'c2', [check('branch.monthly_session', 'met')]),
    ];
    expect(complianceByCommittee(rows)).toEqual([
      {
        id: 'c1',
        compliant: 1,
        total: 2,
        rate: 50,
        mostMissed: { requirement: 'branch.monthly_session', branches: 1 },
      },
      { id: 'c2', compliant: 1, total: 1, rate: 100 },
    ]);
  });

  it('groups a row’s open checks into one line per requirement and status, missed first', () => {
    const monthly = (window: string, status: RequirementCheck['status']) => ({
      ...check('branch.meeting.branch_committee', status),
      window,
    });
    expect(
      groupedShortfalls([
        monthly('2026-03', 'due'),
        monthly('2026-01', 'missed'),
        monthly('2026-02', 'missed'),
        check('branch.theme_day', 'met'),
      ]),
    ).toEqual([
      {
        requirement: 'branch.meeting.branch_committee',
        status: 'missed',
        windows: ['2026-01', '2026-02'],
        have: 0,
        need: 1,
      },
      {
        requirement: 'branch.meeting.branch_committee',
        status: 'due',
        windows: ['2026-03'],
        have: 0,
        need: 1,
      },
    ]);
  });

  it('adds up shortfalls per requirement across every ledger, most missed first', () => {
    const result = shortfallsByRequirement({
      members: [
        {
          shortfalls: [
            check('member.exchange_speech', 'due'),
            check('member.micro_lecture', 'missed'),
          ],
        },
      ],
      branches: [
        branch('b1', 'c1', [
          check('member.micro_lecture', 'missed'),
          check('branch.theme_day', 'met'),
        ]),
      ],
      secretaries: [],
      leaders: [{ shortfalls: [check('leader.special_lecture', 'due')] }],
    });
    expect(result).toEqual([
      { requirement: 'member.micro_lecture', due: 0, missed: 2 },
      { requirement: 'member.exchange_speech', due: 1, missed: 0 },
      { requirement: 'leader.special_lecture', due: 1, missed: 0 },
    ]);
  });
});

describe('inbox rows', () => {
  it('never renders more than a page even when the list holds 1,000 tasks', () => {
    const tasks = Array.from({ length: 1000 }, (_, i) => i);
    expect(pageRows(tasks, 1, 20)).toEqual(tasks.slice(0, 20));
    expect(pageRows(tasks, 50, 20)).toEqual(tasks.slice(980, 1000));
    expect(pageRows(tasks.slice(0, 20), 3, 20)).toHaveLength(20); // a server-paged page is shown as is
  });

  it('marks an open task past its due time as overdue, but not a completed one', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    expect(isOverdue({ status: 'open', dueAt: '2026-11-27T11:59:00Z' }, now)).toBe(true);
    expect(isOverdue({ status: 'completed', dueAt: '2026-11-27T11:59:00Z' }, now)).toBe(false);
    expect(isOverdue({ status: 'open', dueAt: null }, now)).toBe(false);
  });
});
