import type { Writable } from 'node:stream';
import type pg from 'pg';
import { QueryFailedError } from 'typeorm';
import type { Statement } from './entity-rows.js';
import { isScriptRunner } from './embedded-driver.js';
import { PreparedStatements } from './prepared-statements.js';
import { returnedRows } from './returned-rows.js';

/**
 * Beyond this many distinct statements the rest are sent unnamed: each named statement is
 * prepared once per connection and holds memory in its PostgreSQL backend for the connection's
 * life.
 */
const MAX_NAMED = 128;
const names = new Map<string, string>();

/**
 * Sends `statements` in order on one connection and returns each one's rows, in one round trip
 * where the connection allows:
 * - PostgreSQL (pg in pipeline mode): each statement with bound parameters, named so the server
 *   parses and plans it once per connection, all written before the first answer is awaited;
 * - embedded PGlite: one `exec` script of prepared statements (`prepared-statements.ts`), one call
 *   into it instead of six protocol calls and a parse and plan per statement;
 * - otherwise one after the other.
 * The first failing statement's error fails the batch, as a QueryFailedError.
 */
export async function sendInOrder(
  connection: unknown,
  statements: readonly Statement[],
  query: (sql: string, params: readonly unknown[]) => Promise<unknown>,
): Promise<unknown[][]> {
  if (statements.length === 0) return [];
  if (isPipelined(connection)) return pipelined(connection, statements);
  if (isScriptRunner(connection)) return script(connection, statements);
  const rows: unknown[][] = [];
  for (const { sql, params } of statements) rows.push(returnedRows(await query(sql, params)));
  return rows;
}

function isPipelined(connection: unknown): connection is pg.PoolClient {
  return (connection as Partial<pg.Client> | null)?.pipeline === true;
}

async function pipelined(client: pg.PoolClient, statements: readonly Statement[]) {
  // pg writes each statement to the socket by itself: one system call per statement, which on
  // loopback also delivers it to PostgreSQL. Corked, a job group's hundred statements are one.
  const socket = (client as unknown as { connection: { stream: Writable } }).connection.stream;
  socket.cork();
  let sent: Promise<pg.QueryResult>[];
  try {
    sent = statements.map(({ sql, params }) =>
      params.length === 0
        ? client.query(sql)
        : client.query({ name: nameOf(sql), text: sql, values: [...params] }),
    );
  } finally {
    socket.uncork();
  }
  const settled = await Promise.allSettled(sent);
  const failed = settled.findIndex((result) => result.status === 'rejected');
  if (failed >= 0) {
    const { sql, params } = statements[failed]!;
    const { reason } = settled[failed] as PromiseRejectedResult;
    throw new QueryFailedError(sql, [...params], reason as Error);
  }
  return settled.map((result) => (result as PromiseFulfilledResult<pg.QueryResult>).value.rows);
}

function nameOf(sql: string): string | undefined {
  let name = names.get(sql);
  if (!name && names.size < MAX_NAMED) {
    name = `orglife_${names.size + 1}`;
    names.set(sql, name);
  }
  return name;
}

async function script(
  connection: { runScript(text: string): Promise<{ rows: unknown[] }[]> },
  statements: readonly Statement[],
) {
  const prepared = PreparedStatements.of(connection);
  const { text, resultIndexes } = prepared.batch(statements);
  let results: { rows: unknown[] }[];
  try {
    results = await connection.runScript(text);
  } catch (error) {
    prepared.forgetAfterFailure();
    throw new QueryFailedError(text, [], error as Error);
  }
  return resultIndexes.map((index) => results[index]!.rows);
}
