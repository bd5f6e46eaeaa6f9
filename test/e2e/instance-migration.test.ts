import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openAs, screenshot, type UserPage } from './support/browser';
import { expectAccessible } from './support/a11y';
import { checkTabsAfterTest } from './support/failure';
import { deployFlow, type Instance, oneStepFlow, startInstance, unitOfRole } from './support/flows';

const PROCESS = 'e2e-instance-migration';
const NAME = '浏览器测试：实例迁移';

/** Version 1 waits at `Review`; version 2 renamed it `Check`, so Review must be mapped. */
function version(stepId: string) {
  return oneStepFlow(PROCESS, NAME, {
    kind: 'userTask',
    id: stepId,
    name: '支部审核',
    candidateGroups: '="branch_secretary@" + branchId',
  });
}

describe('an OD user moves running instances to the new version from the versions page', () => {
  let browser: Browser;
  const users: UserPage[] = [];
  const instances: Instance[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    // given two running instances on version 1, then version 2 deployed (set-up through the API)
    const od = await openAs(browser, 'od_admin');
    users.push(od);
    await deployFlow(od.page, version('Review'));
    const secretary = await openAs(browser, 'branch_secretary');
    const branchId = await unitOfRole(secretary.page, 'branch_secretary');
    await secretary.context.close();
    for (let i = 0; i < 2; i += 1) {
      instances.push(await startInstance(od.page, PROCESS, branchId, { variables: { branchId } }));
    }
    await deployFlow(od.page, version('Check'));
  });

  afterEach((context) => checkTabsAfterTest(context, users));

  afterAll(async () => {
    await browser?.close();
  });

  it('checks the mapping, is told why an unmapped element blocks, maps it and moves both', async () => {
    const { page } = users[0]!;
    await page.goto(`/flows/${PROCESS}/versions`);
    await page.locator('[data-testid="flows-version-row"]').first().waitFor();
    await expectAccessible(page);
    const v1 = page.locator('tr', {
      has: page.locator('[data-testid="flows-version-row"][data-version="1"]'),
    });
    await v1.getByTestId('flows-version-migrate').click();
    const dialog = page.getByTestId('flows-migrate-dialog');
    await dialog.getByTestId('flows-migrate-map-Review').waitFor();

    // when checking with Review left unmapped, both would be skipped, and the reason says why
    await dialog.getByTestId('flows-migrate-check').click();
    const report = dialog.getByTestId('flows-migrate-report');
    await expect.poll(() => report.innerText()).toContain('可迁移 0 个，将跳过 2 个');
    expect(await dialog.getByTestId('flows-migrate-reason').first().innerText()).toContain(
      '新版本没有环节 Review',
    );

    // when Review is mapped to Check and the instances are moved
    await dialog.getByTestId('flows-migrate-map-Review').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: 'Check' }).click();
    await dialog.getByTestId('flows-migrate-run').click();
    await expect.poll(() => report.innerText()).toContain('已迁移 2 个，跳过 0 个');
    await screenshot(page, 'instance-migration-report');

    // then the instance page says where it came from
    await page.goto(`/instances/${instances[0]!.id}`);
    const tag = page.getByTestId('instance-migrated');
    await tag.waitFor();
    expect(await tag.innerText()).toBe('迁移自第 1 版');
    // and so does its diagram
    expect(await page.getByTestId('diagram-migrated').innerText()).toBe('迁移自第 1 版');
  });
});
