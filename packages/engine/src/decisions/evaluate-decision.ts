/**
 * Evaluates a deployed decision as Camunda 8 does: required decisions first (each result under
 * its decision id), then the table's rules under its hit policy. A single-output table gives
 * values, a multi-output one contexts; single-hit policies give one result (null when no rule
 * matches), multi-hit ones a list, or with an aggregation a number.
 */
import type { JsonValue, Variables } from '../contract.js';
import { evaluateExpr, evaluateUnaryTest, type Evaluated } from '../feel/expression.js';
import type { Decision, DecisionTable, Decisions } from './model.js';

type Failed = Extract<Evaluated, { ok: false }>;

function fail(decision: Decision, message: string): Failed {
  return { ok: false, message: `decision '${decision.id}': ${message}` };
}

interface Hit {
  index: number;
  row: JsonValue;
  values: JsonValue[];
}

function matches(table: DecisionTable, context: Variables, now: string): Hit[] | Failed {
  const inputs: JsonValue[] = [];
  for (const [i, input] of table.inputs.entries()) {
    const value = evaluateExpr(input, context, now);
    if (!value.ok) return fail(table, `input ${i + 1}: ${value.message}`);
    inputs.push(value.value);
  }
  const hits: Hit[] = [];
  for (const [index, rule] of table.rules.entries()) {
    let matched = true;
    for (const [i, test] of rule.tests.entries()) {
      const result = evaluateUnaryTest(test, inputs[i] ?? null, context, now);
      if (!result.ok) return fail(table, `rule ${index + 1}: ${result.message}`);
      if (result.value !== true) {
        matched = false;
        break;
      }
    }
    if (!matched) continue;
    const values: JsonValue[] = [];
    for (const [i, output] of rule.outputs.entries()) {
      const value = evaluateExpr(output, context, now);
      if (!value.ok) return fail(table, `rule ${index + 1} output ${i + 1}: ${value.message}`);
      values.push(value.value);
    }
    const row: JsonValue =
      table.outputs.length === 1
        ? (values[0] ?? null)
        : Object.fromEntries(table.outputs.map((o, i) => [o.name, values[i] ?? null]));
    hits.push({ index, row, values });
  }
  return hits;
}

/** Orders hits by their outputs' listed values, first output first (PRIORITY, OUTPUT ORDER). */
function byPriority(table: DecisionTable, hits: Hit[]): Hit[] {
  const rank = (hit: Hit, i: number): number => {
    const list = table.outputs[i]?.priorities;
    const at = list ? list.indexOf(String(hit.values[i])) : -1;
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  return [...hits].sort((a, b) => {
    for (let i = 0; i < table.outputs.length; i++) {
      const d = rank(a, i) - rank(b, i);
      if (d !== 0) return d;
    }
    return a.index - b.index;
  });
}

function aggregate(table: DecisionTable, hits: Hit[]): Evaluated {
  if (table.aggregation === 'COUNT') return { ok: true, value: hits.length };
  const numbers = hits.map((h) => h.values[0]);
  if (numbers.some((n) => typeof n !== 'number'))
    return fail(table, `${table.aggregation ?? ''} needs numbers, got ${JSON.stringify(numbers)}`);
  const list = numbers as number[];
  if (list.length === 0) return { ok: true, value: null };
  switch (table.aggregation) {
    case 'SUM':
      return { ok: true, value: list.reduce((a, b) => a + b, 0) };
    case 'MIN':
      return { ok: true, value: Math.min(...list) };
    case 'MAX':
      return { ok: true, value: Math.max(...list) };
    case undefined:
      return { ok: true, value: null };
  }
}

function evaluateTable(table: DecisionTable, context: Variables, now: string): Evaluated {
  const hits = matches(table, context, now);
  if (!Array.isArray(hits)) return hits;
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (hits.length > 1)
        return fail(
          table,
          `rules ${hits.map((h) => h.index + 1).join(', ')} all match, but the hit policy is UNIQUE`,
        );
      return { ok: true, value: hits[0]?.row ?? null };
    case 'ANY': {
      const first = JSON.stringify(hits[0]?.row ?? null);
      if (hits.some((h) => JSON.stringify(h.row) !== first))
        return fail(table, 'rules with different outputs match, but the hit policy is ANY');
      return { ok: true, value: hits[0]?.row ?? null };
    }
    case 'FIRST':
      return { ok: true, value: hits[0]?.row ?? null };
    case 'PRIORITY':
      return { ok: true, value: byPriority(table, hits)[0]?.row ?? null };
    case 'OUTPUT ORDER':
      return { ok: true, value: byPriority(table, hits).map((h) => h.row) };
    case 'RULE ORDER':
      return { ok: true, value: hits.map((h) => h.row) };
    case 'COLLECT':
      return table.aggregation
        ? aggregate(table, hits)
        : { ok: true, value: hits.map((h) => h.row) };
  }
}

export function evaluateDecision(
  decisions: Decisions,
  id: string,
  variables: Variables,
  now: string,
  within: readonly string[] = [],
): Evaluated {
  const decision = decisions.get(id);
  if (!decision) return { ok: false, message: `no decision '${id}' is deployed` };
  if (within.includes(id))
    return fail(decision, `it requires itself (${[...within, id].join(' → ')})`);
  let context = variables;
  for (const required of decision.required) {
    const result = evaluateDecision(decisions, required, variables, now, [...within, id]);
    if (!result.ok) return result;
    context = { ...context, [required]: result.value };
  }
  if (decision.kind === 'literal') {
    const result = evaluateExpr(decision.expression, context, now);
    return result.ok ? result : fail(decision, result.message);
  }
  return evaluateTable(decision, context, now);
}
