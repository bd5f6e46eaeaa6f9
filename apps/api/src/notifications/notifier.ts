import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { holdBack } from '../database/unit-of-work.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { NotificationBus } from './notification.bus.js';
import { NOTIFICATION_OPTIONS, type NotificationOptions } from './notification.options.js';
import type { NotificationKind } from './notification.vocabulary.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface NotificationInput {
  kind: NotificationKind;
  /** Who is told; duplicates and unknown people are dropped. */
  personIds: string[];
  title: string;
  body: string;
  /** The app path to open, e.g. /tasks/{id}. */
  link: string | null;
  /** The unit the change is about: its group robots that take this kind are told once. */
  orgUnitId?: string | null;
}

const NOTIFY = `INSERT INTO notification (person_id, kind, title, body, link, created_at)
  SELECT p.id, $2, $3, $4, $5, $6 FROM person p WHERE p.id = ANY($1::uuid[])`;

/** As NOTIFY, and e-mail now for those who chose it for this kind and get no daily digest. */
const NOTIFY_AND_EMAIL = `WITH told AS (${NOTIFY} RETURNING id, person_id, kind, title, body, link)
  INSERT INTO notification_delivery
    (notification_id, channel, recipient, subject, body, link, next_attempt_at, created_at)
  SELECT n.id, 'email', s.email, n.title, n.body, n.link, $6, $6
    FROM told n JOIN notification_setting s ON s.person_id = n.person_id
   WHERE s.email IS NOT NULL AND NOT s.digest AND n.kind = ANY(s.email_kinds)`;

/**
 * Writes notifications and their deliveries (the outbox) with the caller's `em`, so they commit
 * or roll back with the change that causes them; the dispatcher sends the deliveries later.
 */
@Injectable()
export class Notifier {
  constructor(
    private readonly bus: NotificationBus,
    @Inject(NOTIFICATION_OPTIONS) private readonly options: NotificationOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Held back with the change's other writes: nothing here reads what it wrote. */
  async notify(em: EntityManager, input: NotificationInput): Promise<void> {
    const now = this.clock.now();
    const people = [...new Set(input.personIds)].filter((id) => UUID.test(id));
    if (people.length > 0) {
      const params = [people, input.kind, input.title, input.body, input.link, now];
      await holdBack(em, { sql: this.options.smtp ? NOTIFY_AND_EMAIL : NOTIFY, params });
      this.bus.changed(people);
    }
    if (input.orgUnitId) {
      await holdBack(em, {
        sql: `INSERT INTO notification_delivery
                (channel, robot_id, subject, body, link, next_attempt_at, created_at)
              SELECT 'robot', r.id, $3, $4, $5, $6, $6 FROM group_robot r
               WHERE r.org_unit_id = $1 AND $2 = ANY(r.kinds)`,
        params: [input.orgUnitId, input.kind, input.title, input.body, input.link, now],
      });
    }
  }
}
