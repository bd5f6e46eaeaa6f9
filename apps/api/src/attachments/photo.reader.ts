import exifr from 'exifr';
import sharp from 'sharp';
import { instantOf } from '../common/time-zone.js';
import { fieldError } from '../task-forms/field-error.js';
import type { ExifValue } from './attachment.entity.js';

/** The longer side of a thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 320;

export interface PhotoFacts {
  thumbnail: Buffer;
  takenAt: Date | null;
  gpsLatitude: number | null;
  gpsLongitude: number | null;
  exif: Record<string, ExifValue> | null;
}

const EXIF_SEGMENTS = {
  tiff: true,
  exif: true,
  gps: true,
  ifd1: false,
  interop: false,
  xmp: false,
  icc: false,
  iptc: false,
  jfif: false,
  ihdr: false,
  makerNote: false,
  userComment: false,
  reviveValues: false,
} as const;

/**
 * Reads an uploaded image: makes its thumbnail (turned upright by its EXIF orientation) and reads
 * when and where it was taken. An image that cannot be decoded is refused as the `file` field.
 */
export async function readPhoto(content: Buffer): Promise<PhotoFacts> {
  let thumbnail: Buffer;
  try {
    thumbnail = await sharp(content, { failOn: 'error' })
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80 })
      .toBuffer();
  } catch {
    throw fieldError(
      'file',
      '图片无法读取，可能已损坏，未保存 (the image cannot be read — it may be corrupt; nothing was stored)',
    );
  }
  const tags = await readTags(content);
  const latitude = finite(tags?.latitude);
  const longitude = finite(tags?.longitude);
  const located = latitude !== null && longitude !== null;
  return {
    thumbnail,
    takenAt: takenAtOf(tags),
    gpsLatitude: located ? latitude : null,
    gpsLongitude: located ? longitude : null,
    exif: tags ? plainTags(tags) : null,
  };
}

/** EXIF tags, or null when the image has none or they cannot be parsed (the photo still counts). */
async function readTags(content: Buffer): Promise<Record<string, unknown> | null> {
  try {
    const tags = (await exifr.parse(content, EXIF_SEGMENTS)) as Record<string, unknown> | undefined;
    return tags ?? null;
  } catch {
    return null;
  }
}

const EXIF_TIME = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/**
 * DateTimeOriginal (else CreateDate) names a wall-clock time without a zone: it is read with
 * OffsetTimeOriginal when the phone wrote one, else on the university's clock.
 */
export function takenAtOf(tags: Record<string, unknown> | null): Date | null {
  const raw = tags?.DateTimeOriginal ?? tags?.CreateDate;
  const time = typeof raw === 'string' ? EXIF_TIME.exec(raw.trim()) : null;
  if (!time) return null;
  const [, y, mo, d, h, mi, s] = time;
  const local = `${y}-${mo}-${d} ${h}:${mi}:${s}`;
  const offsetRaw = tags?.OffsetTimeOriginal ?? tags?.OffsetTime;
  const offset = typeof offsetRaw === 'string' ? OFFSET.exec(offsetRaw.trim()) : null;
  const at = offset
    ? new Date(`${local.replace(' ', 'T')}${offset[1]}${offset[2]}:${offset[3]}`)
    : instantOf(local);
  return Number.isNaN(at.getTime()) ? null : at;
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The tags that are text or numbers (binary blobs left out), for storing as JSON. */
function plainTags(tags: Record<string, unknown>): Record<string, ExifValue> {
  const plain: Record<string, ExifValue> = {};
  for (const [key, value] of Object.entries(tags)) {
    if (typeof value === 'string') plain[key] = value.replace(/\0/g, '').slice(0, 200);
    else if (typeof value === 'number' && Number.isFinite(value)) plain[key] = value;
    else if (
      Array.isArray(value) &&
      value.every((v) => typeof v === 'number' && Number.isFinite(v))
    )
      plain[key] = value.slice(0, 16) as number[];
  }
  return plain;
}
