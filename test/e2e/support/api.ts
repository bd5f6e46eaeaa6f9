import type { Page } from 'playwright-core';
import { BASE_URL } from './browser';

/** Calls the API directly with the signed-in page's access token (for checks the UI cannot show). */
export async function apiGet<T>(page: Page, path: string): Promise<T> {
  const tokens = await page.evaluate(() => localStorage.getItem('orglife.tokens'));
  const accessToken = tokens ? (JSON.parse(tokens) as { accessToken: string }).accessToken : '';
  const response = await fetch(`${BASE_URL}/api${path}`, {
    headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
  });
  if (!response.ok)
    throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}
