import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, launchBrowser, openAs, screenshot, type UserPage } from './support/browser';
import { expectAccessible } from './support/a11y';
import { checkTabsAfterTest } from './support/failure';

// test/run-e2e.mjs runs a test OpenID provider and CAS server and configures the API with both;
// their campus account "wang" carries the 工号 of the demo od_admin, "stranger" one not in the roster,
// "newcomer" one not in the roster either, with the campus unit code D0301.
const PASSWORD = process.env.E2E_CAMPUS_PASSWORD ?? '';
const OIDC_ISSUER = process.env.E2E_OIDC_ISSUER ?? '';

describe('统一身份认证: signing in through the campus identity service', () => {
  let browser: Browser;
  const users: UserPage[] = [];

  /** A fresh browser on the login page (no session, no campus cookies). */
  async function loginPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: BASE_URL, locale: 'zh-CN' });
    const page = await context.newPage();
    // Only OrgLife's own pages count: the test identity services' pages are not ours (their
    // missing favicon and web fonts would show up as console errors).
    const ours = () => page.url().startsWith(BASE_URL);
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && ours()) {
        errors.push(`console error on ${page.url()}: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => {
      if (ours()) errors.push(`page error on ${page.url()}: ${error.message}`);
    });
    users.push({ page, context, errors });
    await page.goto('/login');
    return page;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async (context) => {
    try {
      await checkTabsAfterTest(context, users);
    } finally {
      for (const user of users.splice(0)) await user.context.close();
    }
  });
  afterAll(async () => {
    await browser.close();
  });

  it('signs in through OpenID Connect and out again through the provider', async () => {
    const page = await loginPage();
    await expect
      .poll(() => page.getByTestId('login-sso-oidc').textContent())
      .toContain('统一身份认证登录');
    await screenshot(page, 'sso-login-page');
    await page.getByTestId('login-sso-oidc').click();
    // The provider's own sign-in page.
    await page.waitForURL((url) => url.href.startsWith(OIDC_ISSUER));
    await page.locator('input[name="login"]').fill('wang');
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.origin === BASE_URL && !url.pathname.startsWith('/login'));
    await expect.poll(() => page.getByTestId('user-menu').textContent()).toContain('王建华');
    // the inbox paints with its list and asks for its counts and the bell's stream after that:
    // one of those reaching the API after the logout would answer 401, a console error
    await page.waitForLoadState('networkidle');

    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    // Logging out here goes on to the provider's end-session page.
    await page.waitForURL((url) => url.href.startsWith(OIDC_ISSUER));
  });

  it('signs in through CAS', async () => {
    const page = await loginPage();
    await page.getByTestId('login-sso-cas').click();
    await page.waitForURL((url) => url.pathname.endsWith('/cas/login'));
    await page.locator('#username').fill('wang');
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'LOGIN' }).click();
    await page.waitForURL((url) => url.origin === BASE_URL && !url.pathname.startsWith('/login'));
    await expect.poll(() => page.getByTestId('user-menu').textContent()).toContain('王建华');
  });

  it('creates a newcomer once the OD turns 统一身份认证自动建档 on for their unit', async () => {
    // The OD turns it on for 计算机学院研究生党支部, for the campus unit D0301.
    const od = await openAs(browser, 'od_admin');
    users.push(od);
    await od.page.goto('/org/units');
    const unit = od.page.locator('.unit', { hasText: '计算机学院研究生党支部' });
    await unit.waitFor();
    await expectAccessible(od.page);
    await unit.getByTestId('org-sso-auto-create').click();
    await od.page.getByTestId('org-sso-auto-create-enabled').click();
    await od.page.locator('#org-campus-unit-code').fill('D0301');
    await screenshot(od.page, 'sso-auto-create-setting');
    await od.page.getByTestId('org-sso-auto-create-save').click();
    await expect
      .poll(() => unit.getByTestId('org-sso-auto-create-on').textContent())
      .toBe('自动建档 D0301');

    // The newcomer signs in through CAS and is in.
    const page = await loginPage();
    await page.getByTestId('login-sso-cas').click();
    await page.locator('#username').fill('newcomer');
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'LOGIN' }).click();
    await page.waitForURL((url) => url.origin === BASE_URL && !url.pathname.startsWith('/login'));
    await expect.poll(() => page.getByTestId('user-menu').textContent()).toContain('赵新来');

    // The OD finds them awaiting confirmation, and confirms.
    await od.page.goto('/org/people');
    await od.page.getByLabel('姓名或工号').fill('N2026001');
    await od.page.getByRole('button', { name: '查询' }).click();
    await expect
      .poll(() => od.page.getByTestId('people-sso-created').textContent())
      .toBe('自动建档待确认');
    await screenshot(od.page, 'sso-auto-created-person');
    await od.page.getByTestId('people-confirm-sso').click();
    const confirm = od.page.locator('.el-message-box');
    await confirm.locator('.el-button--primary').click();
    await expect.poll(() => od.page.getByTestId('people-sso-created').count()).toBe(0);
  });

  it('tells someone not in the roster so, and keeps the password form', async () => {
    const page = await loginPage();
    await page.getByTestId('login-sso-cas').click();
    await page.locator('#username').fill('stranger');
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'LOGIN' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await expect
      .poll(() => page.getByTestId('login-error').textContent())
      .toContain('未在党员名册中，请联系组织部');
    await expect.poll(() => page.locator('#login-username').isVisible()).toBe(true);
    await screenshot(page, 'sso-not-in-roster');
  });
});
