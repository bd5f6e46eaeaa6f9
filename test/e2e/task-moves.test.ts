import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/a11y';
import { apiCall, apiGet } from './support/api';
import { launchBrowser, openAs, screenshot, type UserPage } from './support/browser';
import { checkTabsAfterTest } from './support/failure';
import { deployFlow, startInstance, type Task, unitOfRole } from './support/flows';

const PROCESS = 'e2e-task-moves';
/** The C1-B2 branch secretary drafts (起草)… */
const DRAFTER = 'c1b2_secretary';
/** …and the C1 committee secretary reviews (党委审核), or sends it back (退回). */
const REVIEWER = 'committee_secretary';

/** Start → 起草 (branch secretary) → 党委审核 (committee secretary) → End, with its diagram. */
function twoStepFlow(): string {
  const task = (id: string, name: string, group: string, incoming: string, outgoing: string) =>
    `<bpmn:userTask id="${id}" name="${name}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="${group}" /></bpmn:extensionElements><bpmn:incoming>${incoming}</bpmn:incoming><bpmn:outgoing>${outgoing}</bpmn:outgoing></bpmn:userTask>`;
  const shape = (id: string, x: number, w: number, h: number) =>
    `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${120 - h / 2}" width="${w}" height="${h}" /></bpmndi:BPMNShape>`;
  const edge = (id: string, x1: number, x2: number) =>
    `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}"><di:waypoint x="${x1}" y="120" /><di:waypoint x="${x2}" y="120" /></bpmndi:BPMNEdge>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="moves_definitions" targetNamespace="https://orglife.example/e2e">
  <bpmn:process id="${PROCESS}" name="浏览器测试：撤回与退回" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    ${task('Draft', '起草换届请示', '=&quot;branch_secretary@&quot; + branchId', 'F1', 'F2')}
    ${task('Review', '党委审核', '=&quot;committee_secretary@&quot; + committeeId', 'F2', 'F3')}
    <bpmn:endEvent id="End"><bpmn:incoming>F3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Draft" />
    <bpmn:sequenceFlow id="F2" sourceRef="Draft" targetRef="Review" />
    <bpmn:sequenceFlow id="F3" sourceRef="Review" targetRef="End" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="moves_diagram">
    <bpmndi:BPMNPlane id="moves_plane" bpmnElement="${PROCESS}">
      ${shape('Start', 100, 36, 36)}${shape('Draft', 190, 100, 80)}${shape('Review', 340, 100, 80)}${shape('End', 490, 36, 36)}
      ${edge('F1', 136, 190)}${edge('F2', 290, 340)}${edge('F3', 440, 490)}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

/** The instance's open task at `elementId`, as the API sees it. */
async function openTask(
  page: Page,
  instanceId: string,
  elementId: string,
): Promise<Task & { elementId: string }> {
  for (const tab of ['mine', 'claimable'] as const) {
    const { items } = await apiGet<{ items: (Task & { elementId: string })[] }>(
      page,
      `/tasks?tab=${tab}&processId=${PROCESS}&pageSize=100`,
    );
    const found = items.find((t) => t.instanceId === instanceId && t.elementId === elementId);
    if (found) return found;
  }
  throw new Error(`no open ${elementId} of ${instanceId} for this user`);
}

async function completeVia(page: Page, taskId: string): Promise<void> {
  await apiCall(page, 'POST', `/tasks/${taskId}/claim`);
  await apiCall(page, 'POST', `/tasks/${taskId}/complete`, { variables: {} });
}

/** Answers the prompt ElMessageBox opens with `text`. */
async function answerPrompt(page: Page, text: string): Promise<void> {
  const box = page.locator('.el-message-box:visible');
  await box.locator('input').fill(text);
  await box.locator('.el-button--primary').click();
}

describe('task moves: 撤回 and 退回 (issue 19 points 4 and 5), the trail and the audit export', () => {
  let browser: Browser;
  const users: UserPage[] = [];
  let instanceId: string;
  let firstDraft: string;

  async function as(username: string): Promise<UserPage> {
    const user = await openAs(browser, username);
    users.push(user);
    return user;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    const od = await as('od_admin');
    await deployFlow(od.page, twoStepFlow());
    await od.context.close();
    const reviewer = await as(REVIEWER);
    const committeeId = await unitOfRole(reviewer.page, 'committee_secretary');
    await reviewer.context.close();
    const drafter = await as(DRAFTER);
    const branchId = await unitOfRole(drafter.page, 'branch_secretary');
    const instance = await startInstance(drafter.page, PROCESS, branchId, {
      variables: { branchId, committeeId },
    });
    instanceId = instance.id;
    firstDraft = (await openTask(drafter.page, instanceId, 'Draft')).id;
    await completeVia(drafter.page, firstDraft);
    await drafter.context.close();
  });

  afterEach((context) => checkTabsAfterTest(context, users));

  afterAll(async () => {
    await browser?.close();
  });

  it('the drafter takes the completed draft back (撤回) while the review is untouched', async () => {
    const { page } = await as(DRAFTER);
    await page.goto(`/tasks/${firstDraft}`);
    await page.getByTestId('task-withdraw').click();
    await answerPrompt(page, '附件漏传');
    await page.locator('.el-message--success', { hasText: '已撤回' }).waitFor();
    await page.waitForURL('**/inbox');
    await expectAccessible(page);
    const again = await openTask(page, instanceId, 'Draft');
    expect(again.id).not.toBe(firstDraft);
    await page.goto(`/tasks/${again.id}`);
    await page.getByTestId('task-title').filter({ hasText: '起草换届请示' }).waitFor();
    await expectAccessible(page);
    await completeVia(page, again.id);
  });

  it('the reviewer sends the work back (退回) to the draft, with a required reason', async () => {
    const { page } = await as(REVIEWER);
    const review = await openTask(page, instanceId, 'Review');
    await page.goto(`/tasks/${review.id}`);
    await page.getByTestId('task-return').click();
    const dialog = page.getByTestId('return-dialog');
    await dialog.waitFor();
    await dialog
      .locator('[data-testid="return-target"]')
      .filter({ hasText: '起草换届请示' })
      .waitFor();
    await dialog.getByTestId('return-confirm').click();
    await dialog.getByText('请填写退回理由').waitFor();
    await screenshot(page, 'task-moves-1-return-dialog');
    await dialog.locator('#return-reason').fill('请补充换届选举结果');
    await dialog.getByTestId('return-confirm').click();
    await page.locator('.el-message--success', { hasText: '已退回至“起草换届请示”' }).waitFor();
    await page.waitForURL('**/inbox');
  });

  it('the drafter finds the draft back in 待办; once the review is claimed, 撤回 is refused and says why', async () => {
    const drafter = await as(DRAFTER);
    const draft = await openTask(drafter.page, instanceId, 'Draft');
    expect(draft.assignee).not.toBeNull();
    await apiCall(drafter.page, 'POST', `/tasks/${draft.id}/complete`, { variables: {} });

    const reviewer = await as(REVIEWER);
    const review = await openTask(reviewer.page, instanceId, 'Review');
    await apiCall(reviewer.page, 'POST', `/tasks/${review.id}/claim`);

    const { page } = drafter;
    await page.goto(`/tasks/${draft.id}`);
    const refused = page.waitForResponse((r) =>
      r.url().endsWith(`/api/tasks/${draft.id}/withdraw`),
    );
    await page.getByTestId('task-withdraw').click();
    await answerPrompt(page, '');
    expect((await refused).status()).toBe(409);
    await page.locator('.el-message--error', { hasText: '下一步已办理，不能撤回' }).waitFor();
    await screenshot(page, 'task-moves-2-withdraw-refused');
    const expected = drafter.errors.filter((e) => e.includes('409'));
    expect(expected.length).toBe(1);
    drafter.errors.splice(drafter.errors.indexOf(expected[0]!), 1);
  });

  it('the instance shows who took back and who returned, and why; the audit log exports it', async () => {
    const { page } = await as('od_admin');
    await page.goto(`/instances/${instanceId}`);
    // the diagram marks the draft: the work was sent back there, and taken back there
    const badge = page.getByTestId('instance-move').and(page.locator('[data-element-id="Draft"]'));
    await badge.filter({ hasText: '退回' }).waitFor();
    expect(await badge.getAttribute('title')).toContain('请补充换届选举结果');
    // and the step the return left from carries 已退回, with who, where to and why
    const from = page.getByTestId('instance-verb').filter({ hasText: '已退回' });
    expect(await from.first().getAttribute('title')).toContain('请补充换届选举结果');
    await page.getByRole('tab', { name: '经办记录' }).click();
    const trail = page.getByTestId('instance-trail');
    await trail
      .locator('tr', { hasText: '退回' })
      .filter({ hasText: '请补充换届选举结果' })
      .waitFor();
    await trail.locator('tr', { hasText: '撤回' }).filter({ hasText: '附件漏传' }).waitFor();
    await screenshot(page, 'task-moves-3-trail');
    await expectAccessible(page);

    await page.goto('/audit');
    await page.getByTestId('audit-verb').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: /^退回$/ }).click();
    await page.getByTestId('audit-search').click();
    const row = page.getByTestId('audit-table').locator('tr', { hasText: '请补充换届选举结果' });
    await row.waitFor();
    // axe-core sees the page as it rests, not the search button under the pointer
    await page.mouse.move(0, 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await expectAccessible(page);
    const download = page.waitForEvent('download');
    await page.getByTestId('audit-export').click();
    expect((await download).suggestedFilename()).toBe('audit.xlsx');
    await screenshot(page, 'task-moves-4-audit');
  });
});
