/**
 * The whole month by clicking: every step of a branch's month, from the study content to the
 * quarter's 先锋创绩 comments, done by the demo role that owns it through the page a person uses.
 * Each step leaves a screenshot (test-artifacts/screenshots/month-NN-*.png) and passes axe-core.
 * The clock moves forward through the session day, the look-back delay and the quarter's end;
 * every tab signs in afresh after a move (the refresh token would have expired).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { advanceServerClock, apiCall, apiGet, serverNow } from './support/api';
import { launchBrowser, openAs, screenshot, type UserPage } from './support/browser';
import { checkTabsAfterTest } from './support/failure';
import { unitOfRole } from './support/flows';
import { openTaskById, pickOption, submitted } from './support/inbox';
import { expectAccessible } from './support/a11y';
import { technicalTexts } from './support/usability';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BEIJING = 8 * HOUR;
const pad = (n: number) => String(n).padStart(2, '0');
/** A 1×1 PNG: what a phone's camera hands the page, as far as the upload goes. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** The plan's segments as the branch names them in its records. */
const SEGMENT_NAMES: Record<string, string> = {
  study: '学习',
  lecture: '讲党课',
  report: '三汇报',
  review: '评议',
};

interface Task {
  id: string;
  formKey: string | null;
  createdAt: string;
  variables: Record<string, unknown>;
}
interface Plan {
  id: string;
  branchId: string;
  status: string;
  revision: number;
}

/** The calendar date `ms` after `at`, on the app's clock (Asia/Shanghai), as YYYY-MM-DD. */
const dayAfter = (at: Date, ms: number) =>
  new Date(at.getTime() + ms + BEIJING).toISOString().slice(0, 10);

