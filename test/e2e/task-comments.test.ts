import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openAs, screenshot, type UserPage } from './support/browser';
import { checkTabsAfterTest } from './support/failure';
import {
  claimTaskOf,
  deployFlow,
  me,
  oneStepFlow,
  startInstance,
  type Task,
  unitOfRole,
} from './support/flows';

const PROCESS = 'e2e-task-comments';
const TASK_NAME = '审核支部学习材料';
const COMMENT = '学习材料缺少第三部分，请补充后再提交。';
const REPLY = '同意补充，周五前补齐。';

describe('办理意见: comments on a task', () => {
  let browser: Browser;
  const users: UserPage[] = [];
  let task: Task;
  let secretaryName: string;

  async function as(username: string): Promise<UserPage> {
    const user = await openAs(browser, username);
    users.push(user);
    return user;
  }

  /** Comments as the task page lists them: author and body of each. */
  async function shownComments(user: UserPage): Promise<{ author: string; body: string }[]> {
    const items = user.page.getByTestId('task-comment');
    return Promise.all(
      (await items.all()).map(async (item) => ({
        author: (await item.locator('strong').textContent()) ?? '',
        body: (await item.locator('.comment-body').textContent()) ?? '',
      })),
    );
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    // given a task of the C1-B3 branch, claimed by its secretary (set-up through the API)
    const od = await as('od_admin');
    await deployFlow(
      od.page,
      oneStepFlow(PROCESS, '浏览器测试：办理意见', {
        kind: 'userTask',
        id: 'Review',
        name: TASK_NAME,
        candidateGroups: '="branch_secretary@" + branchId',
      }),
    );
    await od.context.close();
    const secretary = await as('c1b3_secretary');
    const branchId = await unitOfRole(secretary.page, 'branch_secretary');
    secretaryName = (await me(secretary.page)).name;
    const instance = await startInstance(secretary.page, PROCESS, branchId, {
      variables: { branchId },
    });
    task = await claimTaskOf(secretary.page, PROCESS, instance.id);
    await secretary.context.close();
  });

  afterEach((context) => checkTabsAfterTest(context, users));

  afterAll(async () => {
    await browser?.close();
  });

  it("the assignee adds a comment on the task's page and it is listed with their name", async () => {
    const user = await as('c1b3_secretary');
    const { page } = user;
    await page.goto(`/tasks/${task.id}`);
    await page.getByTestId('task-title').filter({ hasText: TASK_NAME }).waitFor();
    const comments = page.getByTestId('task-comments');
    await comments.getByText('暂无意见').waitFor();
    expect(await page.getByTestId('task-comment').count()).toBe(0);
    // an empty comment cannot be posted
    expect(await page.getByTestId('task-comment-submit').isDisabled()).toBe(true);

    await page.getByTestId('task-comment-input').fill(COMMENT);
    const posted = page.waitForResponse(
      (response) =>
        response.url().endsWith(`/api/tasks/${task.id}/comments`) &&
        response.request().method() === 'POST',
    );
    await page.getByTestId('task-comment-submit').click();
    expect((await posted).ok()).toBe(true);

    await page.getByTestId('task-comment').first().waitFor();
    expect(await shownComments(user)).toEqual([{ author: secretaryName, body: COMMENT }]);
    // the box is emptied for the next comment
    expect(await page.getByTestId('task-comment-input').inputValue()).toBe('');
    await screenshot(page, 'task-comments-1-posted');
  });

  it('the comment is still there after the page is reloaded', async () => {
    const user = await as('c1b3_secretary');
    const { page } = user;
    await page.goto(`/tasks/${task.id}`);
    await page.getByTestId('task-comment').first().waitFor();
    await page.reload();
    await page.getByTestId('task-comment').first().waitFor();
    expect(await shownComments(user)).toEqual([{ author: secretaryName, body: COMMENT }]);
  });

  it('the committee secretary, who oversees the branch, sees the comment and answers; the assignee sees the answer', async () => {
    // when the committee secretary opens the same task
    const committee = await as('committee_secretary');
    const committeeName = (await me(committee.page)).name;
    await committee.page.goto(`/tasks/${task.id}`);
    await committee.page.getByTestId('task-comment').first().waitFor();
    // then the branch secretary's comment is there, under their name
    expect(await shownComments(committee)).toEqual([{ author: secretaryName, body: COMMENT }]);

    await committee.page.getByTestId('task-comment-input').fill(REPLY);
    await committee.page.getByTestId('task-comment-submit').click();
    await committee.page.getByTestId('task-comment').nth(1).waitFor();
    await screenshot(committee.page, 'task-comments-2-committee');

    // and the assignee sees both, oldest first, each with its author's name
    const secretary = await as('c1b3_secretary');
    await secretary.page.goto(`/tasks/${task.id}`);
    await secretary.page.getByTestId('task-comment').nth(1).waitFor();
    expect(await shownComments(secretary)).toEqual([
      { author: secretaryName, body: COMMENT },
      { author: committeeName, body: REPLY },
    ]);
  });
});
