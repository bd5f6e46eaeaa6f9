import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/a11y';
import { launchBrowser, openAs, screenshot, type UserPage } from './support/browser';
import { checkTabsAfterTest } from './support/failure';

function dmn(output: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="E2eGrades" name="浏览器测试：出勤评定" namespace="https://orglife.example/e2e">
  <decision id="e2e_attendance_grade" name="浏览器测试：出勤评定">
    <decisionTable id="E2eGradeTable" hitPolicy="FIRST">
      <input id="E2e_In_Rate" label="出勤率"><inputExpression typeRef="number"><text>rate</text></inputExpression></input>
      <output id="E2e_Out_Grade" name="grade" typeRef="string" />
      <rule id="E2e_Pass"><inputEntry><text>&gt;= 0.9</text></inputEntry><outputEntry><text>${output}</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>`;
}

describe('the Organization Department deploys a decision table (DMN) beside the flows', () => {
  let browser: Browser;
  let od: UserPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    od = await openAs(browser, 'od_admin');
  });

  afterEach((context) => checkTabsAfterTest(context, [od]));

  afterAll(async () => {
    await browser?.close();
  });

  it('a broken file is refused with its problems; a good one is listed under 决策表', async () => {
    const { page } = od;
    await page.goto('/flows');
    await page.getByTestId('decisions').waitFor();

    await page.getByTestId('decisions-file').setInputFiles({
      name: 'grades.dmn',
      mimeType: 'application/xml',
      buffer: Buffer.from(dmn('"达标" +')),
    });
    const problems = page.getByTestId('decisions-problems');
    await problems.getByText('决策文件有问题，未部署').waitFor();
    await expectAccessible(page);
    // the browser logs the refusal (400) it was meant to get: that one is expected
    const refused = od.errors.findIndex((e) => e.includes('status of 400'));
    expect(refused).toBeGreaterThanOrEqual(0);
    od.errors.splice(refused, 1);

    await page.getByTestId('decisions-file').setInputFiles({
      name: 'grades.dmn',
      mimeType: 'application/xml',
      buffer: Buffer.from(dmn('"达标"')),
    });
    await page.locator('.el-message--success', { hasText: '已部署 1 项决策' }).waitFor();
    const row = page
      .getByTestId('decisions-table')
      .locator('tr', { hasText: 'e2e_attendance_grade' });
    await row.getByText('浏览器测试：出勤评定').waitFor();
    await row.getByText('grades.dmn').waitFor();
    await expect(problems.count()).resolves.toBe(0);
    await screenshot(page, 'decisions-deployed');
    await expectAccessible(page);
  });
});
