import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { holdBack } from '../database/unit-of-work.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { NotificationBus } from './notification.bus.js';
import { NOTIFICATION_OPTIONS, type NotificationOptions } from './notification.options.js';
import type { NotificationKind } from './notification.vocabulary.js';
import { groupHoldersSql, groupsAsArrays } from './task-people.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface NotificationInput {
  kind: NotificationKind;
  /** Who is told; duplicates and unknown people are dropped. */
  personIds: string[];
  /**
   * Candidate groups (`<role>@<unit>`) whose holders are told too: the role on the unit or above,
   * found by the write itself, so telling a task's candidates needs no read.
   */
  holdersOf?: readonly string[];
  title: string;
  body: string;
  /** The app path to open, e.g. /tasks/{id}. */
  link: string | null;
  /** The unit the change is about: its group robots that take this kind are told once. */
  orgUnitId?: string | null;
}

/**
 * The notifications to write, one JSON row each: a job group's notifications (one per task it
 * creates) merge into one statement (`mergeInserts`).
 */
const ARGS = `args AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb)
    AS a(people uuid[], kind text, title text, body text, link text, at timestamptz, unit uuid,
         roles text[], units uuid[]))`;

/**
 * Each row's notifications: the people it names and the holders of the groups it names, each
 * looked up by its index (see `groupHoldersSql`).
 */
const TOLD = `told AS (
  INSERT INTO notification (person_id, kind, title, body, link, created_at)
  SELECT p.id, a.kind, a.title, a.body, a.link, a.at
    FROM args a
    CROSS JOIN LATERAL (
      SELECT unnest(a.people) AS id
      UNION ${groupHoldersSql('a.roles', 'a.units')}) x
    CROSS JOIN LATERAL (SELECT id FROM person WHERE id = x.id LIMIT 1) p
  RETURNING id, person_id, kind, title, body, link, created_at)`;

/** E-mail now for those told who chose it for this kind and get no daily digest. */
const MAILED = `mailed AS (
  INSERT INTO notification_delivery
    (notification_id, channel, recipient, subject, body, link, next_attempt_at, created_at)
  SELECT n.id, 'email', s.email, n.title, n.body, n.link, n.created_at, n.created_at
    FROM told n JOIN notification_setting s ON s.person_id = n.person_id
   WHERE s.email IS NOT NULL AND NOT s.digest AND n.kind = ANY(s.email_kinds))`;

/** The unit's group robots that take this kind. */
const ROBOTS = `robots AS (
  INSERT INTO notification_delivery
    (channel, robot_id, subject, body, link, next_attempt_at, created_at)
  SELECT 'robot', r.id, a.title, a.body, a.link, a.at, a.at
    FROM args a JOIN group_robot r ON r.org_unit_id = a.unit AND a.kind = ANY(r.kinds))`;

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

  /**
   * One statement, held back with the change's other writes (nothing here reads what it
   * wrote): the people's notifications, their e-mails, the robots' deliveries.
   */
  async notify(em: EntityManager, input: NotificationInput): Promise<void> {
    const people = [...new Set(input.personIds)].filter((id) => UUID.test(id));
    const { roles, units } = groupsAsArrays(input.holdersOf ?? []);
    const anyone = people.length > 0 || roles.length > 0;
    const parts = [
      ...(anyone ? [TOLD, ...(this.options.smtp ? [MAILED] : [])] : []),
      ...(input.orgUnitId ? [ROBOTS] : []),
    ];
    if (parts.length === 0) return;
    const { kind, title, body, link } = input;
    const row = {
      people,
      kind,
      title,
      body,
      link,
      at: this.clock.now(),
      unit: input.orgUnitId ?? null,
      roles,
      units,
    };
    await holdBack(em, {
      sql: `WITH ${[ARGS, ...parts].join(',\n')} ${anyone ? 'SELECT person_id FROM told' : 'SELECT 1 WHERE false'}`,
      params: [JSON.stringify([row])],
      onRows: this.ringBells,
      inserts: ['notification', 'notification_delivery'],
      reads: ['person', 'org_unit', 'role_assignment', 'notification_setting', 'group_robot'],
      mergeable: true,
    });
  }

  /** The same function for every statement, so that a job group's notifications may merge. */
  private readonly ringBells = (rows: unknown[]): void =>
    this.bus.changed((rows as { person_id: string }[]).map((r) => r.person_id));
}
