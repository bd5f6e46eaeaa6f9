import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, serverNow } from './support/api';
import {
  DESKTOP,
  launchBrowser,
  openAs,
  PHONE,
  screenshot,
  type Screen,
  type UserPage,
} from './support/browser';
import { a11yFindings } from './support/a11y';
import { checkTabsAfterTest } from './support/failure';
import { unitOfRole } from './support/flows';
import {
  horizontalOverflow,
  smallTapTargets,
  squeezedHeadings,
  technicalTexts,
} from './support/usability';

const SCREENS: [string, Screen][] = [
  ['phone', PHONE],
  ['desktop', DESKTOP],
];
/** Members and branch secretaries mostly use phones; the other roles work at a desk. */
const PHONE_USERS = ['member', 'branch_secretary'];
const DESK_USERS = [...PHONE_USERS, 'committee_secretary', 'inspector', 'leader', 'od_admin'];

/** Every menu path the signed-in user has (sub-menu items included, open or not). */
async function menuPaths({ page }: UserPage, screen: Screen): Promise<string[]> {
  if (screen === PHONE) await page.getByTestId('menu-toggle').click();
  await page.getByTestId('menu-/inbox').waitFor();
  const paths = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid^="menu-/"]')].map(
      (item) => item.getAttribute('data-testid')?.slice('menu-'.length) ?? '',
    ),
  );
  if (screen === PHONE) {
    await page.keyboard.press('Escape');
    await page.getByTestId('side-menu').waitFor({ state: 'hidden' });
  }
  return paths;
}

/** What a person on `screen` meets on the page now: sideways scroll, tiny controls, a11y. */
async function problems(user: UserPage, screen: Screen, shot: string) {
  const { page } = user;
  await page.waitForLoadState('networkidle');
  await page.locator('.state[role="status"]').first().waitFor({ state: 'detached' });
  await screenshot(page, shot);
  return {
    url: new URL(page.url()).pathname,
    overflow: await horizontalOverflow(page),
    smallTargets: screen === PHONE ? await smallTapTargets(page) : [],
    squeezedHeadings: await squeezedHeadings(page),
    a11y: await a11yFindings(page),
    technicalTexts: await technicalTexts(page),
  };
}

const fine = (url: string) => ({
  url,
  overflow: 0,
  smallTargets: [],
  squeezedHeadings: [],
  a11y: [],
  technicalTexts: [],
});

