import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../clock/clock.js';
import { NOTIFICATION_OPTIONS, type NotificationOptions } from './notification.options.js';
import { backoffMs, MAX_DELIVERY_ATTEMPTS, type RobotProvider } from './notification.vocabulary.js';
import { MailSender, RobotSender } from './senders.js';

interface Claimed {
  id: string;
  channel: 'email' | 'robot';
  recipient: string | null;
  subject: string;
  body: string;
  link: string | null;
  attempts: number;
  provider: RobotProvider | null;
  webhookUrl: string | null;
  secret: string | null;
}

/**
 * Sends the outbox with the workflow job executor's semantics: claims due deliveries with
 * `FOR UPDATE SKIP LOCKED`, locked to this process (`locked_by`) until `locked_until`, so another
 * process takes over those of one that died; sends each with its idempotency key (the delivery's
 * id: the e-mail's Message-ID, the robots' Idempotency-Key header); marks it sent once; a
 * failure is retried with exponential backoff and given up after the last attempt. Only the
 * process holding a delivery records its outcome. Any number of processes may run one
 * (NotificationScheduler polls it; tests call `runDue()`).
 */
@Injectable()
export class DeliveryDispatcher {
  /** Identifies this process's claims. */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger(DeliveryDispatcher.name);
  private round: Promise<number> | null = null;
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailSender,
    private readonly robots: RobotSender,
    @Inject(NOTIFICATION_OPTIONS) private readonly options: NotificationOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Takes no more deliveries and lets the one in hand finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.round?.catch(() => 0);
  }

  /** Sends every delivery due now; returns how many were sent. */
  async runDue(): Promise<number> {
    while (this.round) await this.round.catch(() => 0);
    this.round = this.drain();
    try {
      return await this.round;
    } finally {
      this.round = null;
    }
  }

  private async drain(): Promise<number> {
    let sent = 0;
    while (!this.stopping) {
      const batch = await this.claim(20);
      if (batch.length === 0) return sent;
      for (const delivery of batch) {
        if (this.stopping) break;
        if (await this.deliver(delivery)) sent++;
      }
    }
    return sent;
  }

  private async claim(limit: number): Promise<Claimed[]> {
    const now = this.clock.now();
    // an UPDATE … RETURNING answers [rows, affected count]
    const [rows] = await this.db.query<[Claimed[], number]>(
      `WITH due AS (
         SELECT id FROM notification_delivery
          WHERE status = 'pending' AND next_attempt_at <= $1
            AND (locked_until IS NULL OR locked_until <= $1)
          ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       UPDATE notification_delivery d SET locked_until = $2, locked_by = $4, attempts = d.attempts + 1
         FROM due WHERE d.id = due.id
       RETURNING d.id, d.channel, d.recipient, d.subject, d.body, d.link, d.attempts,
         (SELECT provider FROM group_robot WHERE id = d.robot_id) AS provider,
         (SELECT webhook_url FROM group_robot WHERE id = d.robot_id) AS "webhookUrl",
         (SELECT secret FROM group_robot WHERE id = d.robot_id) AS secret`,
      [now, new Date(now.getTime() + this.options.lockMs), limit, this.owner],
    );
    return rows;
  }

  private async deliver(d: Claimed): Promise<boolean> {
    const outgoing = { id: d.id, subject: d.subject, body: d.body, link: d.link };
    try {
      if (d.channel === 'email') await this.mail.send(d.recipient!, outgoing);
      else
        await this.robots.send(
          { provider: d.provider!, webhookUrl: d.webhookUrl!, secret: d.secret },
          outgoing,
        );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = d.attempts >= MAX_DELIVERY_ATTEMPTS;
      await this.db.query(
        `UPDATE notification_delivery
            SET status = $2, next_attempt_at = $3, locked_until = NULL, locked_by = NULL,
                last_error = $4
          WHERE id = $1 AND status = 'pending' AND locked_by = $5`,
        [
          d.id,
          giveUp ? 'failed' : 'pending',
          new Date(this.clock.now().getTime() + backoffMs(d.attempts)),
          message.slice(0, 1000),
          this.owner,
        ],
      );
      this.logger.warn(`delivery ${d.id} (${d.channel}) failed, attempt ${d.attempts}: ${message}`);
      return false;
    }
    await this.db.query(
      `UPDATE notification_delivery
          SET status = 'sent', sent_at = $2, locked_until = NULL, locked_by = NULL
        WHERE id = $1 AND status = 'pending'`,
      [d.id, this.clock.now()],
    );
    return true;
  }
}
