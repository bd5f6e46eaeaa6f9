/** Compiled DMN decisions: decision tables and literal expressions, by decision id. */
import type { Expr } from '../feel/expression.js';

export type HitPolicy =
  'UNIQUE' | 'FIRST' | 'PRIORITY' | 'ANY' | 'COLLECT' | 'RULE ORDER' | 'OUTPUT ORDER';

export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface DecisionOutput {
  name: string;
  /** The output values in priority order (PRIORITY and OUTPUT ORDER sort by them). */
  priorities?: string[];
}

export interface DecisionRule {
  /** FEEL unary tests, one per input ('-' or empty matches anything). */
  tests: string[];
  outputs: Expr[];
}

interface DecisionBase {
  id: string;
  name?: string;
  /** Decisions whose results this one reads, each under its decision id. */
  required: string[];
}

export interface DecisionTable extends DecisionBase {
  kind: 'table';
  hitPolicy: HitPolicy;
  aggregation?: Aggregation;
  inputs: Expr[];
  outputs: DecisionOutput[];
  rules: DecisionRule[];
}

export interface LiteralDecision extends DecisionBase {
  kind: 'literal';
  expression: Expr;
}

export type Decision = DecisionTable | LiteralDecision;

/** Every deployed decision by id, as business rule tasks look them up at run time. */
export type Decisions = ReadonlyMap<string, Decision>;
