/**
 * Session photos from the phone (issue 17 point 7): the server makes an upright thumbnail and
 * reads the EXIF time and GPS position; a corrupt image is refused with nothing stored; a photo
 * far from its session's time or venue is flagged, not refused; where it was taken (and the raw
 * EXIF) reaches only those with a mandate over the branch — OD, its committee, its secretary and
 * committee members, and an inspector only while the branch is sampled.
 *
 * The JPEGs are made here with sharp, EXIF (time, offset, GPS, orientation) written by sharp too.
 * Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertSession } from './support/session-fixture.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';

/** The venue: 党员活动室 on campus (WGS-84). */
const VENUE = { latitude: 39.9042, longitude: 116.4074 };

function rational(value: number): string {
  const abs = Math.abs(value);
  const degrees = Math.floor(abs);
  const minutes = Math.floor((abs - degrees) * 60);
  const seconds = Math.round(((abs - degrees) * 60 - minutes) * 60 * 100);
  return `${degrees}/1 ${minutes}/1 ${seconds}/100`;
}

/** An 800×600 JPEG whose EXIF says when (and where) it was taken, rotated 90° by orientation 6. */
async function photo(options: {
  taken: string;
  offset?: string;
  at?: { latitude: number; longitude: number };
  colour?: string;
}): Promise<Buffer> {
  const gps = options.at
    ? {
        GPSLatitudeRef: options.at.latitude >= 0 ? 'N' : 'S',
        GPSLatitude: rational(options.at.latitude),
        GPSLongitudeRef: options.at.longitude >= 0 ? 'E' : 'W',
        GPSLongitude: rational(options.at.longitude),
      }
    : undefined;
  return sharp({
    create: { width: 800, height: 600, channels: 3, background: options.colour ?? '#c0392b' },
  })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'OrgLifeCam', Model: 'Phone 1' },
      IFD2: {
        DateTimeOriginal: options.taken,
        ...(options.offset ? { OffsetTimeOriginal: options.offset } : {}),
      },
      ...(gps ? { IFD3: gps } : {}),
    })
    .toBuffer();
}

interface AttachmentBody {
  id: string;
  takenAt: string | null;
  gpsLatitude: number | null;
  gpsLongitude: number | null;
  exif: Record<string, unknown> | null;
}

interface PhotoBody {
  attachmentId: string;
  takenAt: string | null;
  gpsLatitude: number | null;
  check: {
    hoursFromSession: number | null;
    metresFromVenue: number | null;
    farInTime: boolean;
    farInPlace: boolean;
  };
}

