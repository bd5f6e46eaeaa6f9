import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = (): string => createRequire(import.meta.url)('axe-core').source as string;

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** axe-core's serious and critical violations (WCAG 2.x A/AA) on the page as it is now. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the app's Content-Security-Policy does not
  // govern; an injected <script> tag would be (rightly) blocked as inline script.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource());
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    // a toast fading out (el-message) is judged half-transparent; at full strength it passes
    const result = await axe.run(
      { exclude: [['.el-message']] },
      {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      },
    );
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? '',
        help: v.help,
        targets: v.nodes
          .slice(0, 5)
          .map(
            (n) =>
              `${n.target.join(' ')} ${n.html.slice(0, 120)} ${(n.failureSummary ?? '').slice(0, 200)}`,
          ),
      }));
  });
}

/** How far the page scrolls sideways (0 when it fits the window). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/** Visible controls (buttons, links, tabs, inputs, checkboxes) smaller than 44×44 CSS px. */
export function smallTapTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = [
      'button',
      'a[href]',
      '[role="tab"]',
      '.el-link',
      '.el-select__wrapper',
      '.el-input__wrapper',
      '.el-textarea__inner',
      '.el-checkbox',
      '.el-radio',
      '.el-radio-button__inner',
      '.el-pager li',
    ].join(',');
    const small: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      if (element.closest('.visually-hidden, .skip-link')) continue;
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
      if (box.height < 43.5 || box.width < 43.5)
        small.push(
          `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} "${(element.textContent ?? '').trim().slice(0, 20)}" ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
    }
    return small;
  });
}

/** Page headings that wrap onto more than two lines (a squeezed title breaks per character). */
export function squeezedHeadings(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('h1')]
      .filter((h) => {
        const line =
          parseFloat(getComputedStyle(h).lineHeight) ||
          1.5 * parseFloat(getComputedStyle(h).fontSize);
        return h.getBoundingClientRect().height > 2 * line + 1;
      })
      .map((h) => h.textContent ?? ''),
  );
}

/**
 * Visible texts of the page that a person should never have to read in the zh-CN UI: a UUID, an
 * ISO timestamp, an element or process id (`Task_DraftPlan`, `monthly-plan`, `spot_check`) or a
 * bare English enum value (`submitted`). Text inside `[data-verbatim]` (usernames, the 技术详情 tab) is exempt.
 */
export function technicalTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const patterns = [
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i,
      /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/,
      /\b[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+\b/,
      /\b[A-Z][A-Za-z]*_[A-Za-z0-9_]+\b/,
      /^[a-z]+$/,
    ];
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('script, style, [data-verbatim], .visually-hidden'))
        continue;
      if (!parent.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      if (patterns.some((pattern) => pattern.test(text))) found.push(text.slice(0, 80));
    }
    return [...new Set(found)];
  });
}
