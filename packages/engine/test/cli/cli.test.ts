import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));

function engine(...args: string[]) {
  return spawnSync(tsx, ['packages/engine/src/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
}

describe('engine CLI', () => {
  it('validate prints one OK line and exits 0 for a valid file', () => {
    const result = engine('validate', here('vertical-slice.bpmn'));
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toMatch(/^OK /);
  });

  it('validate prints one problem a line with the element id and exits 2', () => {
    const result = engine('validate', here('../compile/many-problems.bpmn'));
    expect(result.status).toBe(2);
    const lines = result.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(5);
    expect(lines).toContainEqual(expect.stringMatching(/: NoType: the task has no job type/));
  });

  it('validate warns about a loop with no wait state, naming its elements, and still exits 0', () => {
    const file = here('../runtime/runaway-loop.bpmn');
    const result = engine('validate', file);
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(
        /runaway-loop\.bpmn: Again: warning: the loop through 'Again', 'One' has no wait state/,
      ),
      `OK ${file}`,
    ]);
  });

  it('simulate prints the JSON trace of a script', () => {
    const result = engine(
      'simulate',
      here('vertical-slice.bpmn'),
      '--script',
      here('vertical-slice.script.json'),
    );
    expect(result.status).toBe(0);
    const trace = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(trace).toEqual({
      state: 'active',
      passed: ['Start', 'Review', 'Notify'],
      waiting: ['Wait'],
      tasks: [],
      variables: { applicant: 'zhang.san', approved: true, notified: true },
      incidents: [],
    });
  });

  it('simulate with --with runs called processes from other files', () => {
    const result = engine(
      'simulate',
      here('../activities/call-pinned.bpmn'),
      '--script',
      here('empty.script.json'),
      '--with',
      here('../activities/versioned-v1.bpmn'),
      '--with',
      here('../activities/versioned-v2.bpmn'),
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      state: 'completed',
      variables: { versions: [1, 2] },
    });
  });

  it('validates a DMN file, and simulate deploys the decisions of --with FILE.dmn', () => {
    const dmn = here('../decisions/discount.dmn');
    expect(engine('validate', dmn).stdout.trim()).toBe(`OK ${dmn}`);
    const result = engine(
      'simulate',
      here('../decisions/business-rule.bpmn'),
      '--script',
      here('pricing.script.json'),
      '--with',
      dmn,
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      state: 'completed',
      variables: { rate: 0.1, fee: 15 },
    });
  });

  it('explains bad usage', () => {
    const result = engine('simulate', here('vertical-slice.bpmn'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/--script/);
  });
});
