// Browser tests against the real built app: builds engine, api and web, starts
// `node apps/api/dist/main.js` on a free port with a fresh database and the demo seed,
// waits for /api/health, runs test/e2e with vitest (Debian's Chromium through playwright-core),
// then stops the server. The API log lands in test-artifacts/api.log.
// Campus sign-in: an OpenID provider and a CAS server (apps/api/test/support/identity-providers.ts)
// run in this process for the whole run, and the API is configured with both (SSO_* variables).
//   node test/run-e2e.mjs            (pnpm run test:e2e)
//   E2E_SKIP_BUILD=1 node test/run-e2e.mjs   (reuse the existing dist folders)
//   node test/run-e2e.mjs screens            (only the files whose name contains `screens`)
// A run of every file then fails when a task form key of the API (TaskFormKey in
// apps/api/openapi.json) was not opened and submitted through the task page by some test
// (test/e2e/support/form-coverage.ts records them in test-artifacts/form-keys.jsonl).
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import {
  freePort,
  root,
  run,
  startAbandoned,
  startApi,
  startedWithin,
  stop,
  waitForHealth,
} from './support/app-process.mjs';
const artifacts = join(root, 'test-artifacts');
const E2E_DATABASE = 'orglife_e2e';
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

/** A fresh PostgreSQL database of its own, so the api's tests and these never share tables. */
async function freshPostgres(databaseUrl) {
  const { Client } = createRequire(join(root, 'apps/api/package.json'))('pg');
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${E2E_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${E2E_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(databaseUrl);
  url.pathname = `/${E2E_DATABASE}`;
  return url.toString();
}

/**
 * Who the campus identity services know: the 工号 T2026001 is the demo od_admin, X9999999 and
 * N2026001 no one; the newcomer's campus unit D0301 is what test/e2e/sso.test.ts turns
 * 统一身份认证自动建档 on for.
 */
const CAMPUS_ACCOUNTS = {
  wang: { employeeNo: 'T2026001', name: '王建华' },
  stranger: { employeeNo: 'X9999999', name: '陌生人' },
  newcomer: { employeeNo: 'N2026001', name: '赵新来', unitCode: 'D0301' },
};

/** Starts the test OpenID provider and CAS server; answers their SSO_* variables and a stop. */
async function startIdentityProviders(baseUrl) {
  const { startOidcProvider, startCasServer, CAMPUS_PASSWORD } = await tsImport(
    '../apps/api/test/support/identity-providers.ts',
    import.meta.url,
  );
  const oidc = await startOidcProvider({
    accounts: CAMPUS_ACCOUNTS,
    redirectUris: [`${baseUrl}/api/auth/sso/oidc/callback`],
    postLogoutRedirectUris: [`${baseUrl}/login`],
  });
  const cas = await startCasServer({ accounts: CAMPUS_ACCOUNTS });
  return {
    env: {
      SSO_PUBLIC_URL: baseUrl,
      SSO_OIDC_ISSUER: oidc.issuer,
      SSO_OIDC_CLIENT_ID: oidc.clientId,
      SSO_OIDC_CLIENT_SECRET: oidc.clientSecret,
      SSO_OIDC_SCOPES: 'openid profile employee',
      SSO_OIDC_EMPLOYEE_NO_CLAIM: 'employee_no',
      SSO_OIDC_UNIT_CLAIM: 'unit_code',
      SSO_CAS_URL: cas.url,
      SSO_CAS_EMPLOYEE_NO_ATTRIBUTE: 'employeeNumber',
      SSO_CAS_UNIT_ATTRIBUTE: 'unitCode',
    },
    testEnv: { E2E_CAMPUS_PASSWORD: CAMPUS_PASSWORD, E2E_OIDC_ISSUER: oidc.issuer },
    stop: () => Promise.all([oidc.close(), cas.close()]),
  };
}

const FORM_KEYS_LOG = join(artifacts, 'form-keys.jsonl');

/** The form keys of the API's list that no browser test opened and submitted. */
function formKeysNotSubmitted() {
  const document = JSON.parse(readFileSync(join(root, 'apps/api/openapi.json'), 'utf8'));
  const all = document.components.schemas.TaskFormKey.enum;
  const lines = existsSync(FORM_KEYS_LOG)
    ? readFileSync(FORM_KEYS_LOG, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
  const opened = new Set(lines.filter((l) => l.opened).map((l) => l.formKey));
  const submitted = new Set(lines.filter((l) => l.submitted).map((l) => l.formKey));
  return all.filter((key) => !opened.has(key) || !submitted.has(key));
}

async function main() {
  mkdirSync(artifacts, { recursive: true });
  rmSync(FORM_KEYS_LOG, { force: true });
  const typecheck = await run(process.execPath, [
    join(root, 'node_modules/typescript/bin/tsc'),
    '-p',
    'test/tsconfig.json',
  ]);
  if (typecheck !== 0) return typecheck;
  if (!process.env.E2E_SKIP_BUILD) {
    const code = await run('pnpm', [
      '--filter',
      '@orglife/engine',
      '--filter',
      '@orglife/api',
      '--filter',
      '@orglife/web',
      'run',
      'build',
    ]);
    if (code !== 0) return code;
    console.log(`e2e: built engine, api and web in ${seconds()}`);
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'orglife-e2e-'));
  const databaseUrl = process.env.DATABASE_URL
    ? await freshPostgres(process.env.DATABASE_URL)
    : undefined;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const identity = await startedWithin('the campus identity providers', 30_000, () =>
    startIdentityProviders(baseUrl),
  );
  const env = {
    ...identity.env,
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    WEB_DIST: join(root, 'apps/web/dist'),
    SEED: 'true',
    // The scenarios play the month themselves; the demo month would have started it already.
    DEMO_MONTH: 'false',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    JWT_SECRET: 'e2e-only-secret-not-for-production',
    ORGLIFE_TEST_CLOCK: '1',
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;

  const log = createWriteStream(join(artifacts, 'api.log'));
  const server = startApi(env, log);
  const onSignal = () => server.kill('SIGKILL');
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    await waitForHealth(baseUrl, server);
    console.log(
      `e2e: API on ${baseUrl} (${databaseUrl ? `PostgreSQL ${E2E_DATABASE}` : 'PGlite'}) ready at ${seconds()}`,
    );
    const filtered = process.argv.slice(2).some((arg) => !arg.startsWith('-'));
    const code = await run(
      process.execPath,
      [
        join(root, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--config',
        'test/e2e/vitest.config.ts',
        ...process.argv.slice(2),
      ],
      { ...process.env, ...identity.testEnv, E2E_BASE_URL: baseUrl },
    );
    if (code !== 0 || filtered) return code;
    const missing = formKeysNotSubmitted();
    if (missing.length === 0) return 0;
    console.error(
      `e2e: no browser test opened and submitted the task form of ${missing.join(', ')} (see test-artifacts/form-keys.jsonl)`,
    );
    return 1;
  } finally {
    await stop(server);
    await identity.stop();
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`e2e: finished in ${seconds()}`);
  }
}

process.exitCode = await main().catch((error) => {
  console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});
if (startAbandoned) process.exit();
