import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/a11y';
import { apiGet } from './support/api';
import { launchBrowser, openAs, screenshot, type UserPage } from './support/browser';
import { checkTabsAfterTest } from './support/failure';
import { deployFlow, me, startInstance, unitOfRole } from './support/flows';

const PROCESS = 'e2e-countersign';
const SECRETARY = 'c1b2_secretary';
/** 何佳琪, branch committee member of C1-B2. */
const COMMITTEE = 'c1b2_committee';

function voteFlow(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="vote_definitions" targetNamespace="https://orglife.example/e2e">
  <bpmn:process id="${PROCESS}" name="浏览器测试：会签" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Vote" name="支委会签">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition assignee="=approver" />
        <zeebe:taskHeaders><zeebe:header key="orglife.vote" value="all" /></zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
      <bpmn:multiInstanceLoopCharacteristics>
        <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=approvers" inputElement="approver" outputCollection="votes" outputElement="=approved" /></bpmn:extensionElements>
        <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=list contains(votes, false)</bpmn:completionCondition>
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>
    <bpmn:endEvent id="End"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Vote" />
    <bpmn:sequenceFlow id="F2" sourceRef="Vote" targetRef="End" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="vote_diagram"><bpmndi:BPMNPlane id="vote_plane" bpmnElement="${PROCESS}">
    <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="100" y="102" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Vote_di" bpmnElement="Vote"><dc:Bounds x="190" y="80" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="End_di" bpmnElement="End"><dc:Bounds x="340" y="102" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="F1_di" bpmnElement="F1"><di:waypoint x="136" y="120" /><di:waypoint x="190" y="120" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="F2_di" bpmnElement="F2"><di:waypoint x="290" y="120" /><di:waypoint x="340" y="120" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

interface Task {
  id: string;
  instanceId: string;
  assignee: string | null;
}

async function myVoteTask(page: Page, instanceId: string): Promise<Task> {
  const { items } = await apiGet<{ items: Task[] }>(
    page,
    `/tasks?tab=mine&processId=${PROCESS}&pageSize=100`,
  );
  const found = items.find((t) => t.instanceId === instanceId);
  if (!found) throw new Error(`no open vote task of ${instanceId}`);
  return found;
}

/** Picks `name` in a remote person select (types it, clicks the match). */
async function pick(page: Page, testid: string, name: string): Promise<void> {
  await page.getByTestId(testid).locator('input').fill(name);
  await page.locator('.el-select-dropdown__item:visible', { hasText: name }).first().click();
}

describe('会签, 加签 / 减签 and 抄送 in the browser (issue 19 points 1, 2 and 7)', () => {
  let browser: Browser;
  const users: UserPage[] = [];
  let instanceId: string;

  async function as(username: string): Promise<UserPage> {
    const user = await openAs(browser, username);
    users.push(user);
    return user;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    const od = await as('od_admin');
    await deployFlow(od.page, voteFlow());
    await od.context.close();
    const secretary = await as(SECRETARY);
    const branchId = await unitOfRole(secretary.page, 'branch_secretary');
    const instance = await startInstance(secretary.page, PROCESS, branchId, {
      variables: { approvers: [(await me(secretary.page)).id] },
    });
    instanceId = instance.id;
    await secretary.context.close();
  });

  afterEach((context) => checkTabsAfterTest(context, users));

  afterAll(async () => {
    await browser?.close();
  });

  it('the approver adds a second approver (加签), removes them again (减签), votes and copies the step (抄送)', async () => {
    const { page } = await as(SECRETARY);
    const task = await myVoteTask(page, instanceId);
    await page.goto(`/tasks/${task.id}`);
    const round = page.getByTestId('vote-round');
    await round.waitFor();
    await page.getByTestId('vote-add').click();
    const dialog = page.getByTestId('vote-add-dialog');
    await pick(page, 'vote-add-person', '何佳琪');
    await dialog.locator('#vote-add-reason').fill('涉及支委分工');
    await dialog.getByTestId('vote-add-confirm').click();
    await page.locator('.el-message--success', { hasText: '已加签' }).waitFor();
    await round.getByText('同意 0 · 不同意 0 · 待投 2').waitFor();
    await screenshot(page, 'approval-verbs-1-round');
    await expectAccessible(page);

    await page.getByTestId('vote-remove-何佳琪').click();
    const box = page.locator('.el-message-box:visible');
    await box.locator('input').fill('回避');
    await box.locator('.el-button--primary').click();
    await page.locator('.el-message--success', { hasText: '已减签' }).waitFor();
    await round.getByText('待投 1').waitFor();

    await page.getByTestId('vote-approve').click();
    await page.locator('#vote-comment').fill('同意');
    await pick(page, 'vote-copy-to', '何佳琪');
    await page.keyboard.press('Escape');
    // leaving the picker clears its search text and reflows the form: settle that before the
    // click, or the button can move between the press and the release and take no click
    await page.locator('#vote-comment').click();
    await expect.poll(() => page.locator('.el-select-dropdown:visible').count()).toBe(0);
    const completed = page.waitForResponse(
      (r) => r.url().endsWith(`/api/tasks/${task.id}/complete`) && r.request().method() === 'POST',
    );
    await page.getByTestId('vote-submit').click();
    expect((await completed).status()).toBe(200);
    await page.waitForURL('**/inbox');
    const trail = await apiGet<{ action: string; targetName: string | null }[]>(
      page,
      `/instances/${instanceId}/trail`,
    );
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'task.approver-added',
        'task.approver-removed',
        'task.vote-approved',
        'task.copied',
      ]),
    );
  });

  it('the person copied finds it under 抄送我的, unread until opened read-only', async () => {
    const { page } = await as(COMMITTEE);
    await page.goto('/inbox');
    await page.getByTestId('inbox-tab-copies').click();
    const table = page.getByTestId('copies-table');
    await table.waitFor();
    const row = table.locator('tr', { hasText: '支委会签' }).first();
    await row.getByText('未读').waitFor();
    await expectAccessible(page);
    await row.getByRole('button', { name: '查看' }).click();
    await page.waitForURL('**/tasks/**');
    await page.getByTestId('vote-round').waitFor();
    await expect(page.getByTestId('vote-submit').count()).resolves.toBe(0);
    await expectAccessible(page);
    await page.goto('/inbox');
    await page.getByTestId('inbox-tab-copies').click();
    await page
      .getByTestId('copies-table')
      .locator('tr', { hasText: '支委会签' })
      .first()
      .getByText('已读')
      .waitFor();
  });
});
