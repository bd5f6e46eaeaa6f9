import type { Statement } from './entity-rows.js';

/** Which tables each table's foreign keys reference (table names, as in `Statement.inserts`). */
export type References = ReadonlyMap<string, readonly string[]>;

interface Merge {
  /** Its place among the statements sent. */
  at: number;
  members: Statement[];
  /** Tables that statements placed after this one insert into. */
  insertedAfter: Set<string>;
}

/**
 * Held-back writes with inserts of the same SQL merged into the first of them, their rows in
 * order: a job group that starts 25 plans sends one INSERT per table instead of 25, which
 * costs PostgreSQL and the driver a fraction per row. An insert moves up to an earlier one
 * only past other inserts, and only if none of those put rows into a table its rows may
 * reference; any other statement (an update, a delete, a read) ends every merge before it.
 */
export function mergeInserts(
  statements: readonly Statement[],
  references: References,
): Statement[] {
  const placed: (Statement | Merge)[] = [];
  let open = new Map<string, Merge>();
  for (const statement of statements) {
    if (!statement.inserts) {
      open = new Map();
      placed.push(statement);
      continue;
    }
    const needs = [
      ...statement.inserts.flatMap((table) => references.get(table) ?? []),
      ...(statement.reads ?? []),
    ];
    let merge = statement.mergeable ? open.get(statement.sql) : undefined;
    if (
      merge &&
      merge.members[0]!.onRows === statement.onRows &&
      !needs.some((table) => merge!.insertedAfter.has(table))
    ) {
      merge.members.push(statement);
    } else {
      merge = { at: placed.length, members: [statement], insertedAfter: new Set() };
      if (statement.mergeable) open.set(statement.sql, merge);
      placed.push(merge);
    }
    for (const other of open.values()) {
      if (other.at < merge.at) {
        for (const table of statement.inserts) other.insertedAfter.add(table);
      }
    }
  }
  return placed.map((entry) => ('members' in entry ? mergeRows(entry.members) : entry));
}

/**
 * Statements of one SQL text whose parameters are rows (`Statement.mergeable`) as one statement
 * with all their rows, in order; their `onRows`, one function, is given all rows at once.
 */
export function mergeRows(members: readonly Statement[]): Statement {
  const [first] = members as [Statement, ...Statement[]];
  if (members.length === 1) return first;
  return {
    ...first,
    params: first.params.map((_, i) => joinRows(members.map((member) => member.params[i]))),
  };
}

/**
 * `statements` with each run of neighbours of one mergeable SQL text as one statement: for
 * writes known to touch different rows (an instance's state saved once per group), where
 * one statement per row would cost PostgreSQL and the driver a round of work each.
 */
export function mergeNeighbours(statements: readonly Statement[]): Statement[] {
  const runs: Statement[][] = [];
  for (const statement of statements) {
    const run = runs.at(-1);
    const [head] = run ?? [];
    if (
      run &&
      head?.mergeable &&
      statement.mergeable &&
      head.sql === statement.sql &&
      head.onRows === statement.onRows
    ) {
      run.push(statement);
    } else runs.push([statement]);
  }
  return runs.map(mergeRows);
}

/** One parameter's rows from several statements: JSON array texts joined, or arrays concatenated. */
function joinRows(values: unknown[]): unknown {
  if (values.every((value): value is string => typeof value === 'string')) {
    const items = values.map((text) => text.slice(1, -1)).filter((inner) => inner.length > 0);
    return `[${items.join(',')}]`;
  }
  return values.flatMap((value) => value as unknown[]);
}
