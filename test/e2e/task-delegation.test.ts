import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiGet } from './support/api';
import { launchBrowser, openAs, screenshot, type UserPage } from './support/browser';
import { checkTabsAfterTest } from './support/failure';
import {
  claimTaskOf,
  deployFlow,
  me,
  oneStepFlow,
  startInstance,
  type Task,
  taskOfInstance,
  unitOfRole,
  type Person,
  personByUsername,
} from './support/flows';
import { expectAccessible } from './support/a11y';

const PROCESS = 'e2e-task-delegation';
const TASK_NAME = '核实支部党员发展材料';
/** The committee secretary of C1 holds the task of its C1-B2 branch… */
const ASSIGNEE = 'committee_secretary';
/** …and hands it to that branch's committee member (支委). */
const DELEGATE = 'c1b2_committee';
/** The secretary of another branch of C1: the assignee oversees them, but not the task's unit. */
const OTHER_BRANCH = 'branch_secretary';

/** Opens the user's 待办 (mine) tab and returns its rows that show the test's task. */
async function inboxRows(page: Page) {
  await page.goto('/inbox');
  // refresh once the page is there, and read what the API answers for the tab
  const listed = page.waitForResponse((response) => {
    const url = new URL(response.url());
    return url.pathname === '/api/tasks' && url.searchParams.get('tab') === 'mine';
  });
  await page.getByTestId('inbox-refresh').click();
  const { items } = (await (await listed).json()) as { items: unknown[] };
  // then wait until the table shows it
  const table = page.getByTestId('inbox-table');
  const rows = table.locator('tr.task-row');
  if (items.length === 0) await table.locator('.el-table__empty-text').waitFor();
  else await rows.nth(items.length - 1).waitFor();
  return rows.filter({ hasText: TASK_NAME });
}

describe("转办: the assignee hands a task to a person of the task's unit", () => {
  let browser: Browser;
  const users: UserPage[] = [];
  let task: Task;
  let delegate: Person;
  let otherBranch: Person;

  async function as(username: string): Promise<UserPage> {
    const user = await openAs(browser, username);
    users.push(user);
    return user;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    // given a committee task about the C1-B2 branch, claimed by the committee secretary
    // (set-up through the API)
    const od = await as('od_admin');
    await deployFlow(
      od.page,
      oneStepFlow(PROCESS, '浏览器测试：转办', {
        kind: 'userTask',
        id: 'Verify',
        name: TASK_NAME,
        candidateGroups: '="committee_secretary@" + committeeId',
      }),
    );
    delegate = await personByUsername(od.page, DELEGATE);
    otherBranch = await personByUsername(od.page, OTHER_BRANCH);
    await od.context.close();

    const assignee = await as(ASSIGNEE);
    const committeeId = await unitOfRole(assignee.page, 'committee_secretary');
    const instance = await startInstance(assignee.page, PROCESS, delegate.orgUnitId, {
      variables: { committeeId },
    });
    task = await claimTaskOf(assignee.page, PROCESS, instance.id);
    expect(task.orgUnitId).toBe(delegate.orgUnitId);
    await assignee.context.close();
  });

  afterEach((context) => checkTabsAfterTest(context, users));

  afterAll(async () => {
    await browser?.close();
  });

  it("the assignee opens 转办 from their inbox, is offered only people of the task's unit, and hands the task on", async () => {
    const { page } = await as(ASSIGNEE);
    // given the task in the assignee's 待办
    const rows = await inboxRows(page);
    expect(await rows.count()).toBe(1);
    await rows.getByTestId('task-open').click();
    await page.waitForURL(`**/tasks/${task.id}`);
    await page.locator('.form-card').waitFor();
    await expectAccessible(page);

    // when they open 转办, which looks up the people of the task's unit
    const unitPeople = page.waitForResponse(
      (response) =>
        response.url().includes('/api/people?') && !new URL(response.url()).searchParams.has('q'),
    );
    await page.getByTestId('task-delegate').click();
    const dialog = page.getByTestId('delegate-dialog');
    await dialog.waitFor();
    expect((await unitPeople).ok()).toBe(true);

    const options = page.locator('.el-select-dropdown__item:visible');
    const search = async (query: string) => {
      const answered = page.waitForResponse(
        (response) =>
          response.url().includes('/api/people?') &&
          new URL(response.url()).searchParams.get('q') === query,
      );
      await dialog.locator('[data-testid="delegate-assignee"] input').fill(query);
      expect((await answered).ok()).toBe(true);
    };
    // then the secretary of another branch, whom they oversee, is not offered
    await search(otherBranch.name);
    await page.locator('.el-select-dropdown__empty:visible').waitFor();
    expect(await options.count()).toBe(0);

    // and the committee member of the task's branch is, found by name
    await search(delegate.name);
    await options.first().waitFor();
    expect(await options.count()).toBe(1);
    expect(await options.first().textContent()).toContain(delegate.name);
    await options.first().click();
    await screenshot(page, 'task-delegation-1-dialog');

    // when they confirm
    await dialog.getByTestId('delegate-confirm').click();
    await page.waitForURL('**/inbox');
    await page.locator('.el-message--success', { hasText: `已转办给 ${delegate.name}` }).waitFor();

    // then the task has left their 待办
    expect(await (await inboxRows(page)).count()).toBe(0);
    expect(await taskOfInstance(page, 'mine', PROCESS, task.instanceId)).toBeUndefined();
  });

  it("the task appears in the chosen person's 待办 and opens for them to handle", async () => {
    // when the committee member signs in (a second browser context)
    const { page } = await as(DELEGATE);
    expect((await me(page)).id).toBe(delegate.id);

    // then the task is in their 待办, and it is the delegated task
    const rows = await inboxRows(page);
    expect(await rows.count()).toBe(1);
    await rows.getByTestId('task-open').click();
    await page.waitForURL(`**/tasks/${task.id}`);
    await page.getByTestId('task-title').filter({ hasText: TASK_NAME }).waitFor();
    // it is theirs now: they may hand it on or give it back
    await page.getByTestId('task-delegate').waitFor();
    await page.getByTestId('task-unclaim').waitFor();
    await screenshot(page, 'task-delegation-2-new-assignee');

    expect(await apiGet<Task>(page, `/tasks/${task.id}`)).toMatchObject({
      status: 'open',
      assignee: delegate.id,
    });
  });
});
