import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expectAccessible, trackVisits } from './a11y';
import { recordTaskForms } from './form-coverage';

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000';
const SCREENSHOTS = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../test-artifacts/screenshots',
);

/** Debian's Chromium, headless, no downloads (flags from STACK.md). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A signed-in user's tab, recording every console error, uncaught page error and
 * Content-Security-Policy violation.
 */
export interface UserPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and page errors seen so far; the tests require it to stay empty. */
  errors: string[];
}

/** The two screens every page is tried on: a desktop and a phone (touch). */
export const DESKTOP = { width: 1440, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;
export type Screen = typeof DESKTOP | typeof PHONE;

export async function openAs(
  browser: Browser,
  username: string,
  screen: Screen = DESKTOP,
  /** More context options, e.g. a phone's `geolocation` and `permissions`. */
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<UserPage> {
  const phone = screen === PHONE;
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale: 'zh-CN',
    viewport: screen,
    ...(phone ? { isMobile: true, hasTouch: true } : {}),
    ...options,
  });
  // A Content-Security-Policy violation counts as a console error too.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  recordTaskForms(context);
  const page = await context.newPage();
  trackVisits(page);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error')
      errors.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error on ${page.url()}: ${error.message}`));
  await page.goto('/login');
  await expectAccessible(page);
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await expectAccessible(page);
  return { page, context, errors };
}

/**
 * Saves a full-page screenshot as test-artifacts/screenshots/<name>.png. The app scrolls inside
 * its main area, so for the picture that area grows to its content (the whole page, not the part
 * in view), and is put back afterwards.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const grow = (on: boolean) =>
    page.evaluate((grown) => {
      for (const element of document.querySelectorAll<HTMLElement>('.layout, .layout-main')) {
        element.style.height = grown ? 'auto' : '';
        element.style.overflow = grown ? 'visible' : '';
      }
    }, on);
  await grow(true);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  await grow(false);
}
