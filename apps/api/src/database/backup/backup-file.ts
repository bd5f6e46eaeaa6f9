import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';

/**
 * An OrgLife backup: gzip-compressed JSON lines. The header names the migrations the schema
 * was at; then every row of every table (as PostgreSQL's `to_jsonb`, so bytea, timestamps and
 * json survive exactly), the sequences, and an end record with the row count of each table —
 * a file cut short has no end record and is refused.
 */
export type BackupRecord =
  | {
      kind: 'header';
      format: typeof FORMAT;
      version: 1;
      takenAt: string;
      database: 'pglite' | 'postgres';
      migrations: string[];
    }
  | { kind: 'row'; table: string; json: string }
  | { kind: 'sequence'; name: string; value: string; called: boolean }
  | { kind: 'end'; rows: Record<string, number> };

const FORMAT = 'orglife-backup';

/** A backup that cannot be used as it is: the message says why, in one line. */
export class BackupRefused extends Error {}

export function backupHeader(
  database: 'pglite' | 'postgres',
  migrations: string[],
): BackupRecord & { kind: 'header' } {
  return {
    kind: 'header',
    format: FORMAT,
    version: 1,
    takenAt: new Date().toISOString(),
    database,
    migrations,
  };
}

function line(record: BackupRecord): string {
  // A row's JSON comes from the database as text: spliced in, not parsed and re-serialised.
  if (record.kind === 'row')
    return `{"kind":"row","table":${JSON.stringify(record.table)},"row":${record.json}}\n`;
  return `${JSON.stringify(record)}\n`;
}

/** Writes the records, gzip-compressed, to `target` (a file path or an open stream). */
export async function writeBackup(
  records: AsyncIterable<BackupRecord>,
  target: string | Writable,
): Promise<void> {
  const lines = Readable.from(
    (async function* () {
      for await (const record of records) yield line(record);
    })(),
  );
  const out = typeof target === 'string' ? createWriteStream(target, { flags: 'wx' }) : target;
  await pipeline(lines, createGzip(), out);
}

/** Reads a backup file; throws BackupRefused when it is not one, or is cut short. */
export async function* readBackup(path: string): AsyncGenerator<BackupRecord> {
  const gunzip = createGunzip();
  const input = createReadStream(path).on('error', (error) => gunzip.destroy(error));
  const lines = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity });
  let first = true;
  let ended = false;
  try {
    for await (const text of lines) {
      if (text === '') continue;
      const parsed = JSON.parse(text) as BackupRecord & { row?: unknown };
      if (first && (parsed.kind !== 'header' || parsed.format !== FORMAT)) {
        throw new BackupRefused(`${path} is not an OrgLife backup`);
      }
      first = false;
      if (parsed.kind === 'end') ended = true;
      yield parsed.kind === 'row'
        ? { kind: 'row', table: parsed.table, json: JSON.stringify(parsed.row) }
        : parsed;
    }
  } catch (error) {
    if (error instanceof BackupRefused) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new BackupRefused(`cannot read ${path}: no such file`);
    throw new BackupRefused(`${path} is not an OrgLife backup (${(error as Error).message})`);
  }
  if (first) throw new BackupRefused(`${path} is not an OrgLife backup (empty)`);
  if (!ended) throw new BackupRefused(`${path} is incomplete: it was cut short`);
}
