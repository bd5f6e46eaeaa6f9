import type { Page } from 'playwright-core';
import { expectAccessible } from './a11y';

const ROWS = '[data-testid="inbox-table"] tbody tr';

/** Claims the task named `name` in the inbox's 待签收 tab, then opens it from 待办. */
export async function claimAndOpen(page: Page, name: RegExp): Promise<void> {
  await page.goto('/inbox');
  await page.getByTestId('inbox-tab-claimable').click();
  const claimable = page.locator(ROWS, { hasText: name }).first();
  await claimable.waitFor();
  await expectAccessible(page);
  await claimable.getByTestId('task-claim').click();
  await claimable.waitFor({ state: 'detached' });
  await page.getByTestId('inbox-tab-mine').click();
  const mine = page.locator(ROWS, { hasText: name }).first();
  await mine.getByTestId('task-open').click();
  await taskPageShown(page);
}

/** Waits for the task page's form and checks the page with axe-core (each form anew). */
async function taskPageShown(page: Page): Promise<void> {
  await page.waitForURL('**/tasks/**');
  await page.locator('.form-card form, .form-card [data-testid="generic-form"]').first().waitFor();
  await expectAccessible(page, true);
}

/**
 * Opens the task named `name` as a person would: from 待办 when it is already theirs (assigned,
 * or returned to them), else signed for (签收) from 待签收 first.
 */
export async function openTask(page: Page, name: RegExp): Promise<void> {
  await page.goto('/inbox');
  await page.getByTestId('inbox-tab-mine').click();
  await page.waitForLoadState('networkidle');
  const mine = page.locator(ROWS, { hasText: name }).first();
  if ((await mine.count()) > 0) {
    await expectAccessible(page);
    await mine.getByTestId('task-open').click();
    await taskPageShown(page);
    return;
  }
  await claimAndOpen(page, name);
}

/** Opens the task page of `taskId` and signs for the task there when it is still in the pool. */
export async function openTaskById(page: Page, taskId: string): Promise<void> {
  await page.goto(`/tasks/${taskId}`);
  await page.getByTestId('task-title').waitFor();
  const claim = page.getByTestId('task-claim');
  await page.locator('.form-card').waitFor();
  if (await claim.isVisible()) {
    await claim.click();
    await claim.waitFor({ state: 'detached' });
  }
  await taskPageShown(page);
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
