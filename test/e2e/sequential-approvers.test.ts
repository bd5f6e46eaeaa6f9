import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/a11y';
import { apiGet } from './support/api';
import { launchBrowser, openAs, PHONE, screenshot, type UserPage } from './support/browser';
import { checkTabsAfterTest } from './support/failure';
import { deployFlow, me, startInstance, taskOfInstance, unitOfRole } from './support/flows';

const PROCESS = 'e2e-sequential';
const SECRETARY = 'c1b2_secretary';
/** 何佳琪, branch committee member of C1-B2. */
const COMMITTEE = 'c1b2_committee';

function flow(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="seq_definitions" targetNamespace="https://orglife.example/e2e">
  <bpmn:process id="${PROCESS}" name="浏览器测试：加签" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Approve" name="书记审批">
      <bpmn:extensionElements><zeebe:assignmentDefinition assignee="=approver" /></bpmn:extensionElements>
      <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="End"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Approve" />
    <bpmn:sequenceFlow id="F2" sourceRef="Approve" targetRef="End" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="seq_diagram"><bpmndi:BPMNPlane id="seq_plane" bpmnElement="${PROCESS}">
    <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="100" y="102" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Approve_di" bpmnElement="Approve"><dc:Bounds x="190" y="80" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="End_di" bpmnElement="End"><dc:Bounds x="340" y="102" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="F1_di" bpmnElement="F1"><di:waypoint x="136" y="120" /><di:waypoint x="190" y="120" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="F2_di" bpmnElement="F2"><di:waypoint x="290" y="120" /><di:waypoint x="340" y="120" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

describe('前加签 / 后加签 in the browser (issue 19 point 2)', () => {
  let browser: Browser;
  const users: UserPage[] = [];
  let instanceId: string;
  let taskId: string;

  async function as(username: string, screen?: typeof PHONE): Promise<UserPage> {
    const user = await openAs(browser, username, screen);
    users.push(user);
    return user;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    const od = await as('od_admin');
    await deployFlow(od.page, flow());
    await od.context.close();
    const secretary = await as(SECRETARY);
    const branchId = await unitOfRole(secretary.page, 'branch_secretary');
    const instance = await startInstance(secretary.page, PROCESS, branchId, {
      variables: { approver: (await me(secretary.page)).id },
    });
    instanceId = instance.id;
    const task = await taskOfInstance(secretary.page, 'mine', PROCESS, instanceId);
    if (!task) throw new Error('no open task for the secretary');
    taskId = task.id;
    await secretary.context.close();
  });

  afterEach((context) => checkTabsAfterTest(context, users));

  afterAll(async () => {
    await browser?.close();
  });

  it('the approver adds 何佳琪 before themselves (前加签) and waits', async () => {
    const { page } = await as(SECRETARY);
    await page.goto(`/tasks/${taskId}`);
    await page.getByTestId('task-add-before').click();
    const dialog = page.getByTestId('sequential-add-dialog');
    await page.getByTestId('sequential-person').locator('input').fill('何佳琪');
    await page.locator('.el-select-dropdown__item:visible', { hasText: '何佳琪' }).first().click();
    await dialog.locator('#sequential-reason').fill('请支委先把关');
    await expectAccessible(page);
    await dialog.getByTestId('sequential-confirm').click();
    await page.locator('.el-message--success', { hasText: '已加签给 何佳琪' }).waitFor();
    await page.getByTestId('sequential-waiting').getByText('已前加签给 何佳琪').waitFor();
    await page.getByTestId('sequential-list').getByText('请支委先把关').waitFor();
    await screenshot(page, 'sequential-1-waiting');
    await expectAccessible(page);
  });

  it('何佳琪 gives an opinion on the phone; the task returns to the approver', async () => {
    const { page } = await as(COMMITTEE, PHONE);
    await page.goto(`/tasks/${taskId}`);
    const card = page.getByTestId('sequential-act');
    await card.waitFor();
    await card.getByText('提交意见后，任务交回').waitFor();
    await card.getByText('同意', { exact: true }).click();
    await page.locator('#sequential-comment').fill('内容可行');
    await screenshot(page, 'sequential-2-opinion-phone');
    await expectAccessible(page);
    await card.getByTestId('sequential-submit').click();
    await page.locator('.el-message--success', { hasText: '已提交加签意见' }).waitFor();
    // the task went back to the approver: the added person is back in their inbox
    await page.waitForURL('**/inbox');
    const trail = await apiGet<{ action: string; reason: string | null }[]>(
      page,
      `/instances/${instanceId}/trail`,
    );
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining(['task.approver-added', 'task.added-approved']),
    );
  });

  it('the approver is refused adding 何佳琪 a second time (不能重复加签)', async () => {
    const approver = await as(SECRETARY);
    const { page } = approver;
    await page.goto(`/tasks/${taskId}`);
    await page.getByTestId('sequential-list').getByText('内容可行').waitFor();
    await page.getByTestId('task-add-after').click();
    const dialog = page.getByTestId('sequential-add-dialog');
    await page.getByTestId('sequential-person').locator('input').fill('何佳琪');
    await page.locator('.el-select-dropdown__item:visible', { hasText: '何佳琪' }).first().click();
    await dialog.getByTestId('sequential-confirm').click();
    await dialog.getByText('不能重复加签').waitFor();
    await expectAccessible(page);
    // the refusal's 409 is the one expected console error
    const expected = approver.errors.filter((e) => e.includes('409'));
    expect(expected.length).toBe(1);
    approver.errors.splice(approver.errors.indexOf(expected[0]!), 1);
  });

  it('the instance diagram counts the approvers added on the step', async () => {
    const { page } = await as('od_admin');
    await page.goto(`/instances/${instanceId}`);
    const badge = page
      .getByTestId('instance-verb')
      .and(page.locator('[data-element-id="Approve"]'));
    await badge.filter({ hasText: '加签 1' }).waitFor();
    expect(await badge.getAttribute('title')).toContain('请支委先把关');
    await expectAccessible(page);
  });
});
