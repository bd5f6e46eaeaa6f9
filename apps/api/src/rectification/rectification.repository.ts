import type { EntityManager } from 'typeorm';
import { NotFound, Conflict } from '../common/errors.js';
import { RectificationEvent, type RectificationAction } from './rectification-event.entity.js';
import { Rectification, type RectificationStatus } from './rectification.entity.js';

/** Row access for rectification items and their history, always inside the caller's transaction. */
export class RectificationRepository {
  constructor(private readonly em: EntityManager) {}

  /** The item as it stands, for reading (a form's context runs outside any transaction); 404 when missing. */
  async get(id: string): Promise<Rectification> {
    return this.found(id, await this.em.findOne(Rectification, { where: { id } }));
  }

  /** The item, row-locked for the rest of the transaction; 404 when missing. */
  async lock(id: string): Promise<Rectification> {
    return this.found(
      id,
      await this.em.findOne(Rectification, { where: { id }, lock: { mode: 'pessimistic_write' } }),
    );
  }

  private found(id: string, item: Rectification | null): Rectification {
    if (!item) throw new NotFound(`Rectification ${id} does not exist (整改事项不存在).`);
    return item;
  }

  /** Like `lock`, and 409 unless the item is in `expected` (a stale form or a repeated submit). */
  async lockIn(id: string, expected: RectificationStatus): Promise<Rectification> {
    const item = await this.lock(id);
    if (item.status !== expected) {
      throw new Conflict(
        `Rectification ${id} is ${item.status}, not ${expected} (整改事项状态已变化).`,
      );
    }
    return item;
  }

  async save(item: Rectification): Promise<Rectification> {
    return this.em.save(Rectification, item);
  }

  async record(
    item: Rectification,
    at: Date,
    actor: string,
    action: RectificationAction,
    comment: string | null = null,
    detail: Record<string, unknown> = {},
  ): Promise<void> {
    const event = this.em.create(RectificationEvent, {
      rectificationId: item.id,
      at,
      actor,
      action,
      comment,
    });
    event.detail = detail;
    await this.em.save(event);
  }

  history(id: string): Promise<RectificationEvent[]> {
    return this.em.find(RectificationEvent, {
      where: { rectificationId: id },
      order: { seq: 'ASC' },
    });
  }
}
