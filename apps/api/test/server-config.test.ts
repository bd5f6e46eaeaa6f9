import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readEnv } from '../src/config/server-config.js';

describe('readEnv (configuration from environment variables)', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'orglife-env-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('defaults to port 3000, embedded PGlite inside DATA_DIR, seeding on, info logs', () => {
    const dataDir = tempDir();
    const config = readEnv({ DATA_DIR: dataDir });
    expect(config.port).toBe(3000);
    expect(config.app).toMatchObject({
      databaseUrl: undefined,
      dataDir: join(dataDir, 'pglite'),
      seed: true,
      logLevel: 'info',
      accessTokenTtlSeconds: 900,
    });
  });

  it('uses PostgreSQL and no PGlite folder when DATABASE_URL is set', () => {
    const config = readEnv({
      DATA_DIR: tempDir(),
      DATABASE_URL: 'postgres://u@h/db',
      PORT: '8080',
    });
    expect(config.port).toBe(8080);
    expect(config.app.databaseUrl).toBe('postgres://u@h/db');
    expect(config.app.dataDir).toBeUndefined();
  });

  it('generates a JWT secret once, keeps it private in the data folder, and reuses it', () => {
    const dataDir = tempDir();
    const first = readEnv({ DATA_DIR: dataDir }).app.jwtSecret;
    const file = join(dataDir, 'jwt-secret');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(readEnv({ DATA_DIR: dataDir }).app.jwtSecret).toBe(first);
    expect(first?.length).toBeGreaterThanOrEqual(40);
  });

  it('prefers JWT_SECRET from the environment and writes no file then', () => {
    const dataDir = tempDir();
    expect(readEnv({ DATA_DIR: dataDir, JWT_SECRET: 'from-env' }).app.jwtSecret).toBe('from-env');
    expect(existsSync(join(dataDir, 'jwt-secret'))).toBe(false);
  });

  it('takes DATABASE_READ_URL for the heavy reads, only beside DATABASE_URL', () => {
    const replica = 'postgres://u@replica/db';
    const config = readEnv({
      DATA_DIR: tempDir(),
      DATABASE_URL: 'postgres://u@h/db',
      DATABASE_READ_URL: replica,
    });
    expect(config.app.databaseReadUrl).toBe(replica);
    expect(() => readEnv({ DATA_DIR: tempDir(), DATABASE_READ_URL: replica })).toThrow(
      /DATABASE_READ_URL needs DATABASE_URL/,
    );
  });

  it('refuses a malformed PORT naming it', () => {
    expect(() => readEnv({ DATA_DIR: tempDir(), PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('configures the job executor from JOB_EXECUTOR, JOB_POLL_MS, JOB_LOCK_MS and JOB_CONCURRENCY', () => {
    expect(readEnv({ DATA_DIR: tempDir() }).app.workflow?.jobExecutor).toEqual({});
    const config = readEnv({
      DATA_DIR: tempDir(),
      JOB_EXECUTOR: 'off',
      JOB_POLL_MS: '200',
      JOB_LOCK_MS: '3000',
      JOB_CONCURRENCY: '2',
    });
    expect(config.app.workflow?.jobExecutor).toEqual({
      enabled: false,
      intervalMs: 200,
      lockMs: 3000,
      concurrency: 2,
    });
  });

  it('refuses a malformed job executor setting naming the variable', () => {
    expect(() => readEnv({ DATA_DIR: tempDir(), JOB_EXECUTOR: 'no' })).toThrow(/JOB_EXECUTOR/);
    expect(() => readEnv({ DATA_DIR: tempDir(), JOB_POLL_MS: '0' })).toThrow(/JOB_POLL_MS/);
    expect(() => readEnv({ DATA_DIR: tempDir(), JOB_LOCK_MS: '1.5' })).toThrow(/JOB_LOCK_MS/);
    expect(() => readEnv({ DATA_DIR: tempDir(), JOB_CONCURRENCY: 'four' })).toThrow(
      /JOB_CONCURRENCY/,
    );
  });

  it('configures notifications: the poll, the lock, the digest hour and the escalation delay', () => {
    expect(readEnv({ DATA_DIR: tempDir() }).app.notifications).toEqual({
      pollMs: 2000,
      lockMs: 60_000,
      digestHour: 8,
      escalateAfterMs: 48 * 3600_000,
    });
    const set = readEnv({
      DATA_DIR: tempDir(),
      NOTIFY_POLL_MS: '500',
      NOTIFY_LOCK_MS: '3000',
      NOTIFY_DIGEST_HOUR: '18',
      NOTIFY_ESCALATE_HOURS: '24',
    });
    expect(set.app.notifications).toMatchObject({
      pollMs: 500,
      lockMs: 3000,
      digestHour: 18,
      escalateAfterMs: 24 * 3600_000,
    });
    expect(() => readEnv({ DATA_DIR: tempDir(), NOTIFY_DIGEST_HOUR: '24' })).toThrow(
      /NOTIFY_DIGEST_HOUR/,
    );
    expect(() => readEnv({ DATA_DIR: tempDir(), NOTIFY_LOCK_MS: '-1' })).toThrow(/NOTIFY_LOCK_MS/);
    expect(() => readEnv({ DATA_DIR: tempDir(), NOTIFY_ESCALATE_HOURS: 'x' })).toThrow(
      /NOTIFY_ESCALATE_HOURS/,
    );
  });

  it('takes a METRICS_TOKEN only when it is long enough not to be guessed', () => {
    const token = 'x'.repeat(32);
    expect(readEnv({ DATA_DIR: tempDir(), METRICS_TOKEN: token }).app.metricsToken).toBe(token);
    expect(readEnv({ DATA_DIR: tempDir() }).app.metricsToken).toBeUndefined();
    expect(() => readEnv({ DATA_DIR: tempDir(), METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });

  it('bounds one engine step by ENGINE_MAX_ACTIVATIONS', () => {
    expect(readEnv({ DATA_DIR: tempDir() }).app.workflow?.maxActivationsPerStep).toBeUndefined();
    const config = readEnv({ DATA_DIR: tempDir(), ENGINE_MAX_ACTIVATIONS: '500' });
    expect(config.app.workflow?.maxActivationsPerStep).toBe(500);
    expect(() => readEnv({ DATA_DIR: tempDir(), ENGINE_MAX_ACTIVATIONS: '0' })).toThrow(
      /ENGINE_MAX_ACTIVATIONS/,
    );
  });

  it('runs cron timers in CRON_TIME_ZONE, refusing a name that is no time zone', () => {
    expect(readEnv({ DATA_DIR: tempDir() }).app.workflow?.timeZone).toBeUndefined();
    const config = readEnv({ DATA_DIR: tempDir(), CRON_TIME_ZONE: 'Europe/Berlin' });
    expect(config.app.workflow?.timeZone).toBe('Europe/Berlin');
    expect(() => readEnv({ DATA_DIR: tempDir(), CRON_TIME_ZONE: 'Mars/Olympus' })).toThrow(
      /CRON_TIME_ZONE/,
    );
  });

  describe('campus sign-in (SSO_*)', () => {
    const oidc = {
      SSO_PUBLIC_URL: 'https://dangjian.example.edu.cn/',
      SSO_OIDC_ISSUER: 'https://idp.example.edu.cn',
      SSO_OIDC_CLIENT_ID: 'orglife',
    };

    it('is off without an issuer or a CAS URL', () => {
      expect(readEnv({ DATA_DIR: tempDir() }).app.sso).toBeUndefined();
    });

    it('reads OIDC with defaults: openid scope added, 工号 in sub, 5 s timeout', () => {
      const sso = readEnv({ DATA_DIR: tempDir(), ...oidc, SSO_OIDC_SCOPES: 'profile' }).app.sso;
      expect(sso).toMatchObject({
        timeoutMs: 5000,
        required: false,
        localAccounts: [],
        oidc: { clientId: 'orglife', scopes: 'profile openid', employeeNoClaim: 'sub' },
      });
      expect(sso?.publicUrl.href).toBe('https://dangjian.example.edu.cn/');
    });

    it('reads CAS: version 3.0 unless told, the 工号 attribute, the local accounts', () => {
      const sso = readEnv({
        DATA_DIR: tempDir(),
        SSO_PUBLIC_URL: 'https://dangjian.example.edu.cn',
        SSO_CAS_URL: 'https://cas.example.edu.cn/cas/',
        SSO_CAS_EMPLOYEE_NO_ATTRIBUTE: 'employeeNumber',
        SSO_REQUIRED: 'true',
        SSO_LOCAL_ACCOUNTS: 'admin, ops',
      }).app.sso;
      expect(sso?.cas?.serverUrl.href).toBe('https://cas.example.edu.cn/cas');
      expect(sso).toMatchObject({
        required: true,
        localAccounts: ['admin', 'ops'],
        cas: { version: '3.0', employeeNoAttribute: 'employeeNumber' },
      });
    });

    it.each([
      [{ ...oidc, SSO_OIDC_CLIENT_ID: '' }, /SSO_OIDC_CLIENT_ID must be set/],
      [{ ...oidc, SSO_PUBLIC_URL: '' }, /SSO_PUBLIC_URL must be set/],
      [
        { ...oidc, SSO_OIDC_ISSUER: 'idp.example.edu.cn' },
        /SSO_OIDC_ISSUER must be an http\(s\) URL/,
      ],
      [
        { ...oidc, SSO_CAS_URL: 'https://cas', SSO_CAS_VERSION: '1.0' },
        /SSO_CAS_VERSION must be "2.0" or "3.0"/,
      ],
      [{ ...oidc, SSO_TIMEOUT_MS: '5s' }, /SSO_TIMEOUT_MS must be a whole number/],
      [{ ...oidc, SSO_REQUIRED: 'yes' }, /SSO_REQUIRED must be "true" or "false"/],
      [{ SSO_REQUIRED: 'true' }, /SSO_REQUIRED=true needs SSO_OIDC_ISSUER or SSO_CAS_URL/],
    ])('refuses a bad or missing value, naming the variable (%#)', (env, message) => {
      expect(() => readEnv({ DATA_DIR: tempDir(), ...env })).toThrow(message);
    });
  });
});
