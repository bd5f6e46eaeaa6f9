import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiCall } from './support/api';
import { launchBrowser, openAs, screenshot, type UserPage } from './support/browser';
import { expectAccessible } from './support/a11y';
import { checkTabsAfterTest } from './support/failure';

const root = fileURLToPath(new URL('../../', import.meta.url));
/**
 * 提交申请 → 是否加急: (urgent) 加急办理 | (default) 等待一天 (a P1D timer) → 等待回复
 * (message "reply", correlation key =caseId) → 办结. The web unit test plays the same file.
 */
const FIXTURE = join(root, 'apps/web/test/unit/flows/fixtures/simulation-flow.bpmn');
const PROCESS_ID = `sim-demo-${Date.now().toString(36)}`;
const XML = readFileSync(FIXTURE, 'utf8').replaceAll('"sim-demo"', `"${PROCESS_ID}"`);

const tokenOn = (page: Page, elementId: string) =>
  page.locator(`.djs-element.sim-token[data-element-id="${elementId}"]`);
const tokens = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.djs-element.sim-token')].map((el) =>
      el.getAttribute('data-element-id'),
    ),
  );

/** The engine CLI's `simulate` on the flow and a script; its JSON trace. */
function cliSimulate(scriptText: string): { state: string; passed: string[]; waiting: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'orglife-sim-'));
  writeFileSync(join(dir, 'flow.bpmn'), XML);
  writeFileSync(join(dir, 'run.json'), scriptText);
  const result = spawnSync(
    join(root, 'node_modules/.bin/tsx'),
    [
      'packages/engine/src/cli/main.ts',
      'simulate',
      join(dir, 'flow.bpmn'),
      '--script',
      join(dir, 'run.json'),
    ],
    { cwd: root, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`engine simulate failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as { state: string; passed: string[]; waiting: string[] };
}

describe('an OD user plays a flow in the modeler’s 模拟 mode, offline', () => {
  let browser: Browser;
  let od: UserPage;
  let definitionId = '';
  let script = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    od = await openAs(browser, 'od_admin');
    const deployed = await apiCall<{ id: string } | { id: string }[]>(
      od.page,
      'POST',
      '/definitions',
      { xml: XML },
    );
    definitionId = (Array.isArray(deployed) ? deployed[0]! : deployed).id;
  });

  afterEach((context) => checkTabsAfterTest(context, [od]));

  afterAll(async () => {
    await browser?.close();
  });

  it('starts, picks the normal branch with a variable, fires the timer, sends the reply and ends', async () => {
    const { page } = od;
    await page.goto(`/flows/modeler/${definitionId}`);
    await page.locator('.djs-element[data-element-id="Task_Apply"]').waitFor();
    await expectAccessible(page);
    const simulationRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/')) simulationRequests.push(request.url());
    });

    // when the designer opens 模拟 and starts at 9:00 with a case id
    await page.getByTestId('flows-simulate').click();
    await page.getByTestId('sim-panel').waitFor();
    expect(await page.getByTestId('flows-properties-panel').isVisible()).toBe(false);
    await page.getByTestId('sim-start-at').fill('2026-03-02 09:00:00');
    await page.getByTestId('sim-start-variables').fill('{"caseId": "c-1"}');
    await page.getByTestId('sim-start').click();

    // then the token waits at 提交申请, the open task
    await tokenOn(page, 'Task_Apply').waitFor();
    await expectAccessible(page, true);
    expect(await page.getByTestId('sim-clock').innerText()).toContain('2026-03-02 09:00');

    // when 提交申请 completes with urgent = false
    await page.getByTestId('sim-variables').fill('{"urgent": false}');
    await page.getByTestId('sim-complete').click();

    // then the gateway sent the token down the normal branch, to the one-day timer
    await tokenOn(page, 'Timer_Wait').waitFor();
    expect(await tokens(page)).toEqual(['Timer_Wait']);
    await page.locator('.djs-element.sim-passed[data-element-id="Gateway_Route"]').waitFor();
    expect(
      await page.locator('.djs-element.sim-passed[data-element-id="Task_Urgent"]').count(),
    ).toBe(0);
    expect(await page.getByTestId('sim-log').innerText()).toContain('到达：等待一天');

    // when the clock moves 23 hours the timer is not due yet
    await page.getByTestId('sim-advance-by').fill('PT23H');
    await page.getByTestId('sim-advance').click();
    await page.getByTestId('sim-clock').getByText('2026-03-03 08:00').waitFor();
    expect(await tokens(page)).toEqual(['Timer_Wait']);
    // and advancing to its due time fires it: the token moves on to wait for the reply
    await page.locator('[data-testid="sim-advance-to"][data-element-id="Timer_Wait"]').click();
    await tokenOn(page, 'Catch_Reply').waitFor();
    await page.locator('.djs-element.sim-passed[data-element-id="Timer_Wait"]').waitFor();
    expect(await page.getByTestId('sim-clock').innerText()).toContain('2026-03-03 09:00');
    await screenshot(page, 'modeler-simulation-waiting-reply');

    // when the reply comes with the case's correlation key (the name is offered)
    expect(await page.getByTestId('sim-message-name').inputValue()).toBe('reply');
    expect(await page.getByTestId('sim-correlation-key').inputValue()).toBe('c-1');
    await page.getByTestId('sim-send-message').click();

    // then the flow has ended at 办结
    await page.locator('[data-testid="sim-status"][data-status="completed"]').waitFor();
    await page.locator('.djs-element.sim-passed[data-element-id="End_Normal"]').waitFor();
    expect(await tokens(page)).toEqual([]);
    expect(await page.getByTestId('sim-log-entry').count()).toBe(5);
    expect(await page.getByTestId('sim-log').innerText()).toContain('流程已结束');
    await expectAccessible(page, true);
    await screenshot(page, 'modeler-simulation-completed');
    // all of it in the page: no call to the server
    expect(simulationRequests).toEqual([]);

    // and the run downloads as the engine CLI's script, which the CLI replays to the same end
    const download = page.waitForEvent('download');
    await page.getByTestId('sim-download').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${PROCESS_ID}.simulation.json`);
    script = readFileSync(await file.path(), 'utf8');
    expect(JSON.parse(script)).toEqual({
      start: '2026-03-02T01:00:00.000Z',
      process: PROCESS_ID,
      variables: { caseId: 'c-1' },
      steps: [
        { complete: 'Task_Apply', variables: { urgent: false } },
        { advance: 'PT23H' },
        { advance: 'PT3600S' },
        { message: 'reply', correlationKey: 'c-1' },
      ],
    });
    const trace = cliSimulate(script);
    expect(trace.state).toBe('completed');
    expect(trace.passed).toEqual([
      'Start',
      'Task_Apply',
      'Gateway_Route',
      'Timer_Wait',
      'Catch_Reply',
      'End_Normal',
    ]);
  });

  it('loads the script back and replays it to the same end; an incident shows on its element', async () => {
    const { page } = od;
    // when the designer starts over and loads the downloaded script
    await page.getByTestId('sim-restart').click();
    await page.getByTestId('sim-start').waitFor();
    await page.getByTestId('sim-file').setInputFiles({
      name: 'run.simulation.json',
      mimeType: 'application/json',
      buffer: Buffer.from(script),
    });
    // then it replays to the end
    await page.locator('[data-testid="sim-status"][data-status="completed"]').waitFor();
    await page.locator('.djs-element.sim-passed[data-element-id="End_Normal"]').waitFor();
    expect(await page.getByTestId('sim-log-entry').count()).toBe(5);

    // when a run starts without the case id the reply's correlation key needs
    await page.getByTestId('sim-restart').click();
    await page.getByTestId('sim-start-variables').fill('{}');
    await page.getByTestId('sim-start').click();
    await page.getByTestId('sim-variables').fill('{"urgent": false}');
    await page.getByTestId('sim-complete').click();
    await page.locator('[data-testid="sim-advance-to"][data-element-id="Timer_Wait"]').click();

    // then the incident sits on 等待回复 with its message, and in the panel
    const badge = page.locator('[data-testid="sim-incident"][data-element-id="Catch_Reply"]');
    await badge.waitFor();
    expect(await badge.getAttribute('title')).toContain('caseId');
    expect(await page.getByTestId('sim-incidents').innerText()).toContain('等待回复');
    await expectAccessible(page, true);

    // and leaving 模拟 clears the canvas and brings the properties panel back
    await page.getByTestId('sim-exit').click();
    await page.getByTestId('flows-properties-panel').waitFor();
    expect(await page.locator('.sim-token-badge, .sim-incident-badge').count()).toBe(0);
    expect(await page.locator('.djs-element.sim-passed').count()).toBe(0);
  });
});
