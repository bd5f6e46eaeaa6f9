import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiGet } from './support/api';
import { launchBrowser, openAs, screenshot, type UserPage } from './support/browser';

interface Version {
  id: string;
  version: number;
}

const TIMER = 'Timer_ApprovalReminder';

/** Selects the approval deadline timer and returns its value field in the properties panel. */
async function approvalDeadlineField(page: Page) {
  const timer = page.locator(`.djs-element[data-element-id="${TIMER}"]`);
  await timer.waitFor();
  const selected = page.locator(`.djs-element.selected[data-element-id="${TIMER}"]`);
  // diagram-js toggles: clicking a selected element deselects it
  if (!(await selected.count())) await timer.click();
  await selected.waitFor();
  const group = page.locator('[data-group-id="group-timer"]');
  await group.waitFor();
  if (!(await group.locator('.bio-properties-panel-group-header.open').count())) {
    await group.locator('.bio-properties-panel-group-header').click();
  }
  const field = page.locator('#bio-properties-panel-timerEventDefinitionValue');
  await field.waitFor();
  return field;
}

describe('an OD user edits the monthly plan flow in the modeler', () => {
  let browser: Browser;
  let od: UserPage;
  let latest = 0;

  beforeAll(async () => {
    browser = await launchBrowser();
    od = await openAs(browser, 'od_admin');
    const versions = await apiGet<Version[]>(od.page, '/definitions/monthly-plan/versions');
    latest = Math.max(...versions.map((v) => v.version));
  });

  afterEach(() => {
    expect(od.errors, 'browser console errors and page errors').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens the modeler from the flow list and shows an invalid deadline on its element', async () => {
    const { page } = od;
    // given the flow list
    await page.goto('/flows');
    const row = page.locator('tr', {
      has: page.locator('[data-testid="flows-row"][data-process-id="monthly-plan"]'),
    });
    await row.getByTestId('flows-edit').click();

    // when the designer types a malformed approval deadline and validates
    const field = await approvalDeadlineField(page);
    expect(await field.inputValue()).toBe('P3D');
    // (the properties panel speaks the user's language, zh-CN)
    const timerGroup = page.locator('[data-group-id="group-timer"]');
    expect(await timerGroup.locator('.bio-properties-panel-group-header-title').innerText()).toBe(
      '定时器',
    );
    await field.fill('P3X');
    await field.press('Tab');
    await page.getByTestId('flows-validate').click();

    // then the engine's problem sits on the timer, and the problem list selects it
    await page.locator(`[data-testid="flows-problem-badge"][data-element-id="${TIMER}"]`).waitFor();
    expect(
      await page.locator(`.djs-element.engine-problem[data-element-id="${TIMER}"]`).count(),
    ).toBe(1);
    await page.locator('.djs-element[data-element-id="Task_DraftPlan"]').click();
    await page.locator('.djs-element.selected[data-element-id="Task_DraftPlan"]').waitFor();
    await page
      .locator(`[data-testid="flows-problem-item"][data-element-id="${TIMER}"]`)
      .first()
      .click();
    await page.locator(`.djs-element.selected[data-element-id="${TIMER}"]`).waitFor();
    await screenshot(page, 'modeler-problem-on-element');
  });

  it('sets the approval deadline to five days, deploys, and sees the new version in the list', async () => {
    const { page } = od;
    // when the designer corrects the deadline to P5D, validates and deploys
    const field = await approvalDeadlineField(page);
    await field.fill('P5D');
    await field.press('Tab');
    await page.getByTestId('flows-validate').click();
    await page.locator('.el-message--success').first().waitFor();
    expect(await page.getByTestId('flows-problems').count()).toBe(0);
    await page.getByTestId('flows-deploy').click();

    // then the version list shows the next version, and its XML carries the new deadline
    await page.waitForURL('**/flows/monthly-plan/versions');
    await page.locator(`[data-testid="flows-version-row"][data-version="${latest + 1}"]`).waitFor();
    await screenshot(page, 'modeler-deployed-new-version');
    const versions = await apiGet<Version[]>(page, '/definitions/monthly-plan/versions');
    const deployed = versions.find((v) => v.version === latest + 1);
    expect(deployed).toBeDefined();
    const detail = await apiGet<{ xml: string }>(page, `/definitions/by-id/${deployed?.id}`);
    expect(detail.xml).toMatch(new RegExp(`${TIMER}[\\s\\S]*?<bpmn:timeDuration[^>]*>P5D<`));
  });
});
