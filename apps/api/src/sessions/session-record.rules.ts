import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { Attachment } from '../attachments/attachment.entity.js';
import { assertDates, passed, withinMonth } from '../common/date-rules.js';
import { assertMembers, type BranchMember } from '../plans/branch.directory.js';
import { fieldErrors } from '../task-forms/field-error.js';
import type { SessionRecordParts } from './session-record.parts.js';
import type { OrgSession } from './session.entity.js';

/** Who the record is about: everyone `required` needs an attendance row; `allowed` may appear. */
export interface RecordRoster {
  required: BranchMember[];
  allowed: BranchMember[];
}

/**
 * The rules every session record obeys, whether first recorded or corrected (更正): held within
 * its month and not in the future; attendance for every member; only the branch's members
 * named; nobody on leave or absent credited with a speech, lecture or report; lecturers who
 * exist; attachments uploaded by the branch. A failure is a 400 naming each field at fault.
 */
export async function assertRecordValid(
  em: EntityManager,
  session: OrgSession,
  record: SessionRecordParts,
  roster: RecordRoster,
  now: Date,
): Promise<void> {
  const heldAt = new Date(record.heldAt);
  assertDates(withinMonth('heldAt', heldAt, session.month) ?? passed('heldAt', heldAt, now));
  const listed = new Set(record.attendance.map((a) => a.personId));
  const missing = roster.required.filter((m) => !listed.has(m.id));
  if (missing.length > 0) {
    throw fieldErrors([
      {
        field: 'attendance',
        message: `缺少考勤: ${missing.map((m) => m.name).join('、')} (every member needs an attendance row)`,
      },
    ]);
  }
  await assertMembers(em, roster.allowed, [
    ...record.attendance.map((a, i) => ({ field: `attendance.${i}.personId`, personId: a.personId })),
    ...record.segments.map((s, i) => ({ field: `segments.${i}.ownerId`, personId: s.ownerId })),
    ...record.speeches.map((s, i) => ({ field: `speeches.${i}.personId`, personId: s.personId })),
    ...record.reports.map((r, i) => ({ field: `reports.${i}.personId`, personId: r.personId })),
  ]);
  assertContributorsAttended(roster.allowed, record);
  await assertSpeakersExist(em, record);
  await assertAttachmentsOfBranch(em, session.branchId, record);
}

/**
 * Someone on leave or absent was not there: they cannot be credited with a speech, a lecture or
 * a report in that session (400 naming them and the entry).
 */
function assertContributorsAttended(members: BranchMember[], record: SessionRecordParts): void {
  const away = new Map(
    record.attendance
      .filter((a) => a.status === 'leave' || a.status === 'absent')
      .map((a) => [a.personId, a.status]),
  );
  const nameOf = (id: string) => members.find((m) => m.id === id)?.name ?? id;
  const entries = [
    ...record.speeches.map((s, i) => ({
      field: `speeches.${i}.personId`,
      id: s.personId,
      what: '交流发言',
    })),
    ...record.lectures.map((l, i) => ({
      field: `lectures.${i}.speakerId`,
      id: l.speakerId,
      what: '讲党课',
    })),
    ...record.reports.map((r, i) => ({
      field: `reports.${i}.personId`,
      id: r.personId,
      what: '汇报',
    })),
  ];
  const errors = entries.flatMap(({ field, id, what }) => {
    const status = id ? away.get(id) : undefined;
    if (!id || !status) return [];
    const zh = status === 'leave' ? '请假' : '缺席';
    return [
      {
        field,
        message: `${nameOf(id)} 本次${zh}，不能记为${what} (${status === 'leave' ? 'on leave' : 'absent'}: cannot be credited)`,
      },
    ];
  });
  if (errors.length > 0) throw fieldErrors(errors);
}

async function assertSpeakersExist(em: EntityManager, record: SessionRecordParts): Promise<void> {
  const ids = record.lectures.flatMap((l) => (l.speakerId ? [l.speakerId] : []));
  if (ids.length === 0) return;
  const found = new Set(
    (
      await em.query<{ id: string }[]>(`SELECT id FROM person WHERE id = ANY($1::uuid[])`, [ids])
    ).map((r) => r.id),
  );
  const errors = record.lectures.flatMap((l, i) =>
    l.speakerId && !found.has(l.speakerId)
      ? [{ field: `lectures.${i}.speakerId`, message: '所选主讲人不存在 (no such person)' }]
      : [],
  );
  if (errors.length > 0) throw fieldErrors(errors);
}

async function assertAttachmentsOfBranch(
  em: EntityManager,
  branchId: string,
  record: SessionRecordParts,
): Promise<void> {
  const ids = record.attachments.map((a) => a.attachmentId);
  if (ids.length === 0) return;
  const found = new Set(
    (await em.findBy(Attachment, { id: In(ids), orgUnitId: branchId })).map((a) => a.id),
  );
  const errors = record.attachments.flatMap((a, i) =>
    found.has(a.attachmentId)
      ? []
      : [
          {
            field: `attachments.${i}.attachmentId`,
            message: '附件不存在或不属于本支部 (not an upload of this branch)',
          },
        ],
  );
  if (errors.length > 0) throw fieldErrors(errors);
}
