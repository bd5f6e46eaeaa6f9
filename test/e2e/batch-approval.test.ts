import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/a11y';
import { apiCall, apiGet, serverNow } from './support/api';
import { launchBrowser, openAs, PHONE, screenshot, type UserPage } from './support/browser';
import { checkTabsAfterTest } from './support/failure';
import { taskOfInstance, unitOfRole } from './support/flows';
import { horizontalOverflow } from './support/usability';

/** The secretary of C1-B3, a branch of 张书记's committee C1 no other browser test plans for. */
const SECRETARY = 'c1b3_secretary';
const COMMITTEE = 'committee_secretary';

interface Plan {
  id: string;
  instanceId: string;
  status: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The month `ahead` months after the server's, and 10:00 (Beijing) on its 10th. */
function monthAhead(now: Date, ahead: number, topic: string) {
  const beijing = new Date(now.getTime() + 8 * 3_600_000);
  const plannedAt = new Date(
    Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth() + ahead, 10, 2, 0, 0),
  );
  const month = `${plannedAt.getUTCFullYear()}-${pad(plannedAt.getUTCMonth() + 1)}`;
  return { month, plannedAt: plannedAt.toISOString(), topic };
}

/** Polls until the instance has an open task in the tab (its flow starts it right after). */
async function openTask(page: Page, tab: 'mine' | 'claimable', instanceId: string) {
  for (let attempt = 0; attempt < 40; attempt++) {
    const task = await taskOfInstance(page, tab, 'monthly-plan', instanceId);
    if (task) return task;
    await page.waitForTimeout(250);
  }
  throw new Error(`no ${tab} task for instance ${instanceId}`);
}

/** The branch secretary drafts and submits the plan through its form (set-up through the API). */
async function draft(page: Page, plan: Plan, input: ReturnType<typeof monthAhead>) {
  const task = await openTask(page, 'claimable', plan.instanceId).catch(() =>
    openTask(page, 'mine', plan.instanceId),
  );
  const form = await apiGet<{ context: { members: { id: string }[] } }>(
    page,
    `/task-forms/${task.id}`,
  );
  const owner = (i: number) => form.context.members[i % form.context.members.length]!.id;
  await apiCall(page, 'POST', `/task-forms/${task.id}`, {
    topic: input.topic,
    plannedAt: input.plannedAt,
    place: '支部活动室',
    meetingTypes: ['member_assembly'],
    segments: ['study', 'lecture', 'report'].map((key, i) => ({
      key,
      ownerId: owner(i),
      content: `${key}：${input.topic}`,
    })),
    activity: null,
  });
}

