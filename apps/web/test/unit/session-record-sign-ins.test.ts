import { describe, expect, it } from 'vitest';
import type { SessionFormContext } from '@/api/forms';
import { initialRecord } from '@/modules/tasks/forms/session/session-record.model';

const members = [
  { id: 'a', name: '赵思远' },
  { id: 'b', name: '宋雅琴' },
  { id: 'c', name: '陈晓东' },
];

function context(signIns: { personId: string; late: boolean }[]): SessionFormContext {
  return {
    session: { heldAt: null, scheduledAt: '2026-03-20T06:30:00.000Z' },
    plan: null,
    members,
    signIns: signIns.map((s) => ({ ...s, name: '', signedAt: '2026-03-20T06:20:00.000Z' })),
  } as unknown as SessionFormContext;
}

describe('the session record pre-filled from the QR sign-ins (签到)', () => {
  it('signed in: present, or late; not signed in: absent with the reason left to the secretary', () => {
    const record = initialRecord(
      context([
        { personId: 'a', late: false },
        { personId: 'c', late: true },
      ]),
    );
    expect(record.attendance).toEqual([
      { personId: 'a', status: 'present' },
      { personId: 'b', status: 'absent', reason: '' },
      { personId: 'c', status: 'late' },
    ]);
  });

  it('without any sign-in every member starts present, as before', () => {
    expect(initialRecord(context([])).attendance.map((a) => a.status)).toEqual([
      'present',
      'present',
      'present',
    ]);
  });
});
