import type { Clock } from './clock/clock.js';
import type { PhotoTolerance } from './sessions/session-photos.js';
import type { NotificationOptions } from './notifications/notification.options.js';
import type { SsoOptions } from './sso/sso.options.js';
import type { WorkflowModuleOptions } from './workflow/workflow.options.js';

export const APP_OPTIONS = Symbol('APP_OPTIONS');

export interface AppOptions {
  /** PostgreSQL connection string; unset = embedded PGlite. */
  databaseUrl?: string;
  /** PostgreSQL schema to work in (tests give each file its own); default the server's. */
  databaseSchema?: string;
  /** A read replica's connection string (DATABASE_READ_URL) for the heavy reads; see ReadReplica. */
  databaseReadUrl?: string;
  /** PGlite data folder; undefined = in-memory. Ignored when databaseUrl is set. */
  dataDir?: string;
  clock?: Clock;
  /** Drop every table before migrating (tests only). */
  dropSchema?: boolean;
  /** Seed the demo university when the database has no org units. */
  seed?: boolean;
  /** After a fresh seed, play the demo month (src/seed/demo-month.ts) so inboxes have work. */
  demoMonth?: boolean;
  /** Secret for signing access tokens; tests may omit it (a fixed test secret is used). */
  jwtSecret?: string;
  /** Access token lifetime in seconds (default 900). */
  accessTokenTtlSeconds?: number;
  /** Refresh token lifetime in seconds (default 14 days). */
  refreshTokenTtlSeconds?: number;
  /** pino level: fatal, error, warn, info, debug, trace or silent (default info). */
  logLevel?: string;
  /** Folder of the built web app to serve on non-/api paths; omitted = API only. */
  webDist?: string;
  /** Failed logins per username allowed within the window before 429 (default 5). */
  loginMaxFailures?: number;
  /** ORGLIFE_ADMIN_*: the administrator to create on a start with none (README "Running it for your university"). */
  firstAdministrator?: { username: string; password: string; name: string; orgName: string };
  /** Workflow runtime: startup deployment folder, job executor (tests turn its interval off). */
  workflow?: WorkflowModuleOptions;
  /** Days after recording within which a branch secretary may correct (更正) a session (default 7). */
  sessionCorrectionDays?: number;
  /** When a photo counts as far from its session (flagged for the inspector, never refused). */
  photoTolerance?: Partial<PhotoTolerance>;
  /** METRICS_TOKEN: lets a Prometheus scraper read /api/metrics without signing in. */
  metricsToken?: string;
  /** Campus sign-in through OIDC and/or CAS; undefined = local accounts only. */
  sso?: SsoOptions;
  /** E-mail (SMTP) and the delivery poll; default: no e-mail, polling every 2 s. */
  notifications?: Partial<NotificationOptions>;
}
