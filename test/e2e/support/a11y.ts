import type { Page } from 'playwright-core';
import { BASE_URL } from './browser';
import { type AxeViolation, seriousA11yViolations } from './usability';

/**
 * axe-core on every page the browser tests visit: each tab records the pages (routes, ids
 * folded to `:id`) it navigates to; `expectAccessible` checks the page in view and marks its
 * route checked; after each test `uncheckedRoutes` names the routes visited but never checked,
 * and the tests fail on them (support/failure.ts). A route is checked once per test file.
 */
const visited = new Set<string>();
const checked = new Set<string>();

/** The route of a URL: its path with ids (segments holding a digit) folded (`/tasks/:id`). */
export function routeOf(url: string): string {
  return new URL(url).pathname
    .split('/')
    .map((segment) => (/\d/.test(segment) ? ':id' : segment))
    .join('/');
}

/** Records every page the tab's main frame navigates to (history navigations included). */
export function trackVisits(page: Page): void {
  const app = new URL(BASE_URL).origin;
  page.on('framenavigated', (frame) => {
    // the app's own pages; a campus sign-in provider's are not ours to check
    if (frame === page.mainFrame() && frame.url().startsWith(app))
      visited.add(routeOf(frame.url()));
  });
}

/**
 * Waits until the page has loaded its data (no request in flight, no loading state) and a
 * select's dropdown picked just before has faded out (it is not part of the page then).
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.state[role="status"]').first().waitFor({ state: 'detached' });
  await page.locator('.el-select-dropdown:visible').first().waitFor({ state: 'hidden' });
  // transitions under way (a fading tag, a sliding drawer, a badge zooming in as its count
  // arrives) would be judged half-drawn; a Vue transition may start a frame after the last one
  // ended, so wait until two frames pass with none under way
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
    const transitionClass = '[class*="-enter-"], [class*="-leave-"]';
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline) {
      await frame();
      await frame();
      const running = document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity);
      if (running.length === 0 && !document.querySelector(transitionClass)) return;
      await Promise.race([
        Promise.all(running.map((a) => a.finished.catch(() => undefined))),
        new Promise((resolve) => setTimeout(resolve, 500)),
      ]);
    }
  });
}

/**
 * axe-core's serious and critical findings on the page in view, once loaded; a page without any
 * counts as checked.
 */
export async function a11yFindings(page: Page): Promise<AxeViolation[]> {
  await settle(page);
  const violations = await seriousA11yViolations(page);
  if (violations.length === 0) checked.add(routeOf(page.url()));
  return violations;
}

/**
 * Fails with axe-core's serious and critical findings on the page in view; `force` checks a
 * route already checked again (a page whose content changed, such as a task form).
 */
export async function expectAccessible(page: Page, force = false): Promise<void> {
  const route = routeOf(page.url());
  if (checked.has(route) && !force) return;
  const violations = await a11yFindings(page);
  if (violations.length > 0)
    throw new Error(`axe-core on ${route}: ${JSON.stringify(violations, null, 2)}`);
}

/** Opens `path` in the tab, as a person would type or follow it, and checks it with axe-core. */
export async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expectAccessible(page);
}

/** Routes some tab of this file visited that no axe-core check covered. */
export function uncheckedRoutes(): string[] {
  return [...visited].filter((route) => !checked.has(route)).sort();
}
