/**
 * 换届 / 职务交接 (issue 19 point 10): OD hands a role on a unit to a new holder from 组织管理 ›
 * 角色分配; the dialog shows first what moves (the open task), and after it the task is the new
 * holder's, with the handover in the instance's trail.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/a11y';
import { apiCall, apiGet } from './support/api';
import { launchBrowser, openAs, screenshot, type UserPage } from './support/browser';
import { checkTabsAfterTest } from './support/failure';
import { deployFlow, oneStepFlow, personByUsername, startInstance } from './support/flows';

const PROCESS = 'e2e-handover';
const TASK_NAME = '整理支部委员会记录';

describe('换届: a role passes to a new holder with its open work (issue 19)', () => {
  let browser: Browser;
  let od: UserPage;
  const stamp = Date.now().toString(36);
  const oldName = `旧任委员${stamp.slice(-4)}`;
  const newName = `新任委员${stamp.slice(-4)}`;
  let unitId: string;
  let oldId: string;
  let instanceId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    od = await openAs(browser, 'od_admin');
    const { page } = od;
    // people of their own on branch C2-B2, so no other test's roles change
    unitId = (await personByUsername(page, 'c2b2_committee')).orgUnitId;
    const person = (name: string) =>
      apiCall<{ id: string }>(page, 'POST', '/people', {
        employeeNo: `E2E${stamp}${name.length}${Math.floor(Math.random() * 1000)}`,
        name,
        orgUnitId: unitId,
      });
    oldId = (await person(oldName)).id;
    await person(newName);
    await apiCall(page, 'POST', '/role-assignments', {
      personId: oldId,
      role: 'branch_committee',
      orgUnitId: unitId,
    });
    await deployFlow(
      page,
      oneStepFlow(PROCESS, '换届测试', {
        kind: 'userTask',
        id: 'Minutes',
        name: TASK_NAME,
        candidateGroups: '="branch_committee@" + orgUnitId',
        assignee: '=ownerId',
      }),
    );
    instanceId = (
      await startInstance(page, PROCESS, unitId, {
        variables: { ownerId: oldId, orgUnitId: unitId },
      })
    ).id;
  });

  afterEach((context) => checkTabsAfterTest(context, [od]));

  afterAll(async () => {
    await browser?.close();
  });

  it('shows what moves, hands the role over, and the trail names who held the task', async () => {
    const { page } = od;
    await page.goto('/org/roles');
    const row = page.locator('tr', { hasText: oldName });
    await row.waitFor();
    await expectAccessible(page);
    await row.getByTestId('role-handover').click();

    const dialog = page.getByTestId('handover-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('handover-from').innerText()).toContain(oldName);
    await dialog.getByTestId('handover-to').click();
    await page.keyboard.type(newName);
    await page.locator('.el-select-dropdown__item', { hasText: newName }).click();
    const preview = dialog.getByTestId('handover-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('待办 1 项');
    expect(await preview.innerText()).toContain(TASK_NAME);
    await dialog.getByTestId('handover-note').fill('支部换届选举');
    await expectAccessible(page);
    await screenshot(page, 'role-handover-preview');
    await dialog.getByTestId('handover-confirm').click();
    await page.locator('.el-message--success', { hasText: '已完成换届交接' }).waitFor();
    await page.locator('tr', { hasText: newName }).waitFor();

    // the instance's trail says the open task was handed over to the new holder
    const trail = await apiGet<
      { action: string; targetName: string | null; reason: string | null }[]
    >(page, `/instances/${instanceId}/trail`);
    expect(trail).toContainEqual(
      expect.objectContaining({ action: 'task.handed-over', targetName: newName }),
    );
    await page.goto(`/instances/${instanceId}`);
    await page.getByRole('tab', { name: '经办记录' }).click();
    const shown = page.getByTestId('instance-trail');
    await shown.getByText('换届移交待办').waitFor();
    expect(await shown.innerText()).toContain(newName);
    await expectAccessible(page);
  });
});
