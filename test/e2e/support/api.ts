import type { Page } from 'playwright-core';
import { BASE_URL } from './browser';

/**
 * Calls the API directly with the signed-in page's access token: for set-up the UI does not
 * offer and for checks the UI cannot show.
 */
export async function apiCall<T>(
  page: Page,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const tokens = await page.evaluate(() => localStorage.getItem('orglife.tokens'));
  const accessToken = tokens ? (JSON.parse(tokens) as { accessToken: string }).accessToken : '';
  const response = await fetch(`${BASE_URL}/api${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${accessToken}`,
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as T;
}

export function apiGet<T>(page: Page, path: string): Promise<T> {
  return apiCall<T>(page, 'GET', path);
}

/** The server clock (test-only route: the API runs with ORGLIFE_TEST_CLOCK=1). */
export async function serverNow(page: Page): Promise<Date> {
  return new Date((await apiGet<{ now: string }>(page, '/test/clock')).now);
}

export async function advanceServerClock(page: Page, ms: number): Promise<Date> {
  const { now } = await apiCall<{ now: string }>(page, 'POST', '/test/clock', { advanceMs: ms });
  return new Date(now);
}
