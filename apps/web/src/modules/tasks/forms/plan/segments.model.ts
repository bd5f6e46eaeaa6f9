import { MIN_SEGMENTS, SEGMENT_KEYS, type PlanSegment, type SegmentKey } from '@/api/forms';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** Segments in the canonical order 学讲听报议定, whatever order they were picked in. */
export function sortSegments<T extends { key: SegmentKey }>(segments: readonly T[]): T[] {
  return [...segments].sort((a, b) => SEGMENT_KEYS.indexOf(a.key) - SEGMENT_KEYS.indexOf(b.key));
}

/** Adds or removes segments so that exactly `keys` are present, keeping what was typed. */
export function withKeys(
  segments: readonly PlanSegment[],
  keys: readonly SegmentKey[],
): PlanSegment[] {
  const kept = segments.filter((s) => keys.includes(s.key));
  const added = keys
    .filter((key) => !segments.some((s) => s.key === key))
    .map((key): PlanSegment => ({ key, ownerId: '', content: '' }));
  return sortSegments([...kept, ...added]);
}

/**
 * The client-side rule the API also enforces: at least 3 of the six segments, each with an owner
 * from the branch and its content. Errors are keyed by the API's field paths.
 */
export function segmentErrors(
  segments: readonly PlanSegment[],
  memberIds: ReadonlySet<string>,
  t: Translate,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (segments.length < MIN_SEGMENTS)
    errors.segments = t('plan.segmentsMin', { min: MIN_SEGMENTS });
  segments.forEach((segment, i) => {
    if (!segment.ownerId) errors[`segments.${i}.ownerId`] = t('plan.ownerRequired');
    else if (!memberIds.has(segment.ownerId))
      errors[`segments.${i}.ownerId`] = t('plan.ownerNotMember');
    if (!segment.content.trim()) errors[`segments.${i}.content`] = t('plan.contentRequired');
  });
  return errors;
}
