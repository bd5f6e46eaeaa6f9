import { afterEach, describe, expect, it } from 'vitest';
import { renderSessionRecord } from '../src/sessions/session.print.js';
import type { SessionView } from '../src/sessions/session.service.js';

function view(overrides: Partial<SessionView>): SessionView {
  return {
    id: 's1',
    planId: 'p1',
    branchId: 'b1',
    committeeId: 'c1',
    month: '2026-03',
    scheduledAt: new Date('2026-03-20T06:30:00Z'),
    place: '党员活动室',
    meetingTypes: ['member_assembly', 'party_lecture'],
    activity: null,
    status: 'closed',
    instanceId: null,
    heldAt: new Date('2026-03-20T06:30:00Z'),
    recordedBy: 'u1',
    recordedAt: null,
    summary: null,
    summaryBy: null,
    summaryAt: null,
    summaryOverdueAt: null,
    closedAt: null,
    evaluatedAt: null,
    signInOpensBeforeMin: 30,
    signInDurationMin: 180,
    lateAfterMin: 0,
    venueLatitude: null,
    venueLongitude: null,
    venueRadiusM: null,
    branchName: '教工第一党支部',
    people: { u1: '陈晓东', u2: '赵思远' },
    selfStudy: [],
    attendance: [
      { sessionId: 's1', personId: 'u1', status: 'present', reason: null },
      { sessionId: 's1', personId: 'u2', status: 'leave', reason: '出差' },
    ],
    segments: [
      { sessionId: 's1', key: 'review', ownerId: 'u2', record: '评议' },
      { sessionId: 's1', key: 'study', ownerId: 'u1', record: '学习' },
    ],
    speeches: [],
    lectures: [
      {
        id: 'l1',
        sessionId: 's1',
        kind: 'expert',
        speakerId: null,
        speakerName: '外请专家',
        title: '专题',
      },
    ],
    reports: [],
    decisions: [],
    attachments: [],
    photos: [],
    sixHaves: {
      sessionId: 's1',
      have: {
        plan: true,
        arrangement: true,
        exchange: false,
        attendance: false,
        record: true,
        summary: false,
      },
      missing: ['exchange', 'attendance', 'summary'],
    },
    corrections: [],
    correction: { allowed: false, until: null },
    ...overrides,
  };
}

describe('the printable session record (台账)', () => {
  afterEach(() => {
    delete process.env.ORGLIFE_TIME_ZONE;
  });

  it('shows the branch, Beijing time, meeting types, attendance and segments in 学讲听报议定 order', () => {
    const html = renderSessionRecord(view({}));
    expect(html).toContain('教工第一党支部');
    expect(html).toContain('2026-03-20 14:30');
    expect(html).toContain('党员大会、党课');
    expect(html).toContain('<td>赵思远</td><td>请假</td><td>出差</td>');
    expect(html.indexOf('<td>学</td>')).toBeLessThan(html.indexOf('<td>议</td>'));
    expect(html).toContain('<td>专家讲座</td><td>外请专家</td>');
  });

  it("prints the time on the university's clock ORGLIFE_TIME_ZONE names, not a fixed +8", () => {
    process.env.ORGLIFE_TIME_ZONE = 'Asia/Urumqi';
    expect(renderSessionRecord(view({}))).toContain('2026-03-20 12:30');
    process.env.ORGLIFE_TIME_ZONE = 'Europe/London';
    expect(renderSessionRecord(view({}))).toContain('2026-03-20 06:30');
    const summer = new Date('2026-07-20T06:30:00Z');
    expect(renderSessionRecord(view({ heldAt: summer }))).toContain('2026-07-20 07:30');
  });

  it('escapes what users typed', () => {
    const html = renderSessionRecord(view({ summary: '<script>alert(1)</script> & "x"' }));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
  });

  it('lists each 更正 with its reason, who and when, and the parts before and after', () => {
    const html = renderSessionRecord(
      view({
        corrections: [
          {
            id: 'c1',
            sessionId: 's1',
            correctedBy: 'u1',
            correctedAt: new Date('2026-03-22T02:00:00Z'),
            reason: '考勤登记错误',
            before: {
              attendance: [{ personId: 'u2', status: 'absent', reason: '未请假' }],
              speeches: [{ personId: 'u1', topic: '学习体会', content: null }],
            },
            after: {
              attendance: [{ personId: 'u2', status: 'leave', reason: '出差' }],
              speeches: [],
            },
          },
        ],
      }),
    );
    expect(html).toContain('<h2>更正记录</h2>');
    expect(html).toContain('<td>2026-03-22 10:00</td><td>陈晓东</td><td>考勤登记错误</td>');
    expect(html).toContain('<td>考勤</td><td>赵思远：缺席（未请假）</td><td>赵思远：请假（出差）</td>');
    expect(html).toContain('<td>交流发言</td><td>陈晓东：学习体会</td><td>（无）</td>');
  });
});
