import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { advanceServerClock, apiGet } from './support/api';
import { launchBrowser, openAs, screenshot, type UserPage } from './support/browser';
import { checkTabsAfterTest } from './support/failure';
import { deployFlow, type Instance, oneStepFlow, startInstance, unitOfRole } from './support/flows';
import { expectAccessible } from './support/a11y';

const PROCESS = 'e2e-incident-retry';
const PROCESS_NAME = '浏览器测试：故障重试';
const STEP = 'SendSms';
const STEP_NAME = '发送短信通知';
/** A job type no handler is registered for: every attempt fails. */
const JOB_TYPE = 'orglife.sms.send';
/** More than the longest backoff before the last attempt (5 s, then 10 s). */
const BACKOFF_STEP_MS = 15_000;

interface Incident {
  id: string;
  instanceId: string;
  elementId: string;
  status: 'open' | 'resolved';
  message: string;
  resolvedAt: string | null;
}

function incidentsOf(page: Page, instanceId: string, status?: 'open'): Promise<Incident[]> {
  const query = `instanceId=${instanceId}&pageSize=100${status ? `&status=${status}` : ''}`;
  return apiGet<{ items: Incident[] }>(page, `/incidents?${query}`).then((result) => result.items);
}

/**
 * Moves the server clock past each retry's backoff until the job executor has used up the
 * step's attempts and raised an incident; returns the open incidents and how far the clock moved.
 */
async function failUntilIncident(
  page: Page,
  instanceId: string,
): Promise<{ open: Incident[]; movedMs: number }> {
  let open: Incident[] = [];
  let movedMs = 0;
  await expect
    .poll(
      async () => {
        open = await incidentsOf(page, instanceId, 'open');
        if (open.length === 0) {
          await advanceServerClock(BACKOFF_STEP_MS);
          movedMs += BACKOFF_STEP_MS;
        }
        return open.length;
      },
      { timeout: 60_000, interval: 1_000 },
    )
    .toBe(1);
  return { open, movedMs };
}

describe('an OD user retries an incident from the instance page', () => {
  let browser: Browser;
  let od: UserPage;
  let instance: Instance;
  let incident: Incident;

  beforeAll(async () => {
    browser = await launchBrowser();
    od = await openAs(browser, 'od_admin');
    // given a flow whose SMS step has no handler on this server (3 attempts), started by OD
    await deployFlow(
      od.page,
      oneStepFlow(PROCESS, PROCESS_NAME, {
        kind: 'serviceTask',
        id: STEP,
        name: STEP_NAME,
        jobType: JOB_TYPE,
        retries: 3,
      }),
    );
    const university = await unitOfRole(od.page, 'od_admin');
    instance = await startInstance(od.page, PROCESS, university, {
      businessKey: `e2e-incident-${Date.now()}`,
    });
  });

  afterEach((context) => checkTabsAfterTest(context, [od]));

  afterAll(async () => {
    await browser?.close();
  });

  it('the job executor raises an incident on the failing step once its attempts are used up', async () => {
    // when the executor has tried the step three times (the test clock skips the backoffs)
    const { open, movedMs } = await failUntilIncident(od.page, instance.id);
    // then one incident is open on the step, naming the cause, raised only after the two
    // backoffs between the attempts (5 s, then 10 s) had passed
    expect(open).toHaveLength(1);
    expect(movedMs).toBeGreaterThanOrEqual(15_000);
    incident = open[0] as Incident;
    expect(incident).toMatchObject({
      instanceId: instance.id,
      elementId: STEP,
      status: 'open',
      message: expect.stringContaining(JOB_TYPE),
    });
  });

  it('OD finds the instance in the list and sees the open incident on its diagram and in 故障', async () => {
    const { page } = od;
    await page.goto('/instances');
    await expectAccessible(page);
    await page.getByTestId('instances-filter-process').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: PROCESS_NAME }).click();
    await page.getByTestId('instances-search').click();
    await page.locator(`[data-testid="instances-row"][data-instance-id="${instance.id}"]`).click();
    await page.waitForURL(`**/instances/${instance.id}`);

    // the failing step carries the incident badge and marker on the diagram
    await page.locator(`[data-testid="instance-incident"][data-element-id="${STEP}"]`).waitFor();
    expect(
      await page.locator(`.djs-element.instance-incident[data-element-id="${STEP}"]`).count(),
    ).toBe(1);

    // and the 故障 tab lists it with its cause
    await page.getByRole('tab', { name: '故障 (1)' }).click();
    const rows = page.locator('[data-testid="instance-incidents"] .el-table__body tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(STEP_NAME);
    expect(await rows.first().textContent()).toContain(JOB_TYPE);
    await screenshot(page, 'incident-1-open');
  });

  it('retrying resolves the incident: it leaves the open list and the diagram', async () => {
    const { page } = od;
    await page.goto(`/instances/${instance.id}`);
    await page.getByRole('tab', { name: '故障 (1)' }).click();
    const retried = page.waitForResponse(
      (response) =>
        response.url().endsWith(`/api/incidents/${incident.id}/retry`) &&
        response.request().method() === 'POST',
    );
    await page.getByTestId('instance-incident-retry').click();
    expect((await retried).ok()).toBe(true);

    // then the page says so and the open list is empty
    await page.locator('.el-message--success', { hasText: '已重试' }).waitFor();
    await page.getByRole('tab', { name: '故障 (0)' }).waitFor();
    await page
      .locator('[data-testid="instance-incidents"]')
      .getByText('没有未处理的故障')
      .waitFor();
    // the diagram is drawn again without the incident badge
    await page
      .locator(`[data-testid="instance-incident"][data-element-id="${STEP}"]`)
      .waitFor({ state: 'detached' });
    await screenshot(page, 'incident-2-retried');

    // and the API has it resolved
    const all = await incidentsOf(page, instance.id);
    expect(all.find((x) => x.id === incident.id)).toMatchObject({
      status: 'resolved',
      resolvedAt: expect.any(String),
    });
    expect(await incidentsOf(page, instance.id, 'open')).toEqual([]);
    const history = await apiGet<{ elementId: string; kind: string }[]>(
      page,
      `/instances/${instance.id}/history`,
    );
    expect(history).toContainEqual(
      expect.objectContaining({ elementId: STEP, kind: 'incidentResolved' }),
    );
  });

  it('the retried step runs again: while its cause persists, it fails again and a new incident is raised', async () => {
    const { page } = od;
    const {
      open: [again],
    } = await failUntilIncident(page, instance.id);
    expect(again).toMatchObject({ elementId: STEP, status: 'open' });
    expect(again?.id).not.toBe(incident.id);

    await page.goto(`/instances/${instance.id}`);
    await page.getByRole('tab', { name: '故障 (1)' }).waitFor();
  });
});