describe('session photos: thumbnails, EXIF, flags and who sees where', () => {
  let t: TestApp;
  let secretary: Client;
  let committee: Client;
  let member: Client;
  let leader: Client;
  let outsider: Client;
  let inspector: Client;
  let branchId: string;
  let sessionId: string;
  const ids: Record<'near' | 'late' | 'far' | 'minutes', string> = {
    near: '',
    late: '',
    far: '',
    minutes: '',
  };

  const upload = (file: Buffer, name: string, type = 'image/jpeg') =>
    secretary
      .post('/api/attachments')
      .field('orgUnitId', branchId)
      .attach('file', file, { filename: name, contentType: type });

  const binary = (client: Client, path: string) =>
    client
      .get(path)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  beforeAll(async () => {
    t = await createTestApp();
    [secretary, committee, member, leader, outsider, inspector] = await t.loginAll(
      'branch_secretary', // C1-B1
      'committee_secretary', // C1
      'member', // C1-B1-G1, inside the branch
      'leader', // on C1
      'c2_secretary', // another committee
      'inspector', // on the university
    );
    branchId = t.units['C1-B1']!;
    // 2026-03-10 14:30 in Beijing, at the venue
    sessionId = await insertSession(t.db, {
      branchId,
      committeeId: t.units['C1']!,
      month: '2026-03',
      scheduledAt: new Date('2026-03-10T06:30:00Z'),
    });
    await t.db.query(
      `UPDATE org_session SET venue_latitude = $2, venue_longitude = $3, venue_radius_m = 200 WHERE id = $1`,
      [sessionId, VENUE.latitude, VENUE.longitude],
    );
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('reads the EXIF time on the university clock and the GPS position at upload', async () => {
    const res = await upload(
      await photo({ taken: '2026:03:10 14:40:00', at: { latitude: 39.9045, longitude: 116.407 } }),
      'near.jpg',
    ).expect(201);
    const body = res.body as AttachmentBody;
    ids.near = body.id;
    expect(body.takenAt).toBe('2026-03-10T06:40:00.000Z');
    expect(body.gpsLatitude).toBeCloseTo(39.9045, 4);
    expect(body.gpsLongitude).toBeCloseTo(116.407, 4);
    expect(body.exif).toMatchObject({ Make: 'OrgLifeCam', Model: 'Phone 1' });
  });

  it('honours the offset the phone wrote (OffsetTimeOriginal)', async () => {
    const res = await upload(
      await photo({ taken: '2026:03:08 09:00:00', offset: '+08:00', colour: '#2980b9' }),
      'late.jpg',
    ).expect(201);
    const body = res.body as AttachmentBody;
    ids.late = body.id;
    expect(body.takenAt).toBe('2026-03-08T01:00:00.000Z');
    expect(body.gpsLatitude).toBeNull();
  });

  it('serves an upright JPEG thumbnail of at most 320 px', async () => {
    const res = await binary(secretary, `/api/attachments/${ids.near}/thumbnail`).expect(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(res.body as Buffer).metadata();
    // 800×600 landscape with orientation 6 stands upright: portrait, 240×320
    expect({ width: meta.width, height: meta.height, format: meta.format }).toEqual({
      width: 240,
      height: 320,
      format: 'jpeg',
    });
    expect(meta.orientation ?? 1).toBe(1);
  });

  it('refuses a corrupt image with a bilingual error on the file field and stores nothing', async () => {
    const [before] = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM attachment`);
    const broken = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
      Buffer.from('not really a photo'.repeat(20)),
    ]);
    const zh = await upload(broken, 'broken.jpg').expect(400);
    expect((zh.body as { errors: unknown }).errors).toEqual([
      { field: 'file', message: '图片无法读取，可能已损坏，未保存' },
    ]);
    const en = await upload(broken, 'broken.jpg').set('Accept-Language', 'en').expect(400);
    expect((en.body as { errors: unknown }).errors).toEqual([
      {
        field: 'file',
        message: 'the image cannot be read — it may be corrupt; nothing was stored',
      },
    ]);
    const [after] = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM attachment`);
    expect(after!.n).toBe(before!.n);
  });

  it('keeps the size and type limits of every upload', async () => {
    await upload(Buffer.from('GIF89a'), 'fake.png', 'image/png').expect(400);
    await upload(Buffer.from('#!/bin/sh'), 'run.sh', 'application/x-sh').expect(400);
  });

  it('gives no thumbnail for a document', async () => {
    const res = await upload(Buffer.from('%PDF-1.4 minutes'), 'minutes.pdf', 'application/pdf');
    expect(res.status).toBe(201);
    ids.minutes = (res.body as AttachmentBody).id;
    expect((res.body as AttachmentBody).takenAt).toBeNull();
    await secretary.get(`/api/attachments/${ids.minutes}/thumbnail`).expect(404);
  });

  it('flags photos far from the session in time or place, and refuses none', async () => {
    const far = await upload(
      await photo({ taken: '2026:03:10 15:00:00', at: { latitude: 31.2304, longitude: 121.4737 } }),
      'far.jpg',
    ).expect(201);
    ids.far = (far.body as AttachmentBody).id;
    for (const id of [ids.near, ids.late, ids.far, ids.minutes]) {
      await t.db.query(
        `INSERT INTO session_attachment (session_id, attachment_id, kind) VALUES ($1, $2, $3)`,
        [sessionId, id, id === ids.minutes ? 'minutes' : 'photo'],
      );
    }
    const view = (await secretary.get(`/api/sessions/${sessionId}`).expect(200)).body as {
      photos: PhotoBody[];
    };
    const byId = Object.fromEntries(view.photos.map((p) => [p.attachmentId, p]));
    expect(Object.keys(byId).sort()).toEqual([ids.near, ids.late, ids.far].sort());
    expect(byId[ids.near]!.check).toMatchObject({
      hoursFromSession: 0.2,
      farInTime: false,
      farInPlace: false,
    });
    expect(byId[ids.near]!.check.metresFromVenue).toBeLessThan(100);
    expect(byId[ids.late]!.check).toEqual({
      hoursFromSession: 53.5,
      metresFromVenue: null,
      farInTime: true,
      farInPlace: false,
    });
    expect(byId[ids.far]!.check.farInTime).toBe(false);
    expect(byId[ids.far]!.check.farInPlace).toBe(true);
    expect(byId[ids.far]!.check.metresFromVenue).toBeGreaterThan(1_000_000);
  });

  it('shows the committee where each photo was taken', async () => {
    const meta = (await committee.get(`/api/attachments/${ids.far}`).expect(200))
      .body as AttachmentBody;
    expect(meta.gpsLatitude).toBeCloseTo(31.2304, 4);
    expect(meta.exif).not.toBeNull();
    const view = (await committee.get(`/api/sessions/${sessionId}`).expect(200)).body as {
      photos: PhotoBody[];
    };
    expect(view.photos.find((p) => p.attachmentId === ids.far)!.gpsLatitude).toBeCloseTo(
      31.2304,
      4,
    );
  });

  it('strips the position and the raw EXIF for readers without a mandate (member, leader)', async () => {
    for (const reader of [member, leader]) {
      const meta = (await reader.get(`/api/attachments/${ids.far}`).expect(200))
        .body as AttachmentBody;
      expect(meta.takenAt).toBe('2026-03-10T07:00:00.000Z');
      expect({ lat: meta.gpsLatitude, lng: meta.gpsLongitude, exif: meta.exif }).toEqual({
        lat: null,
        lng: null,
        exif: null,
      });
    }
    const view = (await member.get(`/api/sessions/${sessionId}`).expect(200)).body as {
      photos: PhotoBody[];
    };
    const far = view.photos.find((p) => p.attachmentId === ids.far)!;
    expect(far.gpsLatitude).toBeNull();
    expect(far.check).toMatchObject({ metresFromVenue: null, farInPlace: true });
    expect(JSON.stringify(view)).not.toContain('31.23');
  });

  it('refuses an outsider and an inspector of a branch not sampled', async () => {
    for (const reader of [outsider, inspector]) {
      for (const path of [
        `/api/attachments/${ids.far}`,
        `/api/attachments/${ids.far}/thumbnail`,
        `/api/attachments/${ids.far}/content`,
      ]) {
        const res = await reader.get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 403 });
        expect(JSON.stringify(res.body)).not.toContain('31.23');
      }
    }
    await inspector
      .get(`/api/supervision/branches/${branchId}/records`)
      .query({ month: '2026-03' })
      .expect(403);
  });

  it('shows the inspector of a sampled branch the photos, their place and flags', async () => {
    const [batch] = await t.db.query<{ id: string }[]>(
      `INSERT INTO spot_check_batch (month, seed, sample_rate, min_per_committee, algorithm,
                                     population, sampled_branch_ids, drawn_at, created_at)
       VALUES ('2026-03', 1, 0.5, 1, 'test', '[]', $1, now(), now()) RETURNING id`,
      [JSON.stringify([branchId])],
    );
    await t.db.query(
      `INSERT INTO spot_check_item (batch_id, branch_id, committee_id, status) VALUES ($1, $2, $3, 'pending')`,
      [batch!.id, branchId, t.units['C1']],
    );
    const meta = (await inspector.get(`/api/attachments/${ids.far}`).expect(200))
      .body as AttachmentBody;
    expect(meta.gpsLatitude).toBeCloseTo(31.2304, 4);
    await binary(inspector, `/api/attachments/${ids.far}/thumbnail`).expect(200);
    const records = (
      await inspector
        .get(`/api/supervision/branches/${branchId}/records`)
        .query({ month: '2026-03' })
        .expect(200)
    ).body as { id: string; photos: PhotoBody[] }[];
    const photos = records.find((r) => r.id === sessionId)!.photos;
    expect(photos.map((p) => [p.attachmentId, p.check.farInTime, p.check.farInPlace])).toEqual(
      expect.arrayContaining([
        [ids.near, false, false],
        [ids.late, true, false],
        [ids.far, false, true],
      ]),
    );
    expect(photos.find((p) => p.attachmentId === ids.far)!.gpsLatitude).toBeCloseTo(31.2304, 4);
  });
});