describe('批量审批 of monthly plans (issue 19 point 11)', () => {
  let browser: Browser;
  const users: UserPage[] = [];
  /** Plan-approval task ids: the month before, the clean plan, the plan returned once. */
  const tasks = { previous: '', clean: '', returned: '' };

  async function as(username: string, screen?: typeof PHONE): Promise<UserPage> {
    const user = await openAs(browser, username, screen);
    users.push(user);
    return user;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    const secretary = await as(SECRETARY);
    const committee = await as(COMMITTEE);
    const branchId = await unitOfRole(secretary.page, 'branch_secretary');
    const now = await serverNow();
    const months = {
      previous: monthAhead(now, 3, '学习党章党规'),
      clean: monthAhead(now, 4, '学习贯彻全会精神'),
      returned: monthAhead(now, 5, '主题党日活动'),
    };
    for (const key of ['previous', 'clean', 'returned'] as const) {
      const plan = await apiCall<Plan>(secretary.page, 'POST', '/plans', {
        branchId,
        month: months[key].month,
      });
      await draft(secretary.page, plan, months[key]);
      const approval = await openTask(committee.page, 'claimable', plan.instanceId);
      tasks[key] = approval.id;
      if (key === 'returned') {
        await apiCall(committee.page, 'POST', `/task-forms/${approval.id}`, {
          decision: 'return',
          comment: '请细化活动安排',
        });
        await draft(secretary.page, plan, months[key]);
        tasks[key] = (await openTask(committee.page, 'claimable', plan.instanceId)).id;
      }
    }
    await secretary.context.close();
    await committee.context.close();
  });

  afterEach((context) => checkTabsAfterTest(context, users));

  afterAll(async () => {
    await browser?.close();
  });

  it('the committee opens 批量审批 from the inbox: each plan against the month before, the returned one held back', async () => {
    const { page } = await as(COMMITTEE);
    await page.goto('/inbox');
    await page.getByTestId('inbox-batch-approval').waitFor();
    await expectAccessible(page);
    await page.getByTestId('inbox-batch-approval').click();
    await page.waitForURL('**/inbox/batch-approval');

    const clean = page.getByTestId(`batch-item-${tasks.clean}`);
    await clean.waitFor();
    await clean.getByTestId('batch-change-topic').waitFor();
    await clean.getByText('上月：学习党章党规').waitFor();
    await clean.getByText('本月：学习贯彻全会精神').waitFor();
    expect(await clean.getByTestId('batch-warnings').count()).toBe(0);

    const returned = page.getByTestId(`batch-item-${tasks.returned}`);
    await returned.getByTestId('batch-warnings').getByText('该计划曾被退回').waitFor();
    await expect
      .poll(() => returned.getByTestId('batch-choose').locator('input').isDisabled())
      .toBe(true);
    await screenshot(page, 'batch-1-preview');
    await expectAccessible(page);
  });

  it('approves the chosen plans after confirming; the report names the one that could not go through', async () => {
    const { page } = await as(COMMITTEE);
    await page.goto('/inbox/batch-approval');
    await page.getByTestId(`batch-item-${tasks.clean}`).getByTestId('batch-choose').click();
    await page.getByTestId(`batch-item-${tasks.previous}`).getByTestId('batch-choose').click();
    await page.getByTestId('batch-approve').getByText('批量审批通过（2）').waitFor();

    // meanwhile the month-before plan is approved on its own page (here: through the API)
    await apiCall(page, 'POST', `/task-forms/${tasks.previous}`, { decision: 'approve' });

    await page.getByTestId('batch-approve').click();
    const confirm = page.locator('.el-message-box');
    await confirm.getByText('确定审批通过所选的 2 份月度计划？').waitFor();
    await confirm.getByRole('button', { name: /确定|OK/ }).click();

    const report = page.getByTestId('batch-report');
    await report.getByText('已审批通过 1 份，未通过 1 份').waitFor();
    expect(await report.getByTestId('batch-refused').textContent()).toContain('任务已办结');
    await page.getByTestId(`batch-item-${tasks.clean}`).waitFor({ state: 'detached' });
    await screenshot(page, 'batch-2-report');
    await expectAccessible(page);

    const trail = await apiGet<{ action: string; taskId: string | null }[]>(
      page,
      `/instances/${(await apiGet<{ instanceId: string }>(page, `/tasks/${tasks.clean}`)).instanceId}/trail`,
    );
    expect(trail).toContainEqual(
      expect.objectContaining({ action: 'task.batch-approved', taskId: tasks.clean }),
    );
  });

  it('works on a phone: the list fits the screen and the held-back plan opens on its own page', async () => {
    const { page } = await as(COMMITTEE, PHONE);
    await page.goto('/inbox');
    await page.getByTestId('inbox-batch-approval').click();
    const returned = page.getByTestId(`batch-item-${tasks.returned}`);
    await returned.waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'batch-3-phone');
    await expectAccessible(page);
    await returned.getByTestId('batch-open').click();
    await page.waitForURL(`**/tasks/${tasks.returned}`);
    await page.getByTestId('plan-summary').waitFor();
    await expectAccessible(page);
  });
});
