import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_VERBS, auditMessages, verbKey } from '@/modules/audit/audit.messages';

/** The actions the API labels (apps/api/src/workflow/audit/audit-actions.ts), read from its source. */
function apiActions(): string[] {
  // the tests run in apps/web (jsdom: import.meta.url is no file URL)
  const source = readFileSync(
    join(process.cwd(), '../api/src/workflow/audit/audit-actions.ts'),
    'utf8',
  );
  return [...source.matchAll(/^\s*'([a-z-]+\.[a-z-]+)': \[/gm)].map((m) => m[1]!);
}

describe('the audit page names every action the API writes', () => {
  it('offers each as a filter', () => {
    expect([...AUDIT_VERBS].sort()).toEqual(apiActions().sort());
  });

  it('in Chinese and in English', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const actions = auditMessages[locale].action as Record<string, string>;
      const missing = AUDIT_VERBS.filter((verb) => !actions[verbKey(verb).slice('action.'.length)]);
      expect(missing, locale).toEqual([]);
    }
  });
});
