import type { Page } from 'playwright-core';
import { BASE_URL } from './browser';

/**
 * Calls the API directly with the signed-in page's access token: for set-up the UI does not
 * offer and for checks the UI cannot show.
 */
export async function apiCall<T>(
  page: Page,
  method: 'GET' | 'POST' | 'PUT',
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

let odToken: Promise<string> | undefined;

/** An access token of the demo OD administrator, who alone may move the test clock. */
function odAccessToken(): Promise<string> {
  odToken ??= fetch(`${BASE_URL}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'od_admin', password: 'demo1234' }),
  }).then(async (response) => {
    if (!response.ok) throw new Error(`OD login answered ${response.status}`);
    return ((await response.json()) as { accessToken: string }).accessToken;
  });
  return odToken;
}

/** Reads or moves the server clock as OD (test-only route: ORGLIFE_TEST_CLOCK=1). */
async function testClock(body?: { advanceMs: number }): Promise<Date> {
  const send = async () =>
    fetch(`${BASE_URL}/api/test/clock`, {
      method: body ? 'POST' : 'GET',
      headers: {
        Authorization: `Bearer ${await odAccessToken()}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  let response = await send();
  if (response.status === 401) {
    // the OD token ran out after an earlier move of the clock: sign in again
    odToken = undefined;
    response = await send();
  }
  if (!response.ok) throw new Error(`test clock answered ${response.status}`);
  return new Date(((await response.json()) as { now: string }).now);
}

/** The server clock, read as OD. */
export function serverNow(): Promise<Date> {
  return testClock();
}

/** Moves the server clock forward by `ms`, as OD. */
export function advanceServerClock(ms: number): Promise<Date> {
  return testClock({ advanceMs: ms });
}
