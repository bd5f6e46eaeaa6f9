/** Notifications (README "Notifications"): e-mail through SMTP, the delivery poll. */
export interface NotificationOptions {
  /** SMTP for e-mail; undefined = no e-mail is sent (and none is queued). */
  smtp?: {
    host: string;
    port: number;
    /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
    secure: boolean;
    user?: string;
    pass?: string;
    from: string;
  };
  /** The app's address, for links in e-mails and robot messages (e.g. https://dj.example.edu.cn). */
  publicUrl?: string;
  /** How often deliveries are looked for (ms); 0 = never (tests call `runDue()`). */
  pollMs: number;
  /** How long a delivery being sent stays locked to its process (then another may take it). */
  lockMs: number;
  /** The hour (0–23, on ORGLIFE_TIME_ZONE's clock) from which the daily digest mails go out. */
  digestHour: number;
  /** How long after its due time overdue work is escalated to the unit's secretary (ms). */
  escalateAfterMs: number;
}

export const DEFAULT_NOTIFICATION_OPTIONS = {
  pollMs: 2000,
  lockMs: 60_000,
  digestHour: 8,
  escalateAfterMs: 48 * 3600_000,
} as const;

function wholeNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  max: number,
  unit: string,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new Error(`${name} must be a whole number of ${unit} (0–${max}), got "${raw}"`);
  }
  return value;
}

export const NOTIFICATION_OPTIONS = Symbol('NOTIFICATION_OPTIONS');

/**
 * SMTP_*, APP_PUBLIC_URL, NOTIFY_POLL_MS, NOTIFY_LOCK_MS, NOTIFY_DIGEST_HOUR and
 * NOTIFY_ESCALATE_HOURS; throws naming the variable when a value is malformed.
 */
export function readNotificationEnv(env: NodeJS.ProcessEnv): NotificationOptions {
  const d = DEFAULT_NOTIFICATION_OPTIONS;
  const day = 24 * 3600_000;
  const options: NotificationOptions = {
    pollMs: wholeNumber(env, 'NOTIFY_POLL_MS', d.pollMs, day, 'milliseconds'),
    lockMs: wholeNumber(env, 'NOTIFY_LOCK_MS', d.lockMs, day, 'milliseconds') || d.lockMs,
    digestHour: wholeNumber(env, 'NOTIFY_DIGEST_HOUR', d.digestHour, 23, 'hours'),
    escalateAfterMs:
      wholeNumber(env, 'NOTIFY_ESCALATE_HOURS', d.escalateAfterMs / 3600_000, 24 * 365, 'hours') *
      3600_000,
  };
  if (env.APP_PUBLIC_URL) options.publicUrl = env.APP_PUBLIC_URL.replace(/\/+$/, '');
  if (!env.SMTP_HOST) return options;
  const port = Number(env.SMTP_PORT ?? 587);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`SMTP_PORT must be a port number, got "${env.SMTP_PORT}"`);
  }
  if (!env.SMTP_FROM) throw new Error('SMTP_FROM must be set with SMTP_HOST (the sender address)');
  options.smtp = {
    host: env.SMTP_HOST,
    port,
    secure: (env.SMTP_SECURE ?? (port === 465 ? 'true' : 'false')) === 'true',
    user: env.SMTP_USER || undefined,
    pass: env.SMTP_PASS || undefined,
    from: env.SMTP_FROM,
  };
  return options;
}
