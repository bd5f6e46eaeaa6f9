import { describe, expect, it } from 'vitest';
import { compile, startInstance } from '../../src/index.js';
import { evaluateExpr, feel, feelSyntaxError } from '../../src/feel/expression.js';
import type { Variables } from '../../src/contract.js';
import { bpmn } from '../support/bpmn.js';

const NOW = '2026-01-05T08:00:00.000Z';

function value(expression: string, variables: Variables = {}) {
  expect(feelSyntaxError(expression)).toBeNull();
  const result = evaluateExpr(feel(expression), variables, NOW);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe("Camunda's FEEL extension functions at run time", () => {
  it.each([
    ['is defined(x)', { x: 1 }, true],
    ['is defined(x)', {}, false],
    ['is defined(x)', { x: null }, false],
    ['is defined(x.y)', { x: {} }, false],
    ['get or else(x, "default")', {}, 'default'],
    ['get or else(x, "default")', { x: 'this' }, 'this'],
    ['assert(x, x > 0)', { x: 4 }, 4],
    ['to base64("中文")', {}, '5Lit5paH'],
    ['is blank(" \t")', {}, true],
    ['trim("  a b ")', {}, 'a b'],
    ['extract("a1b22", "[0-9]+")', {}, ['1', '22']],
    ['string join(["a", null, "b"], ", ", "[", "]")', {}, '[a, b]'],
    ['string join(["a", "b"])', {}, 'ab'],
    ['is empty([])', {}, true],
    ['duplicate values([1, 2, 1, 3, 3])', {}, [1, 3]],
    ['partition([1, 2, 3], 2)', {}, [[1, 2], [3]]],
    ['get value({a: {b: 1}}, ["a", "b"])', {}, 1],
    ['context put({}, ["a", "b"], 1)', {}, { a: { b: 1 } }],
    ['context merge([{a: 1}, {b: 2}])', {}, { a: 1, b: 2 }],
    ['put all({a: 1}, {b: 2})', {}, { a: 1, b: 2 }],
    ['from json("{\\"a\\": [1, \\"x\\"]}")', {}, { a: [1, 'x'] }],
    ['to json({a: [1, "x"]})', {}, '{"a":[1,"x"]}'],
    ['last day of month(date("2024-02-10"))', {}, 29],
    ['last day of month(date and time("2026-04-03T10:00:00"))', {}, 30],
  ] as [string, Variables, unknown][])('%s with %j is %j', (expression, variables, expected) => {
    expect(value(expression, variables)).toEqual(expected);
  });

  it('random number() and uuid() give a fresh value each time', () => {
    const n = value('random number()');
    expect(typeof n === 'number' && n >= 0 && n < 1).toBe(true);
    expect(value('uuid()')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(value('uuid()')).not.toEqual(value('uuid()'));
  });

  it('assert fails the evaluation with its cause', () => {
    const result = evaluateExpr(feel('assert(x, x > 0, "x must be positive")'), { x: -1 }, NOW);
    expect(result).toEqual({ ok: false, message: expect.stringContaining('x must be positive') });
  });

  it('today() is a date, now() a date-time, both on the caller clock', () => {
    expect(value('today()')).toBe('2026-01-05');
    expect(value('today() = date("2026-01-05")')).toBe(true);
    expect(value('today() + duration("P1D")')).toBe('2026-01-06');
    expect(value('now()')).toMatch(/^2026-01-05T08:00:00/);
  });
});

describe('FEEL text as Camunda accepts it', () => {
  it('reads a string literal that runs over several lines', () => {
    expect(value('"line one\nline two"')).toBe('line one\nline two');
  });

  it('reads backtick names, of variables and of context entries', () => {
    expect(value('`order-id` + 1', { 'order-id': 2 })).toBe(3);
    expect(value('`first name`', { 'first name': 'San' })).toBe('San');
    expect(value('person.`last name`', { person: { 'last name': 'Zhang' } })).toBe('Zhang');
  });

  it('compiles and runs a model that uses them, with no incident', async () => {
    const result = await compile(
      bpmn(`
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Work" />
    <bpmn:scriptTask id="Work">
      <bpmn:extensionElements>
        <zeebe:script expression="=get or else(\`order-id\`, uuid()) + &quot;:&#10;&quot; + string(is defined(missing))" resultVariable="label" />
      </bpmn:extensionElements>
    </bpmn:scriptTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Work" targetRef="End" />
    <bpmn:endEvent id="End" />`),
    );
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    const run = startInstance(result.definition, {
      instanceId: 'i',
      variables: { 'order-id': 'A-1' },
      now: NOW,
    });
    expect(run.state.status).toBe('completed');
    expect(run.state.variables).toMatchObject({ label: 'A-1:\nfalse' });
  });
});
