import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiGet } from './support/api';
import { launchBrowser, openAs, screenshot, type UserPage } from './support/browser';
import { expectAccessible } from './support/a11y';
import { checkTabsAfterTest } from './support/failure';

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

  afterEach((context) => checkTabsAfterTest(context, [od]));

  afterAll(async () => {
    await browser?.close();
  });

  it('opens the modeler from the flow list and shows an invalid deadline on its element', async () => {
    const { page } = od;
    // given the flow list
    await page.goto('/flows');
    await expectAccessible(page);
    const row = page.locator('tr', {
      has: page.locator('[data-testid="flows-row"][data-process-id="monthly-plan"]'),
    });
    await row.getByTestId('flows-edit').click();

    // then the whole diagram fits the canvas (zoomed to fit on open)
    await page.locator('.djs-element[data-element-id="Task_DraftPlan"]').waitFor();
    await expectAccessible(page);
    const outside = await page.evaluate(() => {
      const canvas = document
        .querySelector('[data-testid="flows-modeler-canvas"]')!
        .getBoundingClientRect();
      return [...document.querySelectorAll('.djs-shape')]
        .filter((shape) => {
          const box = shape.getBoundingClientRect();
          return (
            box.left < canvas.left - 1 ||
            box.top < canvas.top - 1 ||
            box.right > canvas.right + 1 ||
            box.bottom > canvas.bottom + 1
          );
        })
        .map((shape) => shape.getAttribute('data-element-id'));
    });
    expect(outside, 'shapes outside the canvas on open').toEqual([]);

    // and Camunda's linter finds nothing: its user tasks are Camunda user tasks
    await page.locator('[data-testid="flows-modeler-canvas"][data-lint-reports="0"]').waitFor();
    await page.locator('.djs-element[data-element-id="Task_DraftPlan"]').click();
    const implementation = page.locator('[data-group-id="group-userTaskImplementation"]');
    await implementation.waitFor();
    if (!(await implementation.locator('.bio-properties-panel-group-header.open').count())) {
      await implementation.locator('.bio-properties-panel-group-header').click();
    }
    expect(await page.locator('#bio-properties-panel-userTaskImplementation').inputValue()).toBe(
      'zeebeUserTask',
    );

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
    // and Camunda's own linter marks the same timer on the canvas, beside the engine's badge
    await page.locator(`.djs-overlays[data-container-id="${TIMER}"] .cl-icon-error`).waitFor();
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

    // then deploying asks first, saying how many instances run on the current version
    const running = await apiGet<(Version & { runningInstances: number })[]>(
      page,
      '/definitions/monthly-plan/versions',
    );
    const current = running.find((v) => v.version === latest)!;
    const confirm = page.locator('.el-message-box');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain(
      `当前版本 ${latest} 上有 ${current.runningInstances} 个流程实例正在运行`,
    );
    // cancelling deploys nothing
    await confirm.getByRole('button', { name: '取消' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await apiGet<Version[]>(page, '/definitions/monthly-plan/versions')).toHaveLength(
      running.length,
    );

    // when the designer deploys again with a version note and confirms
    await page.getByTestId('flows-deploy').click();
    await confirm.waitFor();
    await confirm.locator('input').fill('审批期限改为5天');
    await screenshot(page, 'modeler-deploy-confirm');
    await confirm.getByRole('button', { name: '确认部署' }).click();

    // then the version list shows the next version with its note, and its XML carries the new deadline
    await page.waitForURL('**/flows/monthly-plan/versions');
    const row = page.locator('tr', {
      has: page.locator(`[data-testid="flows-version-row"][data-version="${latest + 1}"]`),
    });
    await row.waitFor();
    expect(await row.getByTestId('flows-version-note').innerText()).toBe('审批期限改为5天');
    await screenshot(page, 'modeler-deployed-new-version');
    const versions = await apiGet<Version[]>(page, '/definitions/monthly-plan/versions');
    const deployed = versions.find((v) => v.version === latest + 1);
    expect(deployed).toBeDefined();
    const detail = await apiGet<{ xml: string }>(page, `/definitions/by-id/${deployed?.id}`);
    expect(detail.xml).toMatch(new RegExp(`${TIMER}[\\s\\S]*?<bpmn:timeDuration[^>]*>P5D<`));
  });
});
