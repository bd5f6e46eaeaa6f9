import { describe, expect, it } from 'vitest';
import { compileDecisions, evaluateDecision, simulate, type Decision } from '../../src/index.js';
import { compiled, fixture } from '../support/bpmn.js';
import { T0 } from '../support/scenario.js';

const here = import.meta.url;

async function decisions(): Promise<Decision[]> {
  const result = await compileDecisions(fixture(here, 'discount.dmn'));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.decisions;
}

describe('DMN decisions', () => {
  it('evaluates decision tables by hit policy, with required decisions and literal expressions', async () => {
    const all = new Map((await decisions()).map((d) => [d.id, d]));
    const run = (id: string, variables: Record<string, unknown>) =>
      evaluateDecision(all, id, variables as never, T0);
    expect(run('customerLevel', { orders: 12 })).toEqual({ ok: true, value: 'gold' });
    expect(run('customerLevel', { orders: 3 })).toEqual({ ok: true, value: 'silver' });
    expect(run('discount', { orders: 12, amount: 150 })).toEqual({
      ok: true,
      value: { rate: 0.2, reason: 'gold, large order' },
    });
    expect(run('discount', { orders: 0, amount: 600 })).toEqual({
      ok: true,
      value: { rate: 0.05, reason: 'standard' },
    });
    expect(run('fees', { express: true, weight: 30 })).toEqual({ ok: true, value: 30 });
    expect(run('fees', { express: false, weight: 2 })).toEqual({ ok: true, value: 5 });
    expect(run('labels', { weight: 0.5 })).toEqual({ ok: true, value: ['fragile', 'normal'] });
    expect(run('greeting', { name: 'Li' })).toEqual({ ok: true, value: 'Hello Li' });
    expect(run('nothing', {})).toEqual({ ok: false, message: "no decision 'nothing' is deployed" });
  });

  it('UNIQUE with two matching rules fails, naming them', async () => {
    const result = await compileDecisions(
      fixture(here, 'discount.dmn').replace('hitPolicy="FIRST"', 'hitPolicy="UNIQUE"'),
    );
    if (!result.ok) throw new Error('compile failed');
    const all = new Map(result.decisions.map((d) => [d.id, d]));
    expect(evaluateDecision(all, 'customerLevel', { orders: 12 }, T0)).toEqual({
      ok: false,
      message: "decision 'customerLevel': rules 1, 3 all match, but the hit policy is UNIQUE",
    });
  });

  it('a business rule task calls a deployed decision into its result variable', async () => {
    const main = await compiled(fixture(here, 'business-rule.bpmn'));
    const trace = simulate(
      main,
      [],
      {
        start: T0,
        variables: { orders: 12, amount: 80, express: true, weight: 1, feeDecision: 'fees' },
      },
      { decisions: await decisions() },
    );
    expect(trace.state).toBe('completed');
    expect(trace.variables).toMatchObject({ rate: 0.1, fee: 15 });
    expect(trace.variables).not.toHaveProperty('discount');
  });

  it('stops at an incident when the decision is not deployed', async () => {
    const main = await compiled(fixture(here, 'business-rule.bpmn'));
    const trace = simulate(main, [], { start: T0, variables: {} });
    expect(trace.incidents).toEqual([
      { elementId: 'Decide', message: "no decision 'discount' is deployed" },
    ]);
  });

  it('reports DMN problems: broken FEEL, unsupported logic', async () => {
    const result = await compileDecisions(
      fixture(here, 'discount.dmn')
        .replace('<text>orders</text>', '<text>orders +</text>')
        .replace('<text>[3..10)</text>', '<text>[3..</text>')
        .replace(
          '<literalExpression id="G1"><text>"Hello " + name</text></literalExpression>',
          '<context id="C1" />',
        ),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.elementId}: ${p.message}`)).toEqual([
      "customerLevel: input 1 'orders +' is not a valid FEEL expression",
      "customerLevel: rule 2 input 1 '[3..' is not valid FEEL unary tests",
      'greeting: Context is not supported (decision tables and literal expressions are)',
    ]);
  });
});
