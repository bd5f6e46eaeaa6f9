import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { advanceServerClock, apiCall, apiGet, serverNow } from './support/api';
import { launchBrowser, openAs, screenshot, type UserPage } from './support/browser';
import { claimAndOpen, pickOption, submitted } from './support/inbox';
import { pdfPages } from './support/pdf';
import { expectAccessible } from './support/a11y';
import { checkTabsAfterTest } from './support/failure';

interface Me {
  roles: { role: string; orgUnitId: string }[];
}
interface Plan {
  id: string;
  instanceId: string;
  status: string;
  revision: number;
  plannedAt: string | null;
}

const DRAFT = /起草月度计划/;
const APPROVE = /二级党组织审批/;
const RECORD = /记录组织生活/;
const SEGMENTS = ['study', 'lecture', 'report'] as const;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The 10th of the month after the server's, 10:00 on the app's clock (Asia/Shanghai, UTC+8):
 * in the plan's month and in the future.
 */
function sessionDay(now: Date): { month: string; plannedAt: Date; typed: string } {
  const beijing = new Date(now.getTime() + 8 * 3_600_000);
  const plannedAt = new Date(
    Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth() + 1, 10, 10 - 8, 0, 0),
  );
  const month = `${plannedAt.getUTCFullYear()}-${pad(plannedAt.getUTCMonth() + 1)}`;
  return { month, plannedAt, typed: `${month}-10 10:00` };
}

