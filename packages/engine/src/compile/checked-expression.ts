import { feel, feelSyntaxError, parseValue, type Expr } from '../feel/expression.js';
import type { Problems } from './problems.js';

/** Parses an attribute value (`=` FEEL or literal) and reports FEEL syntax errors by attribute. */
export function checkedValue(
  raw: string,
  elementId: string,
  attribute: string,
  problems: Problems,
): Expr {
  const expr = parseValue(raw);
  if (expr.feel) reportSyntax(expr.expression, elementId, attribute, problems);
  return expr;
}

/** A value that is always FEEL (conditions, completion conditions); a leading `=` is optional. */
export function checkedFeel(
  raw: string,
  elementId: string,
  attribute: string,
  problems: Problems,
): Expr {
  const text = raw.startsWith('=') ? raw.slice(1) : raw;
  reportSyntax(text, elementId, attribute, problems);
  return feel(text);
}

function reportSyntax(
  text: string,
  elementId: string,
  attribute: string,
  problems: Problems,
): void {
  const at = feelSyntaxError(text);
  if (at === null) return;
  const juel = text.includes('${')
    ? ': ${…} is JUEL, the expression language of Camunda 7; Camunda 8 expressions are FEEL (write `=approved` for `${approved}`)'
    : '';
  problems.add(
    elementId,
    text.trim() === ''
      ? `${attribute} is an empty FEEL expression`
      : `${attribute} '=${text}' is not a valid FEEL expression (syntax error at character ${at + 1})${juel}`,
  );
}
