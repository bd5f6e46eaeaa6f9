/**
 * QR sign-in (签到, issue 17) at phone size: the branch secretary's phone shows the QR code, a
 * second phone (a member not yet signed in to the app) opens the URL decoded from the QR image
 * with jsQR, logs in and is signed in; the screen's count and names follow; an expired code, a
 * member of another branch and the place check are refused or flagged with clear messages; 代签.
 */
import { createRequire } from 'node:module';
import jsQR from 'jsqr';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { advanceServerClock, apiCall, apiGet, serverNow } from './support/api';
import {
  BASE_URL,
  launchBrowser,
  openAs,
  PHONE,
  screenshot,
  type UserPage,
} from './support/browser';
import { expectAccessible } from './support/a11y';
import { claimTaskOf, taskOfInstance, type Task } from './support/flows';
import { openTaskById } from './support/inbox';

/** sharp, a dependency of the API, makes the phone's photo with its EXIF (the calls used here). */
interface SharpChain {
  jpeg(): SharpChain;
  withMetadata(options: { orientation: number }): SharpChain;
  withExifMerge(exif: Record<string, Record<string, string>>): SharpChain;
  toBuffer(): Promise<Buffer>;
}
const sharp = createRequire(new URL('../../apps/api/package.json', import.meta.url))(
  'sharp',
) as (input: {
  create: { width: number; height: number; channels: 3; background: string };
}) => SharpChain;

const SECRETARY = 'c2b1_secretary';
const COMMITTEE = 'c2_secretary';
/** Plain members of C2-B1 (the seed's m027…m032); m001 is of C1-B1. */
const MEMBERS = ['m027', 'm028', 'm029', 'm030'];
const VENUE = { latitude: 39.9042, longitude: 116.4074, radiusM: 200 };

