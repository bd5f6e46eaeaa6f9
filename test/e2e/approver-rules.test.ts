/**
 * The modeler's 审批人规则 and element templates (issue 19 points 1 and 8): an OD designer applies
 * the 会签 template from the template chooser, and sets the approver rules of a step in the
 * properties panel; the deployed XML carries them, and a step whose approver submitted it is
 * skipped by rule, shown in the instance's trail with the reason.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/a11y';
import { apiGet } from './support/api';
import { launchBrowser, openAs, screenshot, type UserPage } from './support/browser';
import { checkTabsAfterTest } from './support/failure';
import { deployFlow, me, oneStepFlow, startInstance } from './support/flows';

const VOTE_FLOW = 'e2e-countersign-template';
const RULES_FLOW = 'e2e-approver-rules';

interface Version {
  id: string;
  version: number;
}

/** Opens the flow in the modeler from the flow list and selects its step. */
async function editStep(page: Page, processId: string, stepId: string) {
  await page.goto('/flows');
  const row = page.locator('tr', {
    has: page.locator(`[data-testid="flows-row"][data-process-id="${processId}"]`),
  });
  await row.waitFor();
  await expectAccessible(page);
  await row.getByTestId('flows-edit').click();
  const step = page.locator(`.djs-element[data-element-id="${stepId}"]`);
  await step.waitFor();
  await page.locator('[data-testid="flows-modeler-canvas"][data-lint-reports]').waitFor();
  const selected = page.locator(`.djs-element.selected[data-element-id="${stepId}"]`);
  if (!(await selected.count())) await step.click();
  await selected.waitFor();
}

/** Opens a properties panel group (closed groups only show their header). */
async function openGroup(page: Page, groupId: string) {
  const group = page.locator(`[data-group-id="group-${groupId}"]`);
  await group.waitFor();
  if (!(await group.locator('.bio-properties-panel-group-header.open').count())) {
    await group.locator('.bio-properties-panel-group-header').click();
  }
  return group;
}

/** Deploys what the modeler holds, with a version note, and returns the new version's XML. */
async function deployFromModeler(page: Page, processId: string, note: string): Promise<string> {
  const before = await apiGet<Version[]>(page, `/definitions/${processId}/versions`);
  await page.getByTestId('flows-deploy').click();
  const confirm = page.locator('.el-message-box');
  await confirm.waitFor();
  await confirm.locator('input').fill(note);
  await confirm.getByRole('button', { name: '确认部署' }).click();
  await page.waitForURL(`**/flows/${processId}/versions`);
  const latest = Math.max(...before.map((v) => v.version)) + 1;
  await page.locator(`[data-testid="flows-version-row"][data-version="${latest}"]`).waitFor();
  const versions = await apiGet<Version[]>(page, `/definitions/${processId}/versions`);
  const deployed = versions.find((v) => v.version === latest)!;
  return (await apiGet<{ xml: string }>(page, `/definitions/by-id/${deployed.id}`)).xml;
}

describe('审批人规则 and the 会签 template in the modeler (issue 19)', () => {
  let browser: Browser;
  let od: UserPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    od = await openAs(browser, 'od_admin');
    await deployFlow(
      od.page,
      oneStepFlow(VOTE_FLOW, '会签模板测试', {
        kind: 'userTask',
        id: 'Countersign',
        name: '支委会签',
        candidateGroups: '="branch_committee@" + orgUnitId',
      }),
    );
    await deployFlow(
      od.page,
      oneStepFlow(RULES_FLOW, '审批人规则测试', {
        kind: 'userTask',
        id: 'Approve',
        name: '审核材料',
        assignee: '=approver',
      }),
    );
  });

  afterEach((context) => checkTabsAfterTest(context, [od]));

  afterAll(async () => {
    await browser?.close();
  });

  it('applies the 会签 template from the element template chooser', async () => {
    const { page } = od;
    await editStep(page, VOTE_FLOW, 'Countersign');

    // when the designer opens the template chooser of the step and picks 会签
    const template = await openGroup(page, 'ElementTemplates__Template');
    await template.getByRole('button', { name: /选择|Select/ }).click();
    const chooser = page.locator('.djs-popup');
    await chooser.waitFor();
    await expectAccessible(page);
    await screenshot(page, 'modeler-template-chooser');
    await chooser.locator('.entry', { hasText: '会签（全部同意）' }).click();
    await chooser.waitFor({ state: 'hidden' });

    // then the step is a parallel loop over the approvers (its marker drawn), lint clean
    await page
      .locator('.djs-element[data-element-id="Countersign"] [data-marker="parallel"]')
      .waitFor();
    await page.locator('[data-testid="flows-modeler-canvas"][data-lint-reports="0"]').waitFor();
    await expectAccessible(page);

    // and the deployed version carries the vote header, the loop and its completion condition
    const xml = await deployFromModeler(page, VOTE_FLOW, '改为会签');
    expect(xml).toContain('zeebe:modelerTemplate="orglife.vote.all"');
    expect(xml).toMatch(/<zeebe:header key="orglife.vote" value="all"/);
    expect(xml).toContain('inputCollection="=approvers"');
    expect(xml).toMatch(/completionCondition[^>]*>=list contains\(votes, false\)</);
  });

  it('sets the approver rules of a step, and the step its submitter would approve is skipped by rule', async () => {
    const { page } = od;
    await editStep(page, RULES_FLOW, 'Approve');

    // when the designer ticks 审批人即提交人时跳过 and picks the secretary as the fallback
    const rules = await openGroup(page, 'orglife-approver-rules');
    expect(await rules.locator('.bio-properties-panel-group-header-title').innerText()).toBe(
      '审批人规则',
    );
    await rules.getByLabel('审批人即提交人时跳过').check();
    await rules.getByLabel('无人担任审批角色时').selectOption('unitSecretary');
    await expectAccessible(page);
    await screenshot(page, 'modeler-approver-rules');
    const xml = await deployFromModeler(page, RULES_FLOW, '审批人规则');
    expect(xml).toMatch(/<zeebe:header key="orglife.skipIfSubmitter" value="true"/);
    expect(xml).toMatch(/<zeebe:header key="orglife.fallback" value="unitSecretary"/);

    // then a step whose approver started the flow is skipped, and the trail says why
    const self = await me(page);
    const instance = await startInstance(page, RULES_FLOW, self.roles[0]!.orgUnitId, {
      variables: { approver: self.id },
    });
    await page.goto(`/instances/${instance.id}`);
    await page.getByRole('tab', { name: '经办记录' }).click();
    const trail = page.getByTestId('instance-trail');
    await trail.getByText('按规则跳过', { exact: true }).waitFor();
    expect(await trail.innerText()).toContain('审批人即提交人，按规则跳过');
    await expectAccessible(page);
  });
});
