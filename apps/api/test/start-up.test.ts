import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runApiToExit, runCli, startApi } from './support/built-api.js';

const HINT =
  /No Organization Department administrator exists: create one with `pnpm --silent orglife admin create/;

/** A start refused for configuration: exit 1, one line on stderr naming `variable`, no stack. */
function expectOneLineNaming(run: { code: number | null; stderr: string }, variable: string) {
  expect(run.code).toBe(1);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^orglife: ${variable}\\b`));
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

// Spawns the built API and CLI on the embedded database, as an operator runs them.
describe('start-up: configuration checks and the first administrator', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'orglife-start-'));
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const dataDir = (name: string) => join(dir, name);

  it('stops at once, in one line naming the variable, on PORT=abc', () => {
    expectOneLineNaming(runApiToExit({ PORT: 'abc', DATA_DIR: dataDir('port') }), 'PORT');
  });

  it('stops at once on a DATABASE_URL it cannot reach', () => {
    const started = Date.now();
    const run = runApiToExit({
      DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/none',
      DATA_DIR: dataDir('db'),
    });
    expectOneLineNaming(run, 'DATABASE_URL');
    expect(run.stderr).not.toContain('secret');
    // no connection retries (TypeORM's own would add 9 × 3 s); loading the app takes the rest
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('stops at once on a DATA_DIR it cannot write', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    expectOneLineNaming(runApiToExit({ DATA_DIR: join(file, 'data') }), 'DATA_DIR');
  });

  it('refuses a weak ORGLIFE_ADMIN_PASSWORD before starting', () => {
    const run = runApiToExit({
      DATA_DIR: dataDir('weak'),
      ORGLIFE_ADMIN_USERNAME: 'chief',
      ORGLIFE_ADMIN_PASSWORD: '12345678',
    });
    expectOneLineNaming(run, 'ORGLIFE_ADMIN_PASSWORD');
    expect(run.stderr).toMatch(/至少需要 10 个字符/);
  });

  it('says once how to create an administrator when there is none', async () => {
    const api = await startApi({ DATA_DIR: dataDir('none'), SEED: 'false' });
    await api.stop();
    expect(
      api
        .output()
        .split('\n')
        .filter((line) => HINT.test(line)),
    ).toHaveLength(1);
  }, 120_000);

  it('creates the administrator from ORGLIFE_ADMIN_* on the first start of an empty database', async () => {
    const api = await startApi({
      DATA_DIR: dataDir('env'),
      SEED: 'false',
      ORGLIFE_ADMIN_USERNAME: 'chief',
      ORGLIFE_ADMIN_PASSWORD: 'a long admin secret',
      ORGLIFE_ORG_NAME: '示范大学党委',
    });
    try {
      expect(api.output()).not.toMatch(HINT);
      const login = await fetch(`${api.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'chief', password: 'a long admin secret' }),
      });
      expect(login.status).toBe(200);
      const { accessToken } = (await login.json()) as { accessToken: string };
      const me = (await (
        await fetch(`${api.baseUrl}/api/me`, {
          headers: { Authorization: `Bearer ${accessToken}` },
        })
      ).json()) as { roles: { role: string; orgUnitName: string }[] };
      expect(me.roles).toEqual([
        expect.objectContaining({ role: 'od_admin', orgUnitName: '示范大学党委' }),
      ]);
    } finally {
      await api.stop();
    }
  }, 120_000);

  it('admin create refuses bad input in one line and changes nothing', () => {
    const env = { DATA_DIR: dataDir('cli') };
    const noPassword = runCli(['admin', 'create', '--username', 'chief', '--name', '王'], env);
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toMatch(/--password-stdin is required/);
    const weak = runCli(
      [
        'admin',
        'create',
        '--username',
        'chief',
        '--name',
        '王',
        '--password-stdin',
        '--org-name',
        '大学',
      ],
      env,
      'chief-password\n',
    );
    expect(weak.code).toBe(2);
    expect(weak.stderr.trim()).toBe('orglife: password: 密码不能包含用户名。');
    const noOrg = runCli(
      ['admin', 'create', '--username', 'chief', '--name', '王', '--password-stdin'],
      env,
      'a long admin secret\n',
    );
    expect(noOrg.code).toBe(2);
    expect(noOrg.stderr).toMatch(/--org-name/);
    expect(runCli(['--help'], env).stdout).toMatch(/admin create/);
  }, 120_000);
});
