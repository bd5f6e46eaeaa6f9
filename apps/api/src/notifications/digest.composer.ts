import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../clock/clock.js';
import { localMinute, wallClock } from '../common/time-zone.js';
import { Transactions } from '../database/transactions.js';
import { NOTIFICATION_OPTIONS, type NotificationOptions } from './notification.options.js';
import { NOTIFICATION_KIND_LABELS, type NotificationKind } from './notification.vocabulary.js';

/** Items listed in one digest; the rest wait for the next day's. */
const MAX_ITEMS = 100;
/** Where a digest's reader sees everything. */
export const DIGEST_LINK = '/notifications';

interface Item {
  id: string;
  kind: NotificationKind;
  title: string;
  link: string | null;
  createdAt: Date;
}

/**
 * The daily digest: from `digestHour` on the university's clock (ORGLIFE_TIME_ZONE), once a
 * local day, each person who chose the digest gets one e-mail listing their unread notifications
 * of the kinds they chose for e-mail that no digest has listed yet — instead of one mail each.
 * The mail (a delivery in the outbox), the marks on its items and the day it went out commit
 * together; a person's row is locked while composing, so of several processes one writes it.
 */
@Injectable()
export class DigestComposer {
  constructor(
    private readonly tx: Transactions,
    @Inject(NOTIFICATION_OPTIONS) private readonly options: NotificationOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Writes the digests due now; returns how many mails were queued. */
  async compose(): Promise<number> {
    if (!this.options.smtp) return 0;
    const now = this.clock.now();
    const local = wallClock(now);
    const day = local.slice(0, 10);
    if (Number(local.slice(11, 13)) < this.options.digestHour) return 0;
    const people = await this.tx.reader().query<{ id: string }[]>(
      `SELECT person_id AS id FROM notification_setting
        WHERE digest AND email IS NOT NULL AND (digest_sent_on IS NULL OR digest_sent_on < $1::date)`,
      [day],
    );
    let queued = 0;
    for (const { id } of people) {
      if (await this.tx.run((em) => this.composeFor(em, id, day, now))) queued++;
    }
    return queued;
  }

  private async composeFor(
    em: EntityManager,
    personId: string,
    day: string,
    now: Date,
  ): Promise<boolean> {
    const [setting] = await em.query<{ email: string; kinds: string[] }[]>(
      `SELECT email, email_kinds AS kinds FROM notification_setting
        WHERE person_id = $1 AND digest AND email IS NOT NULL
          AND (digest_sent_on IS NULL OR digest_sent_on < $2::date)
        FOR UPDATE SKIP LOCKED`,
      [personId, day],
    );
    if (!setting) return false;
    await em.query(
      `UPDATE notification_setting SET digest_sent_on = $2::date WHERE person_id = $1`,
      [personId, day],
    );
    const items = await em.query<Item[]>(
      `SELECT id, kind, title, link, created_at AS "createdAt" FROM notification
        WHERE person_id = $1 AND read_at IS NULL AND digest_delivery_id IS NULL
          AND kind = ANY($2::text[])
        ORDER BY created_at, id LIMIT ${MAX_ITEMS}`,
      [personId, setting.kinds],
    );
    if (items.length === 0) return false;
    const [delivery] = await em.query<{ id: string }[]>(
      `INSERT INTO notification_delivery
         (channel, recipient, subject, body, link, next_attempt_at, created_at)
       VALUES ('email', $1, $2, $3, $4, $5, $5) RETURNING id`,
      [
        setting.email,
        `每日通知摘要：${items.length} 条未读（${day}）`,
        this.body(items, day),
        DIGEST_LINK,
        now,
      ],
    );
    await em.query(`UPDATE notification SET digest_delivery_id = $1 WHERE id = ANY($2::uuid[])`, [
      delivery!.id,
      items.map((i) => i.id),
    ]);
    return true;
  }

  private body(items: Item[], day: string): string {
    const lines = items.map((item, n) => {
      const link = item.link ? `\n   ${this.options.publicUrl ?? ''}${item.link}` : '';
      const label = NOTIFICATION_KIND_LABELS[item.kind] ?? item.kind;
      return `${n + 1}. 【${label}】${item.title}（${localMinute(new Date(item.createdAt))}）${link}`;
    });
    return [`截至 ${day}，您有 ${items.length} 条未读通知：`, '', ...lines].join('\n');
  }
}
