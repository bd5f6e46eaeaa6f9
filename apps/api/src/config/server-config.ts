import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppOptions } from '../app.options.js';
import { passwordRuleBroken } from '../auth/password-policy.js';
import { isTimeZone } from '../common/time-zone.js';
import { readNotificationEnv } from '../notifications/notification.options.js';
import { DEFAULT_PHOTO_TOLERANCE } from '../sessions/session-photos.js';
import { readSsoEnv } from '../sso/sso-env.js';
import type { JobExecutorOptions } from '../workflow/workflow.options.js';

/** A bad setting: the server stops with this one line (it names the variable), no stack trace. */
export class ConfigError extends Error {}

export interface ServerConfig {
  port: number;
  host: string;
  app: AppOptions;
}

const here = dirname(fileURLToPath(import.meta.url));
/** apps/api/dist/config → apps/web/dist */
const DEFAULT_WEB_DIST = resolve(here, '../../../web/dist');

/** Reads the environment (README "Configuration"); throws on a malformed value. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  }
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const databaseUrl = env.DATABASE_URL || undefined;
  const databaseReadUrl = env.DATABASE_READ_URL || undefined;
  if (databaseReadUrl && !databaseUrl) {
    throw new ConfigError('DATABASE_READ_URL needs DATABASE_URL: a replica of what?');
  }
  const webDist = resolve(env.WEB_DIST ?? DEFAULT_WEB_DIST);
  writableDir(dataDir);
  const sessionCorrectionDays = Number(env.SESSION_CORRECTION_DAYS ?? 7);
  if (!Number.isInteger(sessionCorrectionDays) || sessionCorrectionDays < 0) {
    throw new ConfigError(
      `SESSION_CORRECTION_DAYS must be a whole number of days, got "${env.SESSION_CORRECTION_DAYS}"`,
    );
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    app: {
      databaseUrl,
      databaseReadUrl,
      dataDir: databaseUrl ? undefined : join(dataDir, 'pglite'),
      jwtSecret: env.JWT_SECRET || jwtSecretIn(dataDir),
      accessTokenTtlSeconds: Number(env.ACCESS_TOKEN_TTL ?? 900),
      refreshTokenTtlSeconds: Number(env.REFRESH_TOKEN_TTL ?? 14 * 24 * 3600),
      logLevel: env.LOG_LEVEL ?? 'info',
      seed: env.SEED !== 'false',
      demoMonth: env.SEED !== 'false' && env.DEMO_MONTH !== 'false',
      webDist: existsSync(join(webDist, 'index.html')) ? webDist : undefined,
      firstAdministrator: firstAdministratorEnv(env),
      workflow: { jobExecutor: jobExecutorEnv(env), ...engineEnv(env) },
      sso: readSsoEnv(env),
      sessionCorrectionDays,
      photoTolerance: photoToleranceEnv(env),
      metricsToken: metricsTokenEnv(env),
      notifications: readNotificationEnv(env),
    },
  };
}

/**
 * PHOTO_TIME_TOLERANCE_HOURS (default 12) and PHOTO_PLACE_TOLERANCE_M (default 1000): a session
 * photo taken further than this from the session's time or venue is flagged.
 */
function photoToleranceEnv(env: NodeJS.ProcessEnv): { hours: number; metres: number } {
  const positive = (name: string, fallback: number): number => {
    const raw = env[name];
    const value = Number(raw ?? fallback);
    if (!Number.isFinite(value) || value <= 0) {
      throw new ConfigError(`${name} must be a positive number, got "${raw}"`);
    }
    return value;
  };
  return {
    hours: positive('PHOTO_TIME_TOLERANCE_HOURS', DEFAULT_PHOTO_TOLERANCE.hours),
    metres: positive('PHOTO_PLACE_TOLERANCE_M', DEFAULT_PHOTO_TOLERANCE.metres),
  };
}

