import type { Statement } from './entity-rows.js';
import { inlineParameters, sqlLiteral } from './sql-literals.js';

/**
 * Beyond this many statements on one connection the rest are sent inlined, never prepared: each
 * prepared statement holds memory in its PostgreSQL backend for the connection's life.
 */
const MAX_PREPARED = 128;

const byConnection = new WeakMap<object, PreparedStatements>();

/**
 * Server-side prepared statements of one PostgreSQL connection, for statements sent several to a
 * simple-protocol query. PostgreSQL then parses and plans each of them once per connection, not
 * on every engine step. A statement is sent as `EXECUTE name(literals…)`, preceded the first
 * time on the connection by `PREPARE name AS sql`; the parameters' types are inferred from
 * `sql` exactly as for a statement sent with bound parameters.
 */
export class PreparedStatements {
  private readonly names = new Map<string, string>();
  private stale = false;

  static of(connection: object): PreparedStatements {
    let prepared = byConnection.get(connection);
    if (!prepared) {
      prepared = new PreparedStatements();
      byConnection.set(connection, prepared);
    }
    return prepared;
  }

  /**
   * The statements as one simple-protocol query text, and where in its results each statement's
   * own result is (PREPAREs answer too).
   */
  batch(statements: readonly Statement[]): { text: string; resultIndexes: number[] } {
    const parts: string[] = [];
    if (this.stale) {
      parts.push('DEALLOCATE ALL');
      this.names.clear();
      this.stale = false;
    }
    const resultIndexes = statements.map((statement) => {
      parts.push(...this.sqlOf(statement));
      return parts.length - 1;
    });
    return { text: parts.join(';\n'), resultIndexes };
  }

  /**
   * A batch failed: whether its PREPAREs ran before the failure is unknown, so the next batch
   * starts from none.
   */
  forgetAfterFailure(): void {
    this.stale = true;
  }

  private sqlOf({ sql, params }: Statement): string[] {
    // Nothing to bind (BEGIN, COMMIT): sent as it is.
    if (params.length === 0) return [sql];
    let name = this.names.get(sql);
    const parts: string[] = [];
    if (!name) {
      if (this.names.size >= MAX_PREPARED) return [inlineParameters(sql, params)];
      name = `orglife_${this.names.size + 1}`;
      this.names.set(sql, name);
      parts.push(`PREPARE ${name} AS ${sql}`);
    }
    const args = params.length > 0 ? `(${params.map(sqlLiteral).join(', ')})` : '';
    parts.push(`EXECUTE ${name}${args}`);
    return parts;
  }
}
