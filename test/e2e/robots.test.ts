import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/a11y';
import { apiGet } from './support/api';
import { launchBrowser, openAs, PHONE, screenshot, type UserPage } from './support/browser';
import { checkTabsAfterTest } from './support/failure';
import { unitOfRole } from './support/flows';

/** The C1-B2 branch secretary keeps their branch's group robots. */
const SECRETARY = 'c1b2_secretary';

describe('群机器人: a branch secretary registers the branch group’s robot on a phone', () => {
  let browser: Browser;
  let user: UserPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    user = await openAs(browser, SECRETARY, PHONE);
  });

  afterEach((context) => checkTabsAfterTest(context, [user]));

  afterAll(async () => {
    await browser?.close();
  });

  it('registers a signed DingTalk robot for two kinds of notice, sees it listed, and removes it', async () => {
    const { page } = user;
    await page.goto('/notifications/settings');
    const panel = page.getByTestId('robots');
    await panel.waitFor();

    // a webhook that is not an address is refused under its field
    await page.getByTestId('robot-provider').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '钉钉' }).click();
    await page.locator('#robot-name').fill('支部钉钉群');
    await page.locator('#robot-webhook').fill('不是地址');
    await page.getByTestId('robot-add').click();
    await panel.getByText('请填写有效的 Webhook 地址').waitFor();
    const refused = user.errors.findIndex((e) => e.includes('status of 400'));
    expect(refused).toBeGreaterThanOrEqual(0);
    user.errors.splice(refused, 1);

    await page
      .locator('#robot-webhook')
      .fill('https://oapi.dingtalk.com/robot/send?access_token=e2e');
    await page.locator('#robot-secret').fill('SECe2e-signing-secret');
    await page.getByTestId('robot-kind-task_new').click();
    await page.getByTestId('robot-kind-reminder').click();
    await page.getByTestId('robot-add').click();
    await page.locator('.el-message--success', { hasText: '群机器人已登记' }).waitFor();
    const row = page.getByTestId('robot').filter({ hasText: '支部钉钉群' });
    await row.getByText('钉钉', { exact: true }).waitFor();
    await row.getByText('已设签名').waitFor();
    await row.getByText('新待办、提醒').waitFor();
    await screenshot(page, 'robots-phone');
    await expectAccessible(page);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);

    const branchId = await unitOfRole(page, 'branch_secretary');
    const listed = await apiGet<{ name: string; provider: string; signed: boolean }[]>(
      page,
      `/org-units/${branchId}/robots`,
    );
    expect(listed).toContainEqual(
      expect.objectContaining({ name: '支部钉钉群', provider: 'dingtalk', signed: true }),
    );

    await page.getByTestId('robot-remove-支部钉钉群').click();
    await page.locator('.el-message-box:visible .el-button--primary').click();
    await page.locator('.el-message--success', { hasText: '群机器人已删除' }).waitFor();
    await expect(page.getByTestId('robot').filter({ hasText: '支部钉钉群' }).count()).resolves.toBe(
      0,
    );
  });
});
