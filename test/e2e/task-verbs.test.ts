import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiGet } from './support/api';
import { launchBrowser, openAs, screenshot, type UserPage } from './support/browser';
import { checkTabsAfterTest } from './support/failure';
import {
  claimTaskOf,
  deployFlow,
  oneStepFlow,
  startInstance,
  type Task,
  taskOfInstance,
  unitOfRole,
  type Person,
  personByUsername,
} from './support/flows';

const PROCESS = 'e2e-task-verbs';
const TASK_NAME = '审核支部换届材料';
/** The committee secretary of C1 holds the task of its C1-B2 branch… */
const OWNER = 'committee_secretary';
/** …has that branch's committee member act on it (委派)… */
const DELEGATE = 'c1b2_committee';
/** …and the Organization Department urges it (催办). */
const SUPERIOR = 'od_admin';

/** Answers the prompt ElMessageBox opens with `text`. */
async function answerPrompt(page: Page, text: string): Promise<void> {
  const box = page.locator('.el-message-box:visible');
  await box.locator('input').fill(text);
  await box.locator('.el-button--primary').click();
}

describe('task verbs: 委派 and 交回, 催办 (issue 19)', () => {
  let browser: Browser;
  const users: UserPage[] = [];
  let task: Task;
  let delegate: Person;

  async function as(username: string): Promise<UserPage> {
    const user = await openAs(browser, username);
    users.push(user);
    return user;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    const od = await as(SUPERIOR);
    await deployFlow(
      od.page,
      oneStepFlow(PROCESS, '浏览器测试：委派与催办', {
        kind: 'userTask',
        id: 'Review',
        name: TASK_NAME,
        candidateGroups: '="committee_secretary@" + committeeId',
      }),
    );
    delegate = await personByUsername(od.page, DELEGATE);
    await od.context.close();

    const owner = await as(OWNER);
    const committeeId = await unitOfRole(owner.page, 'committee_secretary');
    const instance = await startInstance(owner.page, PROCESS, delegate.orgUnitId, {
      variables: { committeeId },
    });
    task = await claimTaskOf(owner.page, PROCESS, instance.id);
    await owner.context.close();
  });

  afterEach((context) => checkTabsAfterTest(context, users));

  afterAll(async () => {
    await browser?.close();
  });

  it('the assignee delegates (委派) the task to a person of its unit, with a note', async () => {
    const { page } = await as(OWNER);
    await page.goto(`/tasks/${task.id}`);
    await page.getByTestId('task-entrust').click();
    const dialog = page.getByTestId('entrust-dialog');
    await dialog.waitFor();
    const answered = page.waitForResponse(
      (r) =>
        r.url().includes('/api/people?') &&
        new URL(r.url()).searchParams.get('q') === delegate.name,
    );
    await dialog.locator('[data-testid="delegate-assignee"] input').fill(delegate.name);
    await answered;
    const option = page.locator('.el-select-dropdown__item:visible', { hasText: delegate.name });
    await option.first().click();
    await dialog.locator('#entrust-reason').fill('请核对名单后交回');
    await dialog.getByTestId('entrust-confirm').click();
    await page.locator('.el-message--success', { hasText: `已委派给 ${delegate.name}` }).waitFor();
    // the task stays the owner's, waiting to come back
    await page.getByTestId('task-entrust-note').filter({ hasText: '您已委派此任务' }).waitFor();
    expect(await page.getByTestId('task-entrust').count()).toBe(0);
    await screenshot(page, 'task-verbs-1-entrusted');
  });

  it('the delegate acts and hands it back (交回) with an opinion', async () => {
    const { page } = await as(DELEGATE);
    await page.goto(`/tasks/${task.id}`);
    await page.getByTestId('task-entrust-note').filter({ hasText: '办理后请交回' }).waitFor();
    await page.getByTestId('task-resolve').click();
    await answerPrompt(page, '名单已核对');
    await page.waitForURL('**/inbox');
    await page.locator('.el-message--success', { hasText: '已交回委派人' }).waitFor();
    // handed back: the task has left the delegate's 待办
    expect(await taskOfInstance(page, 'mine', PROCESS, task.instanceId)).toBeUndefined();
  });

  it('the Organization Department urges (催办) the task once; a second urge within the hour is refused', async () => {
    const user = await as(SUPERIOR);
    const { page } = user;
    await page.goto(`/tasks/${task.id}`);
    await page.getByTestId('task-urge').click();
    await answerPrompt(page, '请本周内办结');
    await page.locator('.el-message--success', { hasText: '已催办' }).waitFor();
    await page.getByTestId('task-urged').waitFor();

    const refused = page.waitForResponse((r) => r.url().endsWith(`/api/tasks/${task.id}/urge`));
    await page.getByTestId('task-urge').click();
    await answerPrompt(page, '');
    expect((await refused).status()).toBe(429);
    await page.locator('.el-message--error', { hasText: '该任务一小时内已催办过' }).waitFor();
    await screenshot(page, 'task-verbs-2-urge-refused');
    // the browser logs the expected 429 as a failed resource load; nothing else may be logged
    const expected = user.errors.filter((e) => e.includes('429'));
    expect(expected.length).toBe(1);
    user.errors.splice(user.errors.indexOf(expected[0]!), 1);
  });

  it('the owner sees the 催办 above the inbox, and finds the task handed back for them to finish', async () => {
    const { page } = await as(OWNER);
    await page.goto('/inbox');
    const notice = page.getByTestId('urge-notice').filter({ hasText: '请本周内办结' });
    await notice.waitFor();
    await screenshot(page, 'task-verbs-3-urge-notice');
    await notice.getByTestId('urge-notice-read').click();
    await notice.waitFor({ state: 'detached' });

    await page.goto(`/tasks/${task.id}`);
    await page.getByTestId('task-entrust-note').filter({ hasText: '被委派人已交回' }).waitFor();
    const comments = await apiGet<{ body: string }[]>(page, `/tasks/${task.id}/comments`);
    expect(comments.map((c) => c.body)).toContain('名单已核对');
  });
});
