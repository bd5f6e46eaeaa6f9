import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/a11y';
import { apiCall, apiGet, serverNow } from './support/api';
import {
  DESKTOP,
  launchBrowser,
  openAs,
  PHONE,
  screenshot,
  type Screen,
  type UserPage,
} from './support/browser';
import { checkTabsAfterTest } from './support/failure';
import {
  deployFlow,
  oneStepFlow,
  startInstance,
  taskOfInstance,
  type Person,
  personByUsername,
} from './support/flows';
import { horizontalOverflow } from './support/usability';

const PROCESS = 'e2e-stand-ins';
const TASK_NAME = '审阅党员发展材料';
/** The organizer of C2 goes on a business trip… */
const OWNER = 'c2_organizer';
/** …and names a branch committee member of C2-B2 to take the new work meanwhile (代理). */
const STAND_IN = 'c2b2_committee';

interface StandIn {
  id: string;
  personId: string;
}

/** The calendar day of `at` in Beijing, YYYY-MM-DD. */
function dayInBeijing(at: Date): string {
  return at.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 10);
}

describe('代理: a person away names a stand-in, who handles the new work on their behalf (issue 19)', () => {
  let browser: Browser;
  const users: UserPage[] = [];
  let owner: Person;
  let standIn: Person;

  async function as(username: string, screen: Screen = DESKTOP): Promise<UserPage> {
    const user = await openAs(browser, username, screen);
    users.push(user);
    return user;
  }

  /** Ends whatever stand-in the owner has, so no other test's work goes astray. */
  async function revokeAll(page: Page) {
    const rows = await apiGet<StandIn[]>(page, '/stand-ins');
    for (const row of rows.filter((r) => r.personId === owner.id)) {
      await apiCall(page, 'POST', `/stand-ins/${row.id}/revoke`);
    }
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    const od = await as('od_admin');
    await deployFlow(
      od.page,
      oneStepFlow(PROCESS, '浏览器测试：代理', {
        kind: 'userTask',
        id: 'Review',
        name: TASK_NAME,
        assignee: '=ownerId',
      }),
    );
    owner = await personByUsername(od.page, OWNER);
    standIn = await personByUsername(od.page, STAND_IN);
    await od.context.close();
  });
  afterEach((context) => checkTabsAfterTest(context, users));
  afterAll(async () => {
    const user = await as(OWNER);
    await revokeAll(user.page);
    await browser?.close();
  });

  it('the organizer names a stand-in for the days of a business trip', async () => {
    const { page } = await as(OWNER);
    await page.goto('/my/stand-ins');
    await page.getByTestId('stand-in-create').click();
    await page.getByTestId('stand-in-person').click();
    await page.locator('#stand-in-person').fill(standIn.name);
    await page.locator('.el-select-dropdown__item:visible', { hasText: standIn.name }).click();
    // the trip: today and tomorrow on the server's clock (other files move it ahead)
    const today = dayInBeijing(await serverNow());
    const tomorrow = dayInBeijing(new Date(Date.parse(`${today}T12:00:00+08:00`) + 86_400_000));
    const [first, last] = [0, 1].map((i) =>
      page.locator('[data-testid="stand-in-days"] input').nth(i),
    );
    await first!.fill(today);
    await last!.fill(tomorrow);
    await last!.press('Enter');
    await page.getByTestId('stand-in-note').fill('赴京培训');
    await expectAccessible(page, true);
    await screenshot(page, 'stand-in-dialog');
    await page.getByTestId('stand-in-confirm').click();

    const row = page.getByTestId('stand-in-mine');
    await row.waitFor();
    expect(await row.innerText()).toContain(`由 ${standIn.name} 代理`);
    expect(await row.innerText()).toContain('出差');
    expect(await row.innerText()).toContain(`${tomorrow} 24:00`);
    await expectAccessible(page, true);
  });

  it('new work for the organizer goes to the stand-in, marked 代 X 办理, on a phone', async () => {
    const starter = await as(OWNER);
    const instance = await startInstance(starter.page, PROCESS, owner.orgUnitId, {
      variables: { ownerId: owner.id },
    });
    expect(await taskOfInstance(starter.page, 'mine', PROCESS, instance.id)).toBeUndefined();

    const { page } = await as(STAND_IN, PHONE);
    await page.goto('/inbox');
    const card = page.getByTestId('inbox-card').filter({ hasText: TASK_NAME });
    await card.waitFor();
    expect(await card.getByTestId('task-on-behalf').innerText()).toBe(`代 ${owner.name} 办理`);
    await expectAccessible(page, true);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'stand-in-inbox-phone');

    await card.getByTestId('task-open').click();
    await page.waitForURL('**/tasks/**');
    expect(await page.getByTestId('task-on-behalf').innerText()).toBe(`代 ${owner.name} 办理`);
    await expectAccessible(page, true);

    const forOthers = await as(STAND_IN, PHONE);
    await forOthers.page.goto('/my/stand-ins');
    const row = forOthers.page.getByTestId('stand-in-for-others');
    await row.waitFor();
    expect(await row.innerText()).toContain(`代 ${owner.name} 办理`);
    expect(await horizontalOverflow(forOthers.page)).toBe(0);
    await expectAccessible(forOthers.page, true);
  });

  it('once the organizer ends the stand-in early, new work comes to them again', async () => {
    const { page } = await as(OWNER);
    await page.goto('/my/stand-ins');
    await page.getByTestId('stand-in-revoke').click();
    await page.locator('.el-message-box:visible .el-button--primary').click();
    await page.getByText('目前没有代理人').waitFor();

    const instance = await startInstance(page, PROCESS, owner.orgUnitId, {
      variables: { ownerId: owner.id },
    });
    await expect
      .poll(async () => (await taskOfInstance(page, 'mine', PROCESS, instance.id))?.assignee)
      .toBe(owner.id);
  });
});
