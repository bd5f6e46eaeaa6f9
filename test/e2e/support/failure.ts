import { expect, type TestContext } from 'vitest';
import { expectAccessible, uncheckedRoutes } from './a11y';
import { BASE_URL, screenshot, type UserPage } from './browser';

/**
 * In an `afterEach`: when the test failed, saves a screenshot of every tab still open, as
 * test-artifacts/screenshots/failed-<test>-<n>.png, to see what the user saw.
 */
export async function screenshotsOnFailure(context: TestContext, users: UserPage[]) {
  if (context.task.result?.state !== 'fail') return;
  const name = context.task.name.replace(/[^\w\u4e00-\u9fff-]+/g, '-').slice(0, 80);
  for (const [index, user] of users.entries()) {
    if (user.page.isClosed()) continue;
    await screenshot(user.page, `failed-${name}-${index}`).catch(() => undefined);
  }
}

/**
 * The `afterEach` of a browser test: screenshots when it failed, then requires that no tab
 * saw a console error or an uncaught page error, and that axe-core checked every page visited
 * (the page each tab shows now is checked here).
 */
export async function checkTabsAfterTest(context: TestContext, users: UserPage[]) {
  await screenshotsOnFailure(context, users);
  for (const user of users)
    expect(user.errors, 'browser console errors and page errors').toEqual([]);
  if (context.task.result?.state === 'fail') return;
  for (const { page } of users)
    if (!page.isClosed() && page.url().startsWith(BASE_URL)) await expectAccessible(page);
  expect(uncheckedRoutes(), 'pages visited without an axe-core check').toEqual([]);
}