describe('a monthly plan from draft to the recorded session', () => {
  let browser: Browser;
  const users: UserPage[] = [];
  let plan: Plan;
  let day: ReturnType<typeof sessionDay>;

  const open = new Map<string, UserPage>();

  /** The user's signed-in tab, reused across steps; `fresh` signs in again (after a clock jump). */
  async function as(username: string, fresh = false): Promise<UserPage> {
    const current = open.get(username);
    if (current && !fresh) return current;
    await current?.context.close();
    const user = await openAs(browser, username);
    users.push(user);
    open.set(username, user);
    return user;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    // given a plan flow the secretary's branch started for next month (set-up through the API)
    const secretary = await as('branch_secretary');
    const me = await apiGet<Me>(secretary.page, '/me');
    const branchId = me.roles.find((r) => r.role === 'branch_secretary')?.orgUnitId;
    day = sessionDay(await serverNow());
    plan = await apiCall<Plan>(secretary.page, 'POST', '/plans', { branchId, month: day.month });
  });

  afterEach((context) => checkTabsAfterTest(context, users));

  afterAll(async () => {
    await browser?.close();
  });

  it('the branch secretary drafts the plan with three segments and submits it', async () => {
    const { page } = await as('branch_secretary');
    await claimAndOpen(page, DRAFT);

    await page.locator('#plan-topic').fill('学习贯彻党的创新理论');
    await page.locator('#plan-planned-at').fill(day.typed);
    await page.locator('#plan-planned-at').press('Enter');
    await page.locator('#plan-place').fill('党员活动室');
    await page.getByTestId('meeting-member_assembly').click();
    for (const [index, key] of SEGMENTS.entries()) {
      await page.getByTestId(`segment-${key}`).click();
      await pickOption(page, `segment-owner-${key}`, index);
      await page.getByTestId(`segment-content-${key}`).fill(`${key} 环节：集体学习与交流`);
    }
    await screenshot(page, 'plan-1-drafted');
    await page.getByTestId('plan-submit').click();
    await submitted(page);
    await page.locator('.el-message', { hasText: '已提交' }).waitFor();

    const saved = await apiGet<Plan>(page, `/plans/${plan.id}`);
    expect(saved.status).toBe('submitted');
    expect(new Date(saved.plannedAt ?? '').getTime()).toBe(day.plannedAt.getTime());
  });

  it('the committee returns the plan with a comment', async () => {
    const { page } = await as('committee_secretary');
    await claimAndOpen(page, APPROVE);

    await page.getByTestId('approval-comment').fill('请补充“议”环节，并明确主题党日安排');
    await screenshot(page, 'plan-2-returned');
    await page.getByTestId('return').click();
    await submitted(page);
    await page.locator('.el-message', { hasText: '已退回' }).waitFor();

    expect((await apiGet<Plan>(page, `/plans/${plan.id}`)).status).toBe('returned');
  });

  it('the returned plan is back in the secretary’s 待办, flagged 已退回 with the comment', async () => {
    const { page } = await as('branch_secretary');
    await page.goto('/inbox');
    const row = page.locator('[data-testid="inbox-table"] tbody tr', { hasText: DRAFT }).first();
    await row.getByTestId('task-returned').waitFor();
    expect(await row.getByTestId('task-returned').textContent()).toMatch(/已退回.*请补充“议”环节/);
    await screenshot(page, 'plan-3-returned-in-inbox');
    await row.getByTestId('task-open').click();
    await page.waitForURL('**/tasks/**');

    await page.getByTestId('plan-returned').waitFor();
  });

  it('the secretary revises the plan and submits it again', async () => {
    const { page } = await as('branch_secretary');
    await page.getByTestId('segment-review').click();
    await pickOption(page, 'segment-owner-review', 0);
    await page.getByTestId('segment-content-review').fill('党员评议支部工作，相互评议');
    await screenshot(page, 'plan-3-revised');
    await page.getByTestId('plan-submit').click();
    await submitted(page);

    const revised = await apiGet<Plan>(page, `/plans/${plan.id}`);
    expect(revised.status).toBe('submitted');
    expect(revised.revision).toBe(2);
  });

  it('the committee approves the revised plan', async () => {
    const { page } = await as('committee_secretary');
    await claimAndOpen(page, APPROVE);

    await page.getByTestId('approval-comment').fill('同意');
    await screenshot(page, 'plan-4-approved');
    await page.getByTestId('approve').click();
    await submitted(page);
    await page.locator('.el-message', { hasText: '已批准' }).waitFor();

    // the approval is marked by a service task the job executor runs shortly after
    await expect
      .poll(async () => (await apiGet<Plan>(page, `/plans/${plan.id}`)).status, { timeout: 30_000 })
      .toBe('approved');
  });

  it('on the session day the secretary records the session', async () => {
    // given the server clock moved past the planned session time (the session timer fires)
    const committee = await as('committee_secretary');
    const now = await serverNow();
    await advanceServerClock(day.plannedAt.getTime() + 3_600_000 - now.getTime());
    await committee.context.close();
    open.delete('committee_secretary');

    // when the secretary, signed in afresh on the new day, records every segment
    const { page } = await as('branch_secretary', true);
    // the session timer fires on the job executor's next poll, which creates the record task
    await expect
      .poll(
        async () => {
          const { items } = await apiGet<{ items: { formKey: string | null }[] }>(
            page,
            '/tasks?tab=claimable&pageSize=100',
          );
          return items.some((task) => task.formKey === 'orglife:session-record');
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await claimAndOpen(page, RECORD);
    for (const key of [...SEGMENTS, 'review']) {
      await page.getByTestId(`segment-record-${key}`).fill(`${key}：按计划完成`);
    }
    await screenshot(page, 'plan-5-session-record');
    await page.getByTestId('session-submit').click();
    await submitted(page);

    // then the session is recorded for the plan
    const sessions = await apiGet<
      { items?: { planId: string; status: string }[] } | { planId: string; status: string }[]
    >(page, '/sessions');
    const list = Array.isArray(sessions) ? sessions : (sessions.items ?? []);
    expect(list.find((s) => s.planId === plan.id)?.status).toBe('recorded');
  });

  it('the recorded 台账 prints whole on A4 pages, every section included', async () => {
    const { page } = await as('branch_secretary');
    const sessions = await apiGet<{ id: string; planId: string }[]>(page, '/sessions');
    const session = sessions.find((s) => s.planId === plan.id)!;
    await page.goto(`/sessions/${session.id}/print`);
    await page.getByText('总结', { exact: true }).waitFor();

    const pages = await pdfPages(await page.pdf({ format: 'A4', printBackground: true }));

    const text = pages.join('').replace(/\s+/g, '');
    for (const heading of [
      '党员集中组织生活台账',
      '考勤',
      '环节',
      '交流发言',
      '党课',
      '三汇报',
      '决定事项',
      '总结',
    ]) {
      expect(text, `the PDF lacks the heading ${heading}`).toContain(heading);
    }
    // (the text is NFKC-normalised: the full-width colon reads as ':')
    expect(text).toContain('report：按计划完成'.normalize('NFKC'));
    expect(text, 'the app menu is not printed').not.toContain('退出');
  });

  it('the secretary corrects the record (更正) with a reason, and the record lists the correction', async () => {
    const { page } = await as('branch_secretary');
    const sessions = await apiGet<{ id: string; planId: string }[]>(page, '/sessions');
    const session = sessions.find((s) => s.planId === plan.id)!;
    await page.goto(`/sessions/${session.id}/print`);
    await page.getByText('总结', { exact: true }).waitFor();
    await page.getByTestId('correct-session').click();
    const dialog = page.getByTestId('correct-dialog');
    await dialog.waitFor();

    // without a reason the dialog refuses to send
    await dialog.getByTestId('correct-submit').click();
    await dialog.getByText('必填').first().waitFor();

    // when one member is recorded as on leave instead of present, with a reason
    const row = dialog.locator('[data-testid^="attendance-row-"]').last();
    const name = (await row.locator('th').textContent())?.trim() ?? '';
    await row.locator('.el-radio-button', { hasText: '请假' }).click();
    await row.locator('input[type="text"]').fill('外出培训');
    await dialog.getByTestId('correct-reason').fill('考勤登记有误，该同志当天请假');
    await screenshot(page, 'plan-5b-session-correction');
    await dialog.getByTestId('correct-submit').click();
    await dialog.waitFor({ state: 'hidden' });

    // then the printed record lists the correction with its reason and before/after
    await page.getByText('更正记录').waitFor();
    await page.getByText('考勤登记有误，该同志当天请假').waitFor();
    await page.getByText(`${name}：请假（外出培训）`).waitFor();
    const view = await apiGet<{ attendance: { status: string }[]; corrections: unknown[] }>(
      page,
      `/sessions/${session.id}`,
    );
    expect(view.corrections).toHaveLength(1);
    expect(view.attendance.filter((a) => a.status === 'leave')).toHaveLength(1);
  });

  it('the OD user sees the plan instance with completed steps and its live token on the diagram', async () => {
    const { page } = await as('od_admin');
    await page.goto('/instances');
    await expectAccessible(page);
    await page.getByTestId('instances-filter-process').click();
    await page
      .locator('.el-select-dropdown__item:visible', { hasText: '月度组织生活计划' })
      .click();
    await page.getByTestId('instances-search').click();
    await page.locator('[data-testid="instances-row"]').first().waitFor();
    // this file's plan (other files start plans too in the shared server; the list is newest first)
    await page.goto(`/instances/${plan.instanceId}`);

    await page
      .locator('.djs-element.instance-completed[data-element-id="Task_DraftPlan"]')
      .waitFor();
    await page.locator('[data-testid="instance-token"][data-element-id="Call_Session"]').waitFor();
    expect(
      await page
        .locator('[data-testid="instance-token"][data-element-id="Call_Session"]')
        .textContent(),
    ).toBe('1');
    await screenshot(page, 'plan-6-instance-diagram');
  });
});
