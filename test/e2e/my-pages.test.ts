import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiGet, serverNow } from './support/api';
import {
  DESKTOP,
  launchBrowser,
  openAs,
  PHONE,
  screenshot,
  type Screen,
  type UserPage,
} from './support/browser';
import { checkTabsAfterTest } from './support/failure';
import { a11yFindings } from './support/a11y';
import { horizontalOverflow, smallTapTargets, technicalTexts } from './support/usability';

interface StudyContent {
  month: string;
  title: string;
  publishedAt: string | null;
}

/** Sideways scroll, small controls on a phone, serious a11y findings, ids and enum values. */
async function problems({ page }: UserPage, screen: Screen, shot: string) {
  await page.waitForLoadState('networkidle');
  await screenshot(page, shot);
  return {
    overflow: await horizontalOverflow(page),
    smallTargets: screen === PHONE ? await smallTapTargets(page) : [],
    a11y: await a11yFindings(page),
    technicalTexts: await technicalTexts(page),
  };
}
const FINE = { overflow: 0, smallTargets: [], a11y: [], technicalTexts: [] };

describe('members, leaders, the ledger and inspectors each find their own page', () => {
  let browser: Browser;
  const users: UserPage[] = [];

  async function as(username: string, screen: Screen): Promise<UserPage> {
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

  it('a member reads the month’s 学习内容 and 我的组织生活 on a phone', async () => {
    // given published study content (OD publishes one, for a month no other test uses, when the
    // run has none: the browser tests start without the demo month)
    const od = await as('od_admin', DESKTOP);
    // the card shows this month's content (on the university's clock), else the latest published
    const thisMonth = new Date().toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7);
    const contents = await apiGet<StudyContent[]>(od.page, '/study-contents');
    let published =
      contents.find((c) => c.month === thisMonth && c.publishedAt) ??
      contents.find((c) => c.publishedAt);
    if (!published) {
      const month = `${(await serverNow()).getUTCFullYear() + 3}-01`;
      const draft = await apiCall<{ id: string }>(od.page, 'POST', '/study-contents', {
        month,
        title: '学习贯彻党的创新理论（浏览器测试）',
        topics: ['理论学习'],
        materials: [{ title: '学习材料一' }],
        attachmentIds: [],
      });
      published = await apiCall<StudyContent>(
        od.page,
        'POST',
        `/study-contents/${draft.id}/publish`,
        {},
      );
    }

    const user = await as('member', PHONE);
    const { page } = user;

    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('menu-/study').click();
    await page.waitForURL('**/study');
    await page.getByTestId('side-menu').waitFor({ state: 'hidden' });
    const card = page.getByTestId('month-study');
    await card.waitFor();
    expect(await card.innerText()).toContain(published.title);
    // the self-study action: its task while one is open, else when it will come
    await page
      .locator('[data-testid="self-study-open"], [data-testid="self-study-none"]')
      .first()
      .waitFor();
    expect(await problems(user, PHONE, 'phone-member-study-content')).toEqual(FINE);

    await page.goto('/my/life');
    const quotas = page.getByTestId('my-quotas');
    await quotas.waitFor();
    const text = await quotas.innerText();
    for (const label of ['交流发言', '微党课', '出勤率', '请假', '缺席'])
      expect(text).toContain(label);
    await page
      .locator('[data-testid="my-session"], [data-testid="my-sessions-empty"]')
      .first()
      .waitFor();
    expect(await problems(user, PHONE, 'phone-member-my-life')).toEqual(FINE);

    await page.goto('/my/ledger');
    await page.getByTestId('my-ledger-member').waitFor();
    expect(await problems(user, PHONE, 'phone-member-my-ledger')).toEqual(FINE);
  });

  it('a school leader opens their own 台账 row from the menu', async () => {
    const user = await as('leader', DESKTOP);
    const { page } = user;
    await page.getByTestId('menu-/my/ledger').click();
    await page.waitForURL('**/my/ledger');
    const row = page.getByTestId('my-ledger-leader');
    await row.waitFor();
    expect(await row.innerText()).toContain('专题党课');
    expect(await problems(user, DESKTOP, 'desktop-leader-my-ledger')).toEqual(FINE);
  });

  for (const [name, screen] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`the 支部台账 on a ${name}: compact rows, the name fixed, the rates explained`, async () => {
      const user = await as('committee_secretary', screen);
      const { page } = user;
      await page.goto('/ledger');
      const why = page.getByTestId('ledger-rate-why');
      await why.waitFor();
      expect(await why.innerText()).toMatch(/达标率 \d+%/);
      expect(await problems(user, screen, `${name}-ledger-overview`)).toEqual(FINE);

      await page.getByRole('tab', { name: '支部台账' }).click();
      const table = page.getByTestId('ledger-branches');
      await table.locator('tbody tr').first().waitFor();
      // the branch name sits in a column fixed to the left, and no row is taller than a few lines
      expect(await table.locator('.el-table-fixed-column--left').count()).toBeGreaterThan(0);
      const heights = await table
        .locator('.el-table__body-wrapper tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
      expect(await problems(user, screen, `${name}-ledger-branches`)).toEqual(FINE);
      expect(Math.max(...heights)).toBeLessThan(160);
    });
  }

  it('OD draws a spot check and sees it at once; inspectors tell their tasks apart by branch', async () => {
    const od = await as('od_admin', DESKTOP);
    await od.page.goto('/spot-checks');
    await od.page.getByTestId('spot-checks').waitFor();
    const rows = od.page.locator(
      '[data-testid="spot-checks"] .el-table__row:not(.el-table__row--level-1)',
    );
    const before = await rows.count();
    await od.page.getByTestId('spot-check-draw').click();
    const dialog = od.page.getByRole('dialog', { name: '立即抽查' });
    await dialog.getByText('本月已抽查过，再追加一次').click();
    await dialog.getByLabel('追加理由').fill('浏览器测试：追加抽查');
    await dialog.getByRole('button', { name: '抽取' }).click();
    // the new batch appears without a reload, its seed folded away under 审计信息
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(before);
    const main = await od.page.getByTestId('spot-checks').innerText();
    expect(main).not.toContain('随机种子');
    expect(main).not.toContain('xoroshiro');
    await od.page.locator('[data-testid="spot-checks"] .el-table__expand-icon').first().click();
    const audit = od.page.getByTestId('spot-check-audit').first();
    await audit.getByText('审计信息').click();
    await audit.getByText('随机种子').waitFor();
    expect(await problems(od, DESKTOP, 'desktop-od-spot-check-audit')).toEqual(FINE);

    const inspector = await as('inspector', DESKTOP);
    await inspector.page.goto('/inbox');
    await inspector.page.getByTestId('inbox-tab-claimable').click();
    const tasks = inspector.page.locator('[data-testid="inbox-table"] tbody tr', {
      hasText: '督查',
    });
    await tasks.first().waitFor();
    const branches = await tasks.evaluateAll((trs) =>
      trs.map((tr) => tr.querySelectorAll('td')[2]?.textContent?.trim() ?? ''),
    );
    expect(branches.every((b) => b.includes('党支部'))).toBe(true);
    expect(new Set(branches).size).toBeGreaterThan(1);
    // the form lists the branch's records readably: never a bare []
    await tasks.first().getByTestId('task-name').click();
    await inspector.page.waitForURL('**/tasks/**');
    await inspector.page.getByText('本月组织生活记录').waitFor();
    expect(await inspector.page.locator('main').innerText()).not.toContain('[]');
  });
});