describe.each(SCREENS)('every page of the roles who use a %s', (name, screen) => {
  let browser: Browser;
  const users: UserPage[] = [];

  async function as(username: string): Promise<UserPage> {
    const user = await openAs(browser, username, screen);
    users.push(user);
    return user;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach((context) => checkTabsAfterTest(context, users));
  afterAll(async () => {
    await browser?.close();
  });

  it('the menu sits in a drawer on a phone and beside the page on a desktop', async () => {
    const user = await as('branch_secretary');
    const { page } = user;
    if (screen === PHONE) {
      await expect(page.getByTestId('side-menu').isVisible()).resolves.toBe(false);
      await page.getByTestId('menu-toggle').click();
      await page.getByTestId('side-menu').waitFor();
      await screenshot(page, `${name}-menu-drawer`);
      await page.getByTestId('menu-/study').click();
      await page.waitForURL('**/study');
      await page.getByTestId('side-menu').waitFor({ state: 'hidden' });
    } else {
      await expect(page.getByTestId('menu-toggle').count()).resolves.toBe(0);
      await page.getByTestId('menu-/study').click();
      await page.waitForURL('**/study');
    }
    // the language selector shows its whole label
    const locale = page.getByTestId('locale-switch');
    expect(
      await locale.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text.trim()),
    ).toBe('简体中文');
    expect(await locale.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  });

  /** Texts and labels showing a message's placeholder unfilled (`{n}`): a message not compiled. */
  const unfilledMessages = (page: UserPage['page']) =>
    page.evaluate(() =>
      [
        document.body.innerText,
        ...[...document.querySelectorAll('[aria-label]')].map((el) =>
          el.getAttribute('aria-label'),
        ),
      ].filter((text) => /\{\w+\}/.test(text ?? '')),
    );

  it('switching to English changes the whole page, stays after a reload, and back', async () => {
    const user = await as('branch_secretary');
    const { page } = user;
    const heading = page.locator('main h1');
    const pagerTotal = page.locator('[data-testid="inbox-pagination"] .el-pagination__total');
    await page.goto('/inbox');
    await pagerTotal.waitFor();
    expect(await heading.textContent()).toBe('待办事项');
    expect(await pagerTotal.textContent()).toMatch(/^共 \d+ 条$/);

    // the English messages load on first use; the app's and Element Plus's texts change together
    await page.getByTestId('locale-switch').selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await heading.textContent()).toBe('Inbox');
    expect(await pagerTotal.textContent()).toMatch(/^Total \d+$/);
    expect(await page.title()).toBe('Inbox - Party Organizational Life');

    // a reload starts in English, and so does every page after it
    await page.reload();
    await pagerTotal.waitFor();
    expect(await heading.textContent()).toBe('Inbox');
    expect(await pagerTotal.textContent()).toMatch(/^Total \d+$/);
    expect(await page.title()).toBe('Inbox - Party Organizational Life');
    await page.goto('/study');
    await expect(heading.textContent()).resolves.toBe('Study content');
    await page.waitForLoadState('networkidle');
    await screenshot(page, `${name}-study-en`);
    expect(await unfilledMessages(page)).toEqual([]);
    // English words are not technical texts here; the page still fits and is accessible
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await a11yFindings(page)).toEqual([]);

    await page.getByTestId('locale-switch').selectOption('zh-CN');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    expect(await heading.textContent()).toBe('学习内容');
    expect(await page.title()).toBe('学习内容 - 党员集中组织生活');
    expect(await unfilledMessages(page)).toEqual([]);
  });

  for (const username of screen === PHONE ? PHONE_USERS : DESK_USERS) {
    it(`${username}: every page fits the screen, with 44 px controls and no serious a11y issue`, async () => {
      const user = await as(username);
      const paths = await menuPaths(user, screen);
      expect(paths).toContain('/inbox');
      for (const path of paths) {
        await user.page.goto(path);
        const shot = `${name}-${username}${path.replace(/\//g, '-')}`;
        expect(await problems(user, screen, shot)).toEqual(fine(path));
      }
    });
  }

  it('a branch secretary signs for a task from an inbox card and fills it in full width', async () => {
    // given a plan to draft for the C1-B2 branch next month (set-up through the API)
    const user = await as('c1b2_secretary');
    const { page } = user;
    const branchId = await unitOfRole(page, 'branch_secretary');
    const now = await serverNow();
    const next = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + (screen === PHONE ? 1 : 2), 1),
    );
    const month = next.toISOString().slice(0, 7);
    await apiCall(page, 'POST', '/plans', { branchId, month });

    await page.goto('/inbox');
    await page.getByTestId('inbox-tab-claimable').click();
    const list =
      screen === PHONE ? '[data-testid="inbox-card"]' : '[data-testid="inbox-table"] tbody tr';
    const item = page.locator(list, { hasText: /起草月度计划/ }).first();
    await item.waitFor();
    expect(await problems(user, screen, `${name}-inbox-cards`)).toEqual(fine('/inbox'));
    await item.getByTestId('task-claim').click();
    await item.waitFor({ state: 'detached' });
    await page.getByTestId('inbox-tab-mine').click();
    await page
      .locator(list, { hasText: /起草月度计划/ })
      .first()
      .getByTestId('task-open')
      .click();
    await page.waitForURL('**/tasks/**');
    await page.locator('#plan-topic').waitFor();
    const url = new URL(page.url()).pathname;
    expect(await problems(user, screen, `${name}-plan-draft-form`)).toEqual(fine(url));
    if (screen === PHONE) {
      // the form's fields take the whole width of the screen
      const width = (await page.locator('#plan-topic').boundingBox())?.width ?? 0;
      expect(width).toBeGreaterThan(PHONE.width - 100);
    }
  });
});