describe('a branch’s whole month, by clicking, each step by the role that owns it', () => {
  let browser: Browser;
  const users: UserPage[] = [];
  const open = new Map<string, UserPage>();
  let shot = 0;
  /** Technical texts the steps showed (checked at the end, so one does not stop the month). */
  const technical: string[] = [];
  /** The month played: the first month ahead with neither study content nor a C1-B1 plan. */
  let month: string;
  let sessionAt: Date;
  let branchId: string;
  let rectificationId: string;

  /** The user's signed-in tab, reused across steps. */
  async function as(username: string): Promise<Page> {
    const current = open.get(username);
    if (current) return current.page;
    const user = await openAs(browser, username);
    users.push(user);
    open.set(username, user);
    return user.page;
  }

  /**
   * Moves the server clock to `at`, everyone signed out first: their tokens are too old after the
   * move (and a tab left open would meet 401s).
   */
  async function clockTo(at: Date) {
    for (const user of open.values()) {
      expect(user.errors, 'browser console errors and page errors').toEqual([]);
      await user.context.close();
      users.splice(users.indexOf(user), 1);
    }
    open.clear();
    const now = await serverNow();
    if (at > now) await advanceServerClock(at.getTime() - now.getTime());
  }

  /**
   * What the person sees at this step: a screenshot, no serious axe-core finding, and no id,
   * UUID, ISO time or English enum value in the Chinese page.
   */
  async function step(page: Page, name: string) {
    await page.waitForLoadState('networkidle');
    await screenshot(page, `month-${pad(++shot)}-${name}`);
    await expectAccessible(page, true);
    for (const text of await technicalTexts(page)) technical.push(`${name}: ${text}`);
  }

  /**
   * Waits until the signed-in user has an open task of `formKey` (a timer or job makes it) and
   * returns the newest: other files in the same server may have left older tasks of that form.
   */
  async function taskAppears(page: Page, formKey: string, where = (_: Task) => true) {
    let found: Task | undefined;
    await expect
      .poll(
        async () => {
          const tabs = await Promise.all(
            ['mine', 'claimable'].map((tab) =>
              apiGet<{ items: Task[] }>(page, `/tasks?tab=${tab}&pageSize=100`),
            ),
          );
          const listed = tabs.flatMap((t) => t.items).filter((t) => t.formKey === formKey);
          // the inbox lists no variables: the task itself has them
          const tasks = await Promise.all(listed.map((t) => apiGet<Task>(page, `/tasks/${t.id}`)));
          found = tasks
            .filter((t) => where(t))
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
          return found !== undefined;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    return found!;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    const secretary = await as('branch_secretary');
    branchId = await unitOfRole(secretary, 'branch_secretary');
    const now = new Date((await serverNow()).getTime() + BEIJING);
    for (let ahead = 1; ; ahead++) {
      const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + ahead, 1));
      month = first.toISOString().slice(0, 7);
      const contents = await apiGet<unknown[]>(secretary, `/study-contents?month=${month}`);
      const plans = await apiGet<Plan[]>(secretary, `/plans?month=${month}`);
      if (contents.length === 0 && !plans.some((p) => p.branchId === branchId)) break;
    }
    // the session: the 10th of that month, 14:30 in Beijing
    sessionAt = new Date(`${month}-10T06:30:00.000Z`);
  });
  // each step continues where the last one left the month: after a failure the rest cannot run
  let broken = false;
  beforeEach((context) => {
    if (broken) context.skip();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') broken = true;
    await checkTabsAfterTest(context, users).catch((error: unknown) => {
      broken = true;
      throw error;
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('OD drafts the month’s study content and publishes it', async () => {
    const page = await as('od_admin');
    await page.goto('/study');
    await page.getByTestId('study-create').click();
    const month_ = page.locator('[data-testid="study-month"] input');
    await month_.fill(month);
    await month_.press('Enter');
    await page.getByTestId('study-new-title').fill(`${month} 学习内容：党章与党的创新理论`);
    const topic = page.getByRole('dialog').getByPlaceholder('输入后回车添加');
    await topic.fill('学习党章');
    await topic.press('Enter');
    await step(page, 'study-content-draft');
    await page.getByTestId('study-save').click();
    await page.locator('.el-message', { hasText: /./ }).first().waitFor();

    await openTaskById(page, (await taskAppears(page, 'orglife:study-content-publish')).id);
    await page.getByTestId('study-title').waitFor();
    await step(page, 'study-content-publish');
    await page.getByTestId('study-submit').click();
    await submitted(page);
  });

  it('the committee secretary adds C1’s theme and arrangement', async () => {
    const page = await as('committee_secretary');
    await openTaskById(page, (await taskAppears(page, 'orglife:study-arrangement')).id);
    await page.getByTestId('study-theme').fill('立足岗位作贡献');
    await page.getByTestId('study-arrangement').fill('10日下午集中组织生活');
    await step(page, 'study-arrangement');
    await page.getByTestId('study-submit').click();
    await submitted(page);
  });

  it('the branch secretary drafts the plan and submits it', async () => {
    const page = await as('branch_secretary');
    await openTaskById(
      page,
      (await taskAppears(page, 'orglife:plan-draft', (t) => t.variables['month'] === month)).id,
    );
    await page.locator('#plan-topic').fill('学习贯彻党章，立足岗位作贡献');
    const typed = `${month}-10 14:30`;
    await page.locator('#plan-planned-at').fill(typed);
    await page.locator('#plan-planned-at').press('Enter');
    await page.locator('#plan-place').fill('党员活动室');
    await page.getByTestId('meeting-member_assembly').click();
    for (const [index, key] of ['study', 'lecture', 'report'].entries()) {
      await page.getByTestId(`segment-${key}`).click();
      await pickOption(page, `segment-owner-${key}`, index);
      await page
        .getByTestId(`segment-content-${key}`)
        .fill(`${SEGMENT_NAMES[key]}：集体学习与交流`);
    }
    await step(page, 'plan-draft');
    await page.getByTestId('plan-submit').click();
    await submitted(page);
    await page.locator('.el-message', { hasText: '已提交' }).waitFor();
  });

  it('the committee secretary returns the plan with a comment', async () => {
    const page = await as('committee_secretary');
    await openTaskById(
      page,
      (
        await taskAppears(
          page,
          'orglife:plan-approval',
          (t) => t.variables['branchId'] === branchId,
        )
      ).id,
    );
    await page.getByTestId('approval-comment').fill('请补充“评”环节');
    await step(page, 'plan-return');
    await page.getByTestId('return').click();
    await submitted(page);
    await page.locator('.el-message', { hasText: '已退回' }).waitFor();
  });

  it('the branch secretary revises the returned plan from 待办 and submits it again', async () => {
    const page = await as('branch_secretary');
    await openTaskById(
      page,
      (await taskAppears(page, 'orglife:plan-draft', (t) => t.variables['month'] === month)).id,
    );
    await page.getByTestId('plan-returned').waitFor();
    await page.getByTestId('segment-review').click();
    await pickOption(page, 'segment-owner-review', 0);
    await page.getByTestId('segment-content-review').fill('党员相互评议');
    await step(page, 'plan-revise');
    await page.getByTestId('plan-submit').click();
    await submitted(page);
  });

  it('the committee secretary approves the revised plan', async () => {
    const page = await as('committee_secretary');
    await openTaskById(
      page,
      (
        await taskAppears(
          page,
          'orglife:plan-approval',
          (t) => t.variables['branchId'] === branchId,
        )
      ).id,
    );
    await page.getByTestId('approval-comment').fill('同意');
    await step(page, 'plan-approve');
    await page.getByTestId('approve').click();
    await submitted(page);
    await page.locator('.el-message', { hasText: '已批准' }).waitFor();
    const plans = await apiGet<Plan[]>(page, `/plans?month=${month}`);
    await expect
      .poll(async () => {
        const plan = plans.find((p) => p.branchId === branchId)!;
        return (await apiGet<Plan>(page, `/plans/${plan.id}`)).status;
      })
      .toBe('approved');
  });

  it('a member confirms their self-study before the session', async () => {
    const page = await as('member');
    await openTaskById(page, (await taskAppears(page, 'orglife:self-study-confirm')).id);
    await page.getByTestId('self-study-note').fill('已自学党章第一章');
    await step(page, 'self-study');
    await page.getByTestId('self-study-submit').click();
    await submitted(page);
  });

  it('on the day, the branch secretary records the session with a photo and the sign-in sheet', async () => {
    await clockTo(new Date(sessionAt.getTime() + HOUR));
    const page = await as('branch_secretary');
    await openTaskById(page, (await taskAppears(page, 'orglife:session-record')).id);
    for (const key of ['study', 'lecture', 'report', 'review'])
      await page.getByTestId(`segment-record-${key}`).fill(`${SEGMENT_NAMES[key]}：按计划完成`);
    // one member reports on their work (members review it afterwards)
    await page.getByTestId('reports-add').click();
    const report = page.getByTestId('reports-row').first();
    await report.locator('.el-select').first().click();
    await page.locator('.el-select-dropdown__item:visible').first().click();
    await report.locator('input[aria-label="内容"], .grow input').last().fill('完成支部宣传任务');
    // the photo comes from the phone's camera input, the signed sheet from the file picker
    await page
      .getByTestId('attachment-camera')
      .setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG });
    await page
      .getByTestId('attachment-input')
      .setInputFiles({ name: '签到表.png', mimeType: 'image/png', buffer: PNG });
    const attachments = page.locator('[data-testid="session-attachments"] .attachment');
    await expect.poll(() => attachments.count()).toBe(2);
    await attachments.nth(1).locator('.el-select').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '签到表' }).click();
    await step(page, 'session-record');
    await page.getByTestId('session-submit').click();
    await submitted(page);
  });

  it('the branch secretary writes the summary', async () => {
    const page = await as('branch_secretary');
    await openTaskById(page, (await taskAppears(page, 'orglife:session-summary')).id);
    await page.getByTestId('session-summary').fill('本次组织生活按计划完成，发言充分。');
    await step(page, 'session-summary');
    await page.getByTestId('summary-submit').click();
    await submitted(page);
  });

  it('a member reviews the branch and the reports; the secretary comments', async () => {
    const member = await as('member');
    await openTaskById(member, (await taskAppears(member, 'orglife:member-review')).id);
    await member.getByTestId('review-opinion').fill('组织有序，内容充实');
    for (const input of await member
      .locator('[data-testid="member-review-form"] .el-form-item input:not([type="hidden"])')
      .all())
      if ((await input.inputValue()) === '') await input.fill('汇报具体，作用明显');
    await step(member, 'member-review');
    await member.getByTestId('member-review-submit').click();
    await submitted(member);

    const page = await as('branch_secretary');
    await openTaskById(page, (await taskAppears(page, 'orglife:secretary-comments')).id);
    for (const input of await page.locator('input[data-testid^="comment-"]').all())
      await input.fill('汇报认真，继续发挥先锋作用');
    await step(page, 'secretary-comments');
    await page.getByTestId('comments-submit').click();
    await submitted(page);
  });

  it('OD draws the spot check of the month; the inspector finds a problem at the branch', async () => {
    // the month is over: the spot check looks back at it (before the 1 o'clock timer would)
    const nextMonth = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 1));
    await clockTo(new Date(nextMonth.getTime() - BEIJING + 30 * 60_000));
    const od = await as('od_admin');
    await od.goto('/spot-checks');
    await od.getByTestId('spot-check-draw').click();
    const dialog = od.getByRole('dialog');
    const monthInput = dialog.locator('input[aria-label="月份"]');
    await monthInput.fill(month);
    await monthInput.press('Enter');
    const rate = dialog.locator('input[aria-label="抽查比例（%）"]');
    await rate.fill('100');
    await rate.press('Tab');
    await step(od, 'spot-check-draw');
    await dialog.getByRole('button', { name: '抽取' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // the draw runs on the job executor shortly after (issue 16 point 7: the list does not
    // refresh by itself yet), so the page is reloaded until the month's batch is listed
    const drawn = od.getByTestId('spot-checks').getByText(month, { exact: true });
    await expect
      .poll(async () => {
        await od.reload();
        await od.getByTestId('spot-checks').waitFor();
        await od.waitForLoadState('networkidle');
        return drawn.count();
      })
      .toBeGreaterThan(0);

    const page = await as('inspector');
    const inspect = await taskAppears(
      page,
      'orglife:spot-check-inspect',
      // this month's sample of the branch (an earlier automatic draw may have its own)
      (t) =>
        t.variables['month'] === month &&
        (t.variables['sample'] as { branchId?: string } | undefined)?.branchId === branchId,
    );
    await openTaskById(page, inspect.id);
    await page.getByTestId('spot-check-outcome').getByText('发现问题').click();
    await page.getByTestId('spot-check-notes').fill('交流发言人数偏少');
    await page.getByTestId('spot-check-notice').click();
    await page.getByTestId('findings-add').click();
    await page.getByTestId('finding-title-0').fill('交流发言覆盖面不足');
    await page
      .locator('[data-testid="findings-row"] input[aria-label="具体情况"]')
      .fill('本月仅1名党员交流发言');
    const due = page.locator('[data-testid="findings-row"] input[aria-label="整改期限"]');
    await due.fill(dayAfter(await serverNow(), 20 * DAY));
    await due.press('Enter');
    await step(page, 'spot-check-inspect');
    await page.getByTestId('spot-check-submit').click();
    await submitted(page);
  });

  it('the branch secretary proposes a rectification plan; the committee returns it once', async () => {
    const page = await as('branch_secretary');
    await openTaskById(page, (await taskAppears(page, 'orglife:rectification-plan')).id);
    await page.getByTestId('rectification-text').fill('下次组织生活全员交流发言');
    await step(page, 'rectification-plan');
    await page.getByTestId('rectification-submit').click();
    await submitted(page);

    const committee = await as('committee_secretary');
    await openTaskById(
      committee,
      (await taskAppears(committee, 'orglife:rectification-plan-review')).id,
    );
    await committee.getByTestId('rectification-text').fill('请明确时间和责任人');
    await step(committee, 'rectification-plan-return');
    await committee.getByTestId('return').click();
    await submitted(committee);
  });

  it('the revised plan is approved, the evidence submitted and the rectification closed', async () => {
    const page = await as('branch_secretary');
    await openTaskById(page, (await taskAppears(page, 'orglife:rectification-plan')).id);
    await page.getByTestId('rectification-text').fill('本月20日前，书记负责，全员交流发言');
    await step(page, 'rectification-plan-revised');
    await page.getByTestId('rectification-submit').click();
    await submitted(page);

    const committee = await as('committee_secretary');
    await openTaskById(
      committee,
      (await taskAppears(committee, 'orglife:rectification-plan-review')).id,
    );
    await step(committee, 'rectification-plan-approve');
    await committee.getByTestId('approve').click();
    await submitted(committee);

    await openTaskById(page, (await taskAppears(page, 'orglife:rectification-evidence')).id);
    await page.getByTestId('rectification-text').fill('已组织全员交流发言，附记录照片');
    await page
      .getByTestId('attachment-input')
      .setInputFiles({ name: '整改佐证.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('attachment-progress').waitFor();
    await step(page, 'rectification-evidence');
    await page.getByTestId('rectification-submit').click();
    await submitted(page);

    const od = await as('od_admin');
    const review = await taskAppears(od, 'orglife:rectification-evidence-review');
    rectificationId = String(review.variables['rectificationId'] ?? '');
    await openTaskById(od, review.id);
    await step(od, 'rectification-close');
    await od.getByTestId('approve').click();
    await submitted(od);
  });

  it('after the look-back delay the inspector re-checks, and OD issues the notice', async () => {
    const od = await as('od_admin');
    let followUpAt: string | null = null;
    await expect
      .poll(async () => {
        const detail = await apiGet<{ rectification: { followUpAt: string | null } }>(
          od,
          `/rectifications/${rectificationId}`,
        );
        followUpAt = detail.rectification.followUpAt;
        return followUpAt;
      })
      .not.toBeNull();
    await clockTo(new Date(new Date(followUpAt!).getTime() + HOUR));

    const page = await as('inspector');
    const recheck = await taskAppears(page, 'orglife:follow-up-check');
    await openTaskById(page, recheck.id);
    await page.getByTestId('rectification-text').fill('发言已覆盖全体党员');
    await step(page, 'follow-up-check');
    await page.getByTestId('rectification-submit').click();
    await submitted(page);

    const notice = await as('od_admin');
    await openTaskById(notice, (await taskAppears(notice, 'orglife:spot-check-notice')).id);
    await notice.getByTestId('notice-title').fill('关于月度抽查发现问题的通报');
    await notice.getByTestId('notice-content').fill('交流发言覆盖面不足，已整改落实。');
    await step(notice, 'spot-check-notice');
    await notice.getByTestId('notice-submit').click();
    await submitted(notice);
  });

  it('at the quarter’s end the branch secretary comments on every member’s 先锋创绩', async () => {
    let page = await as('branch_secretary');
    const hasVanguardTask = async () => {
      const tabs = await Promise.all(
        ['mine', 'claimable'].map((tab) =>
          apiGet<{ items: Task[] }>(page, `/tasks?tab=${tab}&pageSize=100`),
        ),
      );
      return tabs.some((t) => t.items.some((task) => task.formKey === 'orglife:vanguard-comments'));
    };
    // The quarterly timer: 00:00 on 20 March, June, September and December, Beijing time. The
    // earlier steps jumped the clock over 20 December, so that run fired late, in January, and
    // opened the round of the quarter it fired in; the next quarter end then finds its round
    // taken and opens nothing (one round a quarter). So up to two quarter ends are played.
    for (let jumps = 0; jumps < 2 && !(await hasVanguardTask()); jumps++) {
      const now = new Date((await serverNow()).getTime() + BEIJING);
      let quarterEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 20));
      while (quarterEnd.getUTCMonth() % 3 !== 2 || quarterEnd <= now)
        quarterEnd = new Date(
          Date.UTC(quarterEnd.getUTCFullYear(), quarterEnd.getUTCMonth() + 1, 20),
        );
      await clockTo(new Date(quarterEnd.getTime() - BEIJING + HOUR));
      page = await as('branch_secretary');
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
    await openTaskById(page, (await taskAppears(page, 'orglife:vanguard-comments')).id);
    for (const input of await page.locator('input[data-testid^="comment-"]').all())
      await input.fill('立足岗位，作用明显');
    await step(page, 'vanguard-comments');
    await page.getByTestId('comments-submit').click();
    await submitted(page);
  });

  it('a committee secretary records an on-site supervision of the branch', async () => {
    const page = await as('committee_secretary');
    // set-up: the visit is started where no page offers it yet
    await apiCall(page, 'POST', '/onsite-supervisions', { branchId });
    await openTaskById(page, (await taskAppears(page, 'orglife:onsite-supervision-record')).id);
    await page.getByTestId('inspection-text').fill('现场指导：发言准备充分，议程规范。');
    await step(page, 'onsite-supervision');
    await page.getByTestId('inspection-submit').click();
    await submitted(page);
  });

  it('the inspector records the annual inspection of a committee', async () => {
    const od = await as('od_admin');
    // set-up: the year's inspection starts (unless its 1 November timer already started it)
    await apiCall(od, 'POST', '/inspections', {}).catch(() => undefined);
    const page = await as('inspector');
    const task = await taskAppears(page, 'orglife:annual-inspection');
    await openTaskById(page, task.id);
    await page.getByTestId('inspection-text').fill('年度督查：组织生活制度落实，台账齐全。');
    await step(page, 'annual-inspection');
    await page.getByTestId('inspection-submit').click();
    await submitted(page);
  });

  it('no step showed an id, a UUID, an ISO time or an English enum value', () => {
    expect(technical).toEqual([]);
  });
});
