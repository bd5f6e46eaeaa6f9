import type { Page } from 'playwright-core';

/** Claims the task named `name` in the inbox's 待签收 tab, then opens it from 待办. */
export async function claimAndOpen(page: Page, name: RegExp): Promise<void> {
  await page.goto('/inbox');
  await page.getByTestId('inbox-tab-claimable').click();
  const claimable = page.locator('[data-testid="inbox-table"] tbody tr', { hasText: name }).first();
  await claimable.waitFor();
  await claimable.getByTestId('task-claim').click();
  await claimable.waitFor({ state: 'detached' });
  await page.getByTestId('inbox-tab-mine').click();
  const mine = page.locator('[data-testid="inbox-table"] tbody tr', { hasText: name }).first();
  await mine.getByTestId('task-open').click();
  await page.waitForURL('**/tasks/**');
}

/** Waits until the task form has finished and the app is back in the inbox. */
export async function submitted(page: Page): Promise<void> {
  await page.waitForURL('**/inbox');
}

/** Picks option `index` of the element-plus select carrying `testid` (its dropdown is teleported). */
export async function pickOption(page: Page, testid: string, index = 0): Promise<void> {
  const options = page.locator('.el-select-dropdown__item:visible');
  // A select picked just before may still be fading out; its options would match too.
  await options.first().waitFor({ state: 'hidden' });
  await page.getByTestId(testid).click();
  await options.nth(index).click();
}
