import { prepareValue } from 'pg/lib/utils.js';

/**
 * A parameter as a SQL literal, converted the way `pg` converts a bound parameter (dates,
 * arrays, JSON) and quoted as `pg.escapeLiteral` quotes, so inlining it is as safe as binding it.
 */
export function sqlLiteral(value: unknown): string {
  const prepared: unknown = prepareValue(value);
  if (prepared === null || prepared === undefined) return 'NULL';
  if (Buffer.isBuffer(prepared)) return `'\\x${prepared.toString('hex')}'::bytea`;
  return quoteLiteral(String(prepared));
}

/**
 * `pg.escapeLiteral`'s output, built with native string replaces instead of its character
 * loop: an engine step saves its state as a literal of a kilobyte or more, and on that the loop
 * was the costliest part of building the step's statements. Quotes are doubled; a text with a
 * backslash becomes an E'' literal with the backslashes doubled, right whatever
 * `standard_conforming_strings` is.
 */
export function quoteLiteral(text: string): string {
  const quoted = text.replaceAll("'", "''");
  return text.includes('\\') ? ` E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

/**
 * `sql` with each `$n` placeholder replaced by the literal of `params[n - 1]`. Placeholders inside
 * quoted strings or identifiers are left alone. Used to send several statements in one simple-
 * protocol round trip, which cannot carry bound parameters.
 */
export function inlineParameters(sql: string, params: readonly unknown[]): string {
  let out = '';
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (quote) {
      out += ch;
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
      continue;
    }
    const digits = ch === '$' ? /^\d+/.exec(sql.slice(i + 1))?.[0] : undefined;
    if (!digits) {
      if (ch === '$' && sql[i + 1] === '$') throw new Error('Dollar-quoted SQL cannot be inlined.');
      out += ch;
      continue;
    }
    const index = Number(digits) - 1;
    if (index < 0 || index >= params.length) {
      throw new Error(`$${digits} has no parameter (${params.length} given).`);
    }
    out += sqlLiteral(params[index]);
    i += digits.length;
  }
  return out;
}
