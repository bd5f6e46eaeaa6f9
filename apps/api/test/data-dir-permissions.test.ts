/** Issue 14 point 6: the embedded database's folder and every file in it are owner-only. */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/test-app.js';

/** Every path under `dir` (itself included) whose mode lets the group or others in. */
function openToOthers(dir: string): string[] {
  const open: string[] = [];
  const visit = (path: string) => {
    const stat = statSync(path);
    if ((stat.mode & 0o077) !== 0) open.push(`${path} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  visit(dir);
  return open;
}

describe.skipIf(process.env.DATABASE_URL)('embedded database files', () => {
  const root = mkdtempSync(join(tmpdir(), 'orglife-perm-'));
  const umask = process.umask();
  afterAll(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('are owner-only: the folder, what was there, and what PGlite writes afterwards', async () => {
    process.umask(0);
    const dataDir = join(root, 'data');
    mkdirSync(dataDir, { mode: 0o777 });
    writeFileSync(join(dataDir, 'left-over'), 'x', { mode: 0o666 });
    const t = await createTestApp({ app: { dataDir } });
    try {
      await t.login('od_admin');
      await t.db.query('CREATE TABLE written_later (a int)');
      await t.db.query('INSERT INTO written_later SELECT generate_series(1, 1000)');
      await t.db.query('CHECKPOINT');
      expect(readdirSync(dataDir).length).toBeGreaterThan(1);
      expect(openToOthers(dataDir)).toEqual([]);
    } finally {
      await t.close();
    }
    expect(openToOthers(dataDir)).toEqual([]);
  });
});
