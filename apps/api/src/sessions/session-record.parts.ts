import type { EntityManager } from 'typeorm';
import type { SegmentKey } from '../plans/plan.vocabulary.js';
import {
  SessionAttachment,
  SessionAttendance,
  SessionDecision,
  SessionLecture,
  SessionReport,
  SessionSegment,
  SessionSpeech,
} from './session-parts.entity.js';
import { OrgSession } from './session.entity.js';
import type {
  AttendanceStatus,
  DecisionCategory,
  LectureKind,
  ReportKind,
  SessionAttachmentKind,
} from './session.vocabulary.js';

/**
 * What a session record holds, part by part, as the record form submits it. A correction
 * replaces whole parts, and keeps each replaced part before and after.
 */
export interface SessionRecordParts {
  /** ISO date-time. */
  heldAt: string;
  attendance: { personId: string; status: AttendanceStatus; reason: string | null }[];
  segments: { key: SegmentKey; ownerId: string; record: string }[];
  speeches: { personId: string; topic: string; content: string | null }[];
  lectures: {
    kind: LectureKind;
    speakerId: string | null;
    speakerName: string | null;
    title: string;
  }[];
  reports: { personId: string; kind: ReportKind; content: string }[];
  decisions: { category: DecisionCategory; content: string }[];
  attachments: { attachmentId: string; kind: SessionAttachmentKind }[];
  summary: string | null;
}

export const RECORD_PARTS = [
  'heldAt',
  'attendance',
  'segments',
  'speeches',
  'lectures',
  'reports',
  'decisions',
  'attachments',
  'summary',
] as const satisfies readonly (keyof SessionRecordParts)[];
export type RecordPart = (typeof RECORD_PARTS)[number];

/** The record of a session as it stands, in a stable order (so before/after compare). */
export async function readParts(
  em: EntityManager,
  session: OrgSession,
): Promise<SessionRecordParts> {
  const sessionId = session.id;
  const by = { where: { sessionId } };
  const [attendance, segments, speeches, lectures, reports, decisions, attachments] = [
    await em.find(SessionAttendance, { ...by, order: { personId: 'ASC' } }),
    await em.find(SessionSegment, { ...by, order: { key: 'ASC' } }),
    await em.find(SessionSpeech, { ...by, order: { personId: 'ASC', topic: 'ASC' } }),
    await em.find(SessionLecture, { ...by, order: { title: 'ASC' } }),
    await em.find(SessionReport, { ...by, order: { personId: 'ASC', kind: 'ASC' } }),
    await em.find(SessionDecision, { ...by, order: { category: 'ASC', content: 'ASC' } }),
    await em.find(SessionAttachment, { ...by, order: { attachmentId: 'ASC' } }),
  ];
  return {
    heldAt: session.heldAt ? session.heldAt.toISOString() : '',
    attendance: attendance.map(({ personId, status, reason }) => ({ personId, status, reason })),
    segments: segments.map(({ key, ownerId, record }) => ({ key, ownerId, record })),
    speeches: speeches.map(({ personId, topic, content }) => ({ personId, topic, content })),
    lectures: lectures.map(({ kind, speakerId, speakerName, title }) => ({
      kind,
      speakerId,
      speakerName,
      title,
    })),
    reports: reports.map(({ personId, kind, content }) => ({ personId, kind, content })),
    decisions: decisions.map(({ category, content }) => ({ category, content })),
    attachments: attachments.map(({ attachmentId, kind }) => ({ attachmentId, kind })),
    summary: session.summary,
  };
}

/** Replaces the given parts of a session's record (the rows of each part, or its column). */
export async function writeParts(
  em: EntityManager,
  sessionId: string,
  parts: Partial<SessionRecordParts>,
): Promise<void> {
  const replace = async <T extends object>(
    entity: new () => T,
    list: object[] | undefined,
  ): Promise<void> => {
    if (!list) return;
    await em.delete(entity, { sessionId });
    if (list.length) await em.insert(entity, list.map((row) => ({ ...row, sessionId })) as never);
  };
  await replace(SessionAttendance, parts.attendance);
  await replace(SessionSegment, parts.segments);
  await replace(SessionSpeech, parts.speeches);
  await replace(SessionLecture, parts.lectures);
  await replace(SessionReport, parts.reports);
  await replace(SessionDecision, parts.decisions);
  await replace(SessionAttachment, parts.attachments);
  const columns: Partial<OrgSession> = {};
  if (parts.heldAt !== undefined) columns.heldAt = new Date(parts.heldAt);
  if (parts.summary !== undefined) columns.summary = parts.summary;
  if (Object.keys(columns).length) await em.update(OrgSession, { id: sessionId }, columns);
}