/** METRICS_TOKEN, when set, must be long enough not to be guessed. */
function metricsTokenEnv(env: NodeJS.ProcessEnv): string | undefined {
  const token = env.METRICS_TOKEN;
  if (!token) return undefined;
  if (token.length < 32) {
    throw new ConfigError(
      'METRICS_TOKEN must be at least 32 characters (e.g. openssl rand -hex 32)',
    );
  }
  return token;
}

/** DATA_DIR must exist (it is created) and be writable: the embedded database and the JWT secret live there. */
function writableDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError(`DATA_DIR ${dataDir} cannot be created or written (${code})`);
  }
}

/** ORGLIFE_ADMIN_USERNAME and ORGLIFE_ADMIN_PASSWORD (both or neither), ORGLIFE_ADMIN_NAME, ORGLIFE_ORG_NAME. */
function firstAdministratorEnv(env: NodeJS.ProcessEnv): AppOptions['firstAdministrator'] {
  const username = env.ORGLIFE_ADMIN_USERNAME;
  const password = env.ORGLIFE_ADMIN_PASSWORD;
  if (!username && !password) return undefined;
  if (!username || !password) {
    throw new ConfigError('ORGLIFE_ADMIN_USERNAME and ORGLIFE_ADMIN_PASSWORD must be set together');
  }
  const broken = passwordRuleBroken(password, username);
  if (broken) throw new ConfigError(`ORGLIFE_ADMIN_PASSWORD: ${broken}`);
  return {
    username,
    password,
    name: env.ORGLIFE_ADMIN_NAME || '系统管理员',
    orgName: env.ORGLIFE_ORG_NAME || '学校党委',
  };
}

/** JOB_EXECUTOR=off, JOB_POLL_MS, JOB_LOCK_MS, JOB_CONCURRENCY; unset keeps the executor's defaults. */
function jobExecutorEnv(env: NodeJS.ProcessEnv): Partial<JobExecutorOptions> {
  const options: Partial<JobExecutorOptions> = {};
  if (env.JOB_EXECUTOR !== undefined) {
    if (env.JOB_EXECUTOR !== 'on' && env.JOB_EXECUTOR !== 'off') {
      throw new ConfigError(`JOB_EXECUTOR must be "on" or "off", got "${env.JOB_EXECUTOR}"`);
    }
    options.enabled = env.JOB_EXECUTOR === 'on';
  }
  for (const [name, key, unit] of [
    ['JOB_POLL_MS', 'intervalMs', ' of milliseconds'],
    ['JOB_LOCK_MS', 'lockMs', ' of milliseconds'],
    ['JOB_CONCURRENCY', 'concurrency', ''],
  ] as const) {
    const raw = env[name];
    if (raw === undefined) continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) {
      throw new ConfigError(`${name} must be a positive whole number${unit}, got "${raw}"`);
    }
    options[key] = value;
  }
  return options;
}

/**
 * ENGINE_MAX_ACTIVATIONS, and the zone cron timers run in: CRON_TIME_ZONE, else the university's
 * ORGLIFE_TIME_ZONE; unset keeps the engine's defaults.
 */
function engineEnv(env: NodeJS.ProcessEnv): { maxActivationsPerStep?: number; timeZone?: string } {
  const options: { maxActivationsPerStep?: number; timeZone?: string } = {};
  const raw = env.ENGINE_MAX_ACTIVATIONS;
  if (raw !== undefined) {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`ENGINE_MAX_ACTIVATIONS must be a positive whole number, got "${raw}"`);
    }
    options.maxActivationsPerStep = value;
  }
  const university = timeZoneEnv(env, 'ORGLIFE_TIME_ZONE');
  const cron = timeZoneEnv(env, 'CRON_TIME_ZONE') ?? university;
  if (cron) options.timeZone = cron;
  return options;
}

function timeZoneEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const zone = env[name];
  if (zone !== undefined && !isTimeZone(zone)) {
    throw new Error(`${name} must be an IANA time zone such as Asia/Shanghai, got "${zone}"`);
  }
  return zone;
}

/** A secret generated on first start and kept in the data folder (never in the repository). */
function jwtSecretIn(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