interface Plan {
  id: string;
  instanceId: string;
}
interface Session {
  id: string;
  planId: string;
  instanceId: string | null;
  scheduledAt: string;
}
interface FormContext {
  members: { id: string; name: string }[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The 12th of the month after the server's, 15:00 Beijing: in the plan's month, in the future. */
function sessionDay(now: Date): { month: string; plannedAt: Date } {
  const beijing = new Date(now.getTime() + 8 * 3_600_000);
  const plannedAt = new Date(
    Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth() + 1, 12, 15 - 8, 0, 0),
  );
  return { month: `${plannedAt.getUTCFullYear()}-${pad(plannedAt.getUTCMonth() + 1)}`, plannedAt };
}

/** Reads the QR image on the page and decodes it (pixels from a canvas, decoded by jsQR). */
async function decodeQr(page: Page): Promise<string> {
  const image = page.getByTestId('sign-in-qr');
  await image.waitFor();
  const { width, height, pixels } = await image.evaluate(async (element) => {
    const img = element as HTMLImageElement;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(img, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    return { width: canvas.width, height: canvas.height, pixels: Array.from(data) };
  });
  const decoded = jsQR(Uint8ClampedArray.from(pixels), width, height);
  if (!decoded) throw new Error('the QR code on the 签到 screen could not be decoded');
  return decoded.data;
}

/** Waits (outside a test, where expect.poll is not allowed) until `check` holds, 30 s at most. */
async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the set-up did not complete within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The browser logs a refused request as a console error: drop those of the expected status. */
function forgiveRefusal(user: { errors: string[] }, status: number) {
  const refused = `the server responded with a status of ${status}`;
  const others = user.errors.filter((e) => !e.includes(refused));
  user.errors.splice(0, user.errors.length, ...others);
}

describe('签到: the QR code on one phone, the sign-in on another', () => {
  let browser: Browser;
  const users: UserPage[] = [];
  let session: Session;
  let secretary: UserPage;
  let scannedUrl: string;

  async function as(username: string, options: Parameters<Browser['newContext']>[0] = {}) {
    const user = await openAs(browser, username, PHONE, options);
    users.push(user);
    return user;
  }

  /** A phone with no one signed in to the app, as after scanning with the camera app. */
  async function signedOutPhone(): Promise<{
    page: Page;
    context: BrowserContext;
    errors: string[];
  }> {
    const context = await browser.newContext({
      baseURL: BASE_URL,
      locale: 'zh-CN',
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    users.push({ page, context, errors });
    return { page, context, errors };
  }

  /** The screen's code, fetched afresh (the server clock may have moved since it was drawn). */
  async function freshCode(): Promise<string> {
    await secretary.page.reload();
    return decodeQr(secretary.page);
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    // given an approved plan of C2-B1 for next month, and its scheduled session (through the API)
    const boss = await as(SECRETARY);
    const me = await apiGet<{ roles: { role: string; orgUnitId: string }[] }>(boss.page, '/me');
    const branchId = me.roles.find((r) => r.role === 'branch_secretary')!.orgUnitId;
    const day = sessionDay(await serverNow());
    const plan = await apiCall<Plan>(boss.page, 'POST', '/plans', { branchId, month: day.month });
    const draft = await claimTaskOf(boss.page, 'monthly-plan', plan.instanceId);
    const { context } = await apiGet<{ context: FormContext }>(
      boss.page,
      `/task-forms/${draft.id}`,
    );
    const owners = context.members;
    await apiCall(boss.page, 'POST', `/task-forms/${draft.id}`, {
      topic: '学习贯彻党的创新理论',
      plannedAt: day.plannedAt.toISOString(),
      place: '马克思主义学院会议室',
      meetingTypes: ['member_assembly'],
      segments: ['study', 'lecture', 'report', 'review'].map((key, i) => ({
        key,
        ownerId: owners[i % owners.length]!.id,
        content: `${key} 环节安排`,
      })),
      activity: null,
    });
    const committee = await as(COMMITTEE);
    await until(async () => {
      const { items } = await apiGet<{ items: { id: string; instanceId: string }[] }>(
        committee.page,
        '/tasks?tab=claimable&pageSize=100',
      );
      return items.some((t) => t.instanceId === plan.instanceId);
    });
    const approval = await claimTaskOf(committee.page, 'monthly-plan', plan.instanceId);
    await apiCall(committee.page, 'POST', `/task-forms/${approval.id}`, { decision: 'approve' });
    await until(async () =>
      (await apiGet<Session[]>(boss.page, '/sessions')).some((s) => s.planId === plan.id),
    );
    session = (await apiGet<Session[]>(boss.page, '/sessions')).find((s) => s.planId === plan.id)!;
    // and the server clock ten minutes before the start
    await advanceServerClock(day.plannedAt.getTime() - 10 * 60_000 - (await serverNow()).getTime());
    for (const user of users.splice(0)) await user.context.close();
    secretary = await as(SECRETARY);
  });

  afterEach(() => {
    for (const user of users)
      expect(user.errors, 'browser console errors and page errors').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('the secretary opens 签到 from the sessions list: a QR code, 到会 0 / y', async () => {
    const { page } = secretary;
    await page.goto('/sessions');
    await page.getByTestId('session-sign-in').first().click();
    await page.waitForURL(`**/sessions/${session.id}/sign-in`);
    await expect
      .poll(() => page.getByTestId('sign-in-count').textContent())
      .toMatch(/^到会 0 \/ \d+ 人$/);
    // the image and its data attribute show the same URL (read again if the code rotated between)
    const qr = page.getByTestId('sign-in-qr');
    let shown: string | null = null;
    for (let tries = 0; tries < 3 && shown !== scannedUrl; tries++) {
      shown = await qr.getAttribute('data-check-in-url');
      scannedUrl = await decodeQr(page);
      if ((await qr.getAttribute('data-check-in-url')) !== shown) shown = null;
    }
    expect(scannedUrl).toBe(shown);
    expect(scannedUrl).toMatch(new RegExp(`^${BASE_URL}/sessions/${session.id}/check-in\\?code=`));
    await screenshot(page, 'sign-in-1-screen');
  });

  it('a member whose phone is not signed in scans it, logs in, and is signed in; the screen follows', async () => {
    const phone = await signedOutPhone();
    await phone.page.goto(scannedUrl);
    // the app asks to log in first, and comes back to the sign-in afterwards
    await phone.page.waitForURL('**/login?**');
    await phone.page.locator('#login-username').fill(MEMBERS[0]!);
    await phone.page.locator('#login-password').fill('demo1234');
    await phone.page.getByTestId('login-submit').click();
    await phone.page.getByTestId('check-in-result').waitFor();
    expect(await phone.page.getByTestId('check-in-result').textContent()).toContain('签到成功');
    await screenshot(phone.page, 'sign-in-2-member-phone');

    const { page } = secretary;
    await expect
      .poll(() => page.getByTestId('sign-in-count').textContent(), { timeout: 10_000 })
      .toMatch(/^到会 1 \//);
    expect(await page.getByTestId('sign-in-name').count()).toBe(1);
  });

  it('the code changes every 20 seconds; a code forwarded later is refused with a clear message', async () => {
    const { page } = secretary;
    const before = await page.getByTestId('sign-in-qr').getAttribute('data-check-in-url');
    await expect
      .poll(() => page.getByTestId('sign-in-qr').getAttribute('data-check-in-url'), {
        timeout: 30_000,
      })
      .not.toBe(before);
    // the first URL, two minutes later on the server clock
    await advanceServerClock(2 * 60_000);
    const late = await as(MEMBERS[1]!);
    await late.page.goto(scannedUrl);
    await late.page.getByTestId('check-in-error').waitFor();
    expect(await late.page.getByTestId('check-in-error').textContent()).toContain(
      '签到码已过期，请扫描现场屏幕上的最新二维码',
    );
    forgiveRefusal(late, 410);
  });

  it('a member of another branch is refused', async () => {
    const url = await freshCode();
    const outsider = await as('m001');
    await outsider.page.goto(url);
    await outsider.page.getByTestId('check-in-error').waitFor();
    expect(await outsider.page.getByTestId('check-in-error').textContent()).toContain(
      '您不是本支部党员，不能在此签到',
    );
    forgiveRefusal(outsider, 403);
  });

  it('with the venue set, a phone near it signs in; one that declines the location is flagged and confirmed', async () => {
    await apiCall(secretary.page, 'PUT', `/sessions/${session.id}/sign-in-settings`, {
      opensBeforeMin: 30,
      durationMin: 180,
      lateAfterMin: 0,
      venue: VENUE,
    });
    const near = await as(MEMBERS[1]!, {
      geolocation: { latitude: VENUE.latitude + 0.0003, longitude: VENUE.longitude },
      permissions: ['geolocation'],
    });
    await near.page.goto(await freshCode());
    await near.page.getByTestId('check-in-result').waitFor();

    // a phone that gives no location (permission refused) may sign in without it
    const declining = await as(MEMBERS[2]!);
    await declining.page.goto(await freshCode());
    await declining.page.getByTestId('check-in-decline').click();
    forgiveRefusal(declining, 400);
    await declining.page.getByTestId('check-in-result').waitFor();
    expect(await declining.page.getByTestId('check-in-result').textContent()).toContain(
      '未提供位置，待书记确认到场',
    );

    const { page } = secretary;
    await page.reload();
    await expect
      .poll(() => page.getByTestId('sign-in-count').textContent(), { timeout: 10_000 })
      .toMatch(/^到会 3 \//);
    expect(await page.getByTestId('sign-in-names').textContent()).toMatch(/位置已核对 33米/);
    await page.locator('[data-testid^="confirm-place-"]').click();
    await page.getByText('书记已确认到场').waitFor();
  });

  it('the secretary signs a member in by hand (代签) with a reason and exports the 签到表', async () => {
    const { page } = secretary;
    await page.getByTestId('proxy-member').click();
    await page.locator('.el-select-dropdown__item:visible').first().click();
    await page.getByTestId('proxy-reason').fill('手机没电，书记代签');
    await page.getByTestId('proxy-submit').click();
    await page.getByText(/代签（.+：手机没电，书记代签）/).waitFor();
    await expect.poll(() => page.getByTestId('sign-in-count').textContent()).toMatch(/^到会 4 \//);
    await screenshot(page, 'sign-in-3-proxy');
    const download = page.waitForEvent('download');
    await page.getByTestId('sign-in-export').click();
    expect((await download).suggestedFilename()).toMatch(/^签到表-.*\.xlsx$/);
  });

  it('after the session, the secretary records it on the phone: a camera photo with EXIF shows its thumbnail and time', async () => {
    // the 签到 screen closes first (its token would expire with the hour gone by)
    await secretary.context.close();
    users.splice(users.indexOf(secretary), 1);
    const start = new Date(session.scheduledAt);
    await advanceServerClock(start.getTime() + 60 * 60_000 - (await serverNow()).getTime());
    // the secretary signs in afresh on the phone
    const { page } = await as(SECRETARY);
    const { instanceId } = await apiGet<Session>(page, `/sessions/${session.id}`);
    let task: (Task & { formKey?: string }) | undefined;
    await expect
      .poll(
        async () => {
          task = await taskOfInstance(page, 'claimable', 'session', instanceId!);
          return task?.formKey;
        },
        { timeout: 30_000 },
      )
      .toBe('orglife:session-record');
    await openTaskById(page, task!.id);
    // taken 20 minutes into the session (Beijing wall clock, as a phone writes it), at the venue
    const beijing = new Date(start.getTime() + 8 * 3_600_000 + 20 * 60_000);
    const exifTime = beijing.toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, ':');
    const photo = await sharp({
      create: { width: 1200, height: 900, channels: 3, background: '#b03a2e' },
    })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({
        IFD2: { DateTimeOriginal: exifTime },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '39/1 54/1 1512/100',
          GPSLongitudeRef: 'E',
          GPSLongitude: '116/1 24/1 2664/100',
        },
      })
      .toBuffer();
    await page
      .getByTestId('attachment-camera')
      .setInputFiles({ name: 'meeting.jpg', mimeType: 'image/jpeg', buffer: photo });
    const thumb = page.getByTestId('photo-thumb-image');
    await thumb.waitFor();
    // the server's thumbnail: upright (portrait from a landscape shot turned by its EXIF), small
    const size = await thumb.evaluate(async (element) => {
      const img = element as HTMLImageElement;
      await img.decode();
      return { width: img.naturalWidth, height: img.naturalHeight };
    });
    expect(size).toEqual({ width: 240, height: 320 });
    const shownTime = exifTime.slice(0, 16).replace(/^(\d{4}):(\d{2}):/, '$1-$2-');
    expect(await page.getByTestId('attachment-taken-at').textContent()).toContain(
      `拍摄时间：${shownTime}`,
    );
    await expectAccessible(page, true);
    await screenshot(page, 'sign-in-4-record-photo');
    // a click opens the full image
    await page.getByTestId('photo-thumb').click();
    await page.locator('.el-image-viewer__wrapper img').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.el-image-viewer__wrapper').waitFor({ state: 'detached' });
  });
});
