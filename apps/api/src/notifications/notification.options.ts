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
  /** How long a delivery being sent stays locked to its process. */
  lockMs: number;
}

export const NOTIFICATION_OPTIONS = Symbol('NOTIFICATION_OPTIONS');

/** SMTP_* and APP_PUBLIC_URL; throws naming the variable when a value is malformed. */
export function readNotificationEnv(env: NodeJS.ProcessEnv): NotificationOptions {
  const pollMs = Number(env.NOTIFY_POLL_MS ?? 2000);
  if (!Number.isInteger(pollMs) || pollMs < 0) {
    throw new Error(
      `NOTIFY_POLL_MS must be a whole number of milliseconds, got "${env.NOTIFY_POLL_MS}"`,
    );
  }
  const options: NotificationOptions = { pollMs, lockMs: 60_000 };
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
