import type { SessionRecordDto } from './session.dto.js';
import type { SessionRecordParts } from './session-record.parts.js';

type Input = Partial<Omit<SessionRecordDto, 'heldAt'>> & { heldAt?: string };

/** The record parts a form or a correction submits (absent parts stay absent). */
export function recordOf(dto: SessionRecordDto): Omit<SessionRecordParts, 'summary'>;
export function recordOf(dto: Input): Partial<SessionRecordParts>;
export function recordOf(dto: Input): Partial<SessionRecordParts> {
  const parts: Partial<SessionRecordParts> = {};
  if (dto.heldAt !== undefined) parts.heldAt = new Date(dto.heldAt).toISOString();
  if (dto.attendance)
    parts.attendance = dto.attendance.map((a) => ({
      personId: a.personId,
      status: a.status,
      reason: a.reason ?? null,
    }));
  if (dto.segments)
    parts.segments = dto.segments.map((s) => ({ key: s.key, ownerId: s.ownerId, record: s.record }));
  if (dto.speeches)
    parts.speeches = dto.speeches.map((s) => ({
      personId: s.personId,
      topic: s.topic,
      content: s.content ?? null,
    }));
  if (dto.lectures)
    parts.lectures = dto.lectures.map((l) => ({
      kind: l.kind,
      speakerId: l.speakerId ?? null,
      speakerName: l.speakerName ?? null,
      title: l.title,
    }));
  if (dto.reports)
    parts.reports = dto.reports.map((r) => ({
      personId: r.personId,
      kind: r.kind,
      content: r.content,
    }));
  if (dto.decisions)
    parts.decisions = dto.decisions.map((d) => ({ category: d.category, content: d.content }));
  if (dto.attachments)
    parts.attachments = dto.attachments.map((a) => ({ attachmentId: a.attachmentId, kind: a.kind }));
  return parts;
}
