import type { Attendance, Member, SessionFormContext, SessionRecordPayload } from '@/api/forms';
import { MIN_SEGMENTS } from '@/api/forms';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * A first draft of the record from the approved plan and the QR sign-ins (签到): with sign-ins,
 * those who signed in are present (or late) and the others absent, for the secretary to confirm
 * as leave or absence with a reason; without any, every member present. The plan's segments.
 */
export function initialRecord(context: SessionFormContext): SessionRecordPayload {
  const members: Member[] = context.members;
  const signIns = new Map(context.signIns.map((s) => [s.personId, s]));
  const attendance = (m: Member): Attendance => {
    if (signIns.size === 0) return { personId: m.id, status: 'present' };
    const signIn = signIns.get(m.id);
    if (!signIn) return { personId: m.id, status: 'absent', reason: '' };
    return { personId: m.id, status: signIn.late ? 'late' : 'present' };
  };
  return {
    heldAt: context.session.heldAt ?? context.session.scheduledAt,
    attendance: members.map(attendance),
    segments: (context.plan?.segments ?? []).map((s) => ({
      key: s.key,
      ownerId: s.ownerId,
      record: '',
    })),
    speeches: [],
    lectures: [],
    reports: [],
    decisions: [],
    attachments: [],
  };
}

/** Client checks before sending; errors use the API's field paths. */
export function recordErrors(record: SessionRecordPayload, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  const required = t('forms.required');
  if (!record.heldAt) errors.heldAt = required;
  record.attendance.forEach((a, i) => {
    if ((a.status === 'leave' || a.status === 'absent') && !a.reason?.trim()) {
      errors[`attendance.${i}.reason`] = t('session.reasonRequired');
    }
  });
  if (record.segments.length < MIN_SEGMENTS)
    errors.segments = t('plan.segmentsMin', { min: MIN_SEGMENTS });
  record.segments.forEach((s, i) => {
    if (!s.record.trim()) errors[`segments.${i}.record`] = required;
  });
  record.speeches.forEach((s, i) => {
    if (!s.personId) errors[`speeches.${i}.personId`] = required;
    if (!s.topic.trim()) errors[`speeches.${i}.topic`] = required;
  });
  record.lectures.forEach((l, i) => {
    if (!l.title.trim()) errors[`lectures.${i}.title`] = required;
    if (!l.speakerId && !l.speakerName?.trim())
      errors[`lectures.${i}.speakerName`] = t('session.speakerRequired');
  });
  record.reports.forEach((r, i) => {
    if (!r.personId) errors[`reports.${i}.personId`] = required;
    if (!r.content.trim()) errors[`reports.${i}.content`] = required;
  });
  record.decisions.forEach((d, i) => {
    if (!d.content.trim()) errors[`decisions.${i}.content`] = required;
  });
  return errors;
}

/** Drops empty optional strings so the API's whitelist sees only what was filled in. */
export function cleanRecord(record: SessionRecordPayload): SessionRecordPayload {
  return {
    ...record,
    attendance: record.attendance.map((a) =>
      a.status === 'leave' || a.status === 'absent'
        ? { personId: a.personId, status: a.status, reason: a.reason?.trim() ?? '' }
        : { personId: a.personId, status: a.status },
    ),
    lectures: record.lectures.map((l) =>
      l.speakerId
        ? { kind: l.kind, speakerId: l.speakerId, title: l.title }
        : { kind: l.kind, speakerName: l.speakerName ?? '', title: l.title },
    ),
    speeches: record.speeches.map((s) =>
      s.content?.trim() ? s : { personId: s.personId, topic: s.topic },
    ),
  };
}
