/**
 * compileDecisions(xml): a DMN 1.3 file (dmn-moddle) → its decisions, or every problem found.
 * Decision tables and literal expressions run; other decision logic is refused by name.
 */
import { DmnModdle } from 'dmn-moddle';
import type { Problem } from '../contract.js';
import { feel, feelSyntaxError, unaryTestsParse, type Expr } from '../feel/expression.js';
import { Problems } from '../compile/problems.js';
import type { ModdleElement } from 'bpmn-moddle';
import { children, child, str } from '../compile/moddle-access.js';
import type { Aggregation, Decision, DecisionOutput, HitPolicy } from './model.js';

const moddle = new DmnModdle();

const HIT_POLICIES = new Set<HitPolicy>([
  'UNIQUE',
  'FIRST',
  'PRIORITY',
  'ANY',
  'COLLECT',
  'RULE ORDER',
  'OUTPUT ORDER',
]);

export type DecisionsResult =
  { ok: true; decisions: Decision[] } | { ok: false; problems: Problem[] };

function text(el: ModdleElement | undefined): string {
  return str(el, 'text')?.trim() ?? '';
}

function expression(raw: string, id: string, what: string, problems: Problems): Expr {
  const source = raw === '' ? 'null' : raw;
  const at = feelSyntaxError(source);
  if (at !== null) problems.add(id, `${what} '${raw}' is not a valid FEEL expression`);
  return feel(source);
}

/** `"a","b"` (an output's allowed values) → ['a', 'b'], for PRIORITY and OUTPUT ORDER. */
function outputValues(el: ModdleElement): string[] | undefined {
  const raw = text(child(el, 'outputValues'));
  if (raw === '') return undefined;
  return raw.split(',').map((v) => v.trim().replace(/^"(.*)"$/, '$1'));
}

function decisionOf(el: ModdleElement, problems: Problems): Decision | null {
  const id = el.id ?? '';
  const name = str(el, 'name');
  const required = children(el, 'informationRequirement')
    .map((r) => str(child(r, 'requiredDecision'), 'href')?.replace(/^#/, ''))
    .filter((r): r is string => Boolean(r));
  const base = { id, ...(name ? { name } : {}), required };
  const logic = child(el, 'decisionLogic');
  if (logic?.$type === 'dmn:LiteralExpression') {
    return {
      ...base,
      kind: 'literal',
      expression: expression(text(logic), id, 'the expression', problems),
    };
  }
  if (logic?.$type !== 'dmn:DecisionTable') {
    problems.add(
      id,
      `${logic ? logic.$type.replace('dmn:', '') : 'a decision without logic'} is not supported (decision tables and literal expressions are)`,
    );
    return null;
  }
  const hitPolicy = (str(logic, 'hitPolicy') ?? 'UNIQUE') as HitPolicy;
  if (!HIT_POLICIES.has(hitPolicy)) problems.add(id, `hit policy '${hitPolicy}' is not supported`);
  const aggregation = str(logic, 'aggregation') as Aggregation | undefined;
  const inputs = children(logic, 'input').map((input, i) =>
    expression(text(child(input, 'inputExpression')), id, `input ${i + 1}`, problems),
  );
  const outputs: DecisionOutput[] = children(logic, 'output').map((output, i) => {
    const priorities = outputValues(output);
    return { name: str(output, 'name') ?? `output${i + 1}`, ...(priorities ? { priorities } : {}) };
  });
  const rules = children(logic, 'rule').map((rule, r) => {
    const tests = children(rule, 'inputEntry').map(text);
    tests.forEach((test, i) => {
      if (!unaryTestsParse(test))
        problems.add(id, `rule ${r + 1} input ${i + 1} '${test}' is not valid FEEL unary tests`);
    });
    if (tests.length !== inputs.length)
      problems.add(
        id,
        `rule ${r + 1} has ${tests.length} input entries for ${inputs.length} inputs`,
      );
    const entries = children(rule, 'outputEntry').map((o, i) =>
      expression(text(o), id, `rule ${r + 1} output ${i + 1}`, problems),
    );
    return { tests, outputs: entries };
  });
  return {
    ...base,
    kind: 'table',
    hitPolicy,
    ...(aggregation ? { aggregation } : {}),
    inputs,
    outputs,
    rules,
  };
}

export async function compileDecisions(xml: string): Promise<DecisionsResult> {
  const problems = new Problems();
  let root: ModdleElement;
  try {
    const parsed = (await moddle.fromXML(xml)) as { rootElement: ModdleElement };
    root = parsed.rootElement;
  } catch (error) {
    problems.add(null, `malformed DMN: ${(error as Error).message.split('\n')[0] ?? ''}`);
    return { ok: false, problems: problems.list };
  }
  if (root.$type !== 'dmn:Definitions') {
    problems.add(null, 'the file is not a DMN 1.3 definitions document');
    return { ok: false, problems: problems.list };
  }
  const decisions: Decision[] = [];
  for (const el of children(root, 'drgElement')) {
    if (el.$type !== 'dmn:Decision') continue;
    const decision = decisionOf(el, problems);
    if (decision) decisions.push(decision);
  }
  if (decisions.length === 0 && problems.empty) problems.add(null, 'the file has no decision');
  return problems.empty ? { ok: true, decisions } : { ok: false, problems: problems.list };
}
