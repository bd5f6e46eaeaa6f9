/**
 * Variable scopes: the process (root) and element instances with local variables. Reads see
 * the whole chain; writes go to the nearest scope that already defines the name, else the root.
 */
import type { Variables } from '../contract.js';
import { evaluateExpr, type Evaluated } from '../feel/expression.js';
import type { Mapping } from '../compile/model.js';
import type { Step } from './step.js';

export function visibleVariables(step: Step, fromId: string | null): Variables {
  const chain: Variables[] = [];
  for (let el = step.element(fromId); el; el = step.element(el.parentId)) {
    if (el.variables) chain.push(el.variables);
  }
  if (chain.length === 0) return step.state.variables;
  const out: Variables = { ...step.state.variables };
  for (let i = chain.length - 1; i >= 0; i--) Object.assign(out, chain[i]);
  return out;
}

export function setVariable(
  step: Step,
  fromId: string | null,
  name: string,
  value: Variables[string],
): void {
  for (let el = step.element(fromId); el; el = step.element(el.parentId)) {
    if (el.variables && name in el.variables) {
      step.update(el.id, { variables: { ...el.variables, [name]: value } });
      return;
    }
  }
  step.setRootVariable(name, value);
}

export function setVariables(
  step: Step,
  fromId: string | null,
  variables: Variables | undefined,
): void {
  if (!variables) return;
  for (const name of Object.keys(variables))
    setVariable(step, fromId, name, variables[name] ?? null);
}

/** Evaluates mappings in order, each seeing the targets mapped before it. */
export function evaluateMappings(
  mappings: Mapping[],
  context: Variables,
  now: string,
): { ok: true; values: Variables } | Extract<Evaluated, { ok: false }> {
  const values: Variables = {};
  const scope: Variables = { ...context };
  for (const m of mappings) {
    const result = evaluateExpr(m.source, scope, now);
    if (!result.ok) return result;
    assignPath(values, m.target, result.value);
    assignPath(scope, m.target, result.value);
  }
  return { ok: true, values };
}

/** `a.b` targets write into a context variable, as Zeebe mappings do. */
function assignPath(into: Variables, target: string, value: Variables[string]): void {
  const parts = target.split('.');
  if (parts.length === 1) {
    into[target] = value;
    return;
  }
  let cursor: Variables = into;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i] as string;
    const next = cursor[key];
    const copy: Variables =
      next !== null && typeof next === 'object' && !Array.isArray(next) ? { ...next } : {};
    cursor[key] = copy;
    cursor = copy;
  }
  cursor[parts[parts.length - 1] as string] = value;
}
