import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { NotificationBus } from './notification.bus.js';
import { NotificationService } from './notification.service.js';

/** Re-read soon after a change is told (it may commit a moment later), and every 15 s anyway. */
const AFTER_CHANGE_MS = [150, 1000];
const KEEP_ALIVE_MS = 15_000;

/**
 * The bell's live streams (server-sent events): each sends `unread` with the person's unread
 * count when it connects and whenever it changes.
 */
@Injectable()
export class NotificationStreams implements BeforeApplicationShutdown {
  private readonly open = new Set<ServerResponse>();

  constructor(
    private readonly bus: NotificationBus,
    private readonly notifications: NotificationService,
  ) {}

  async attach(personId: string, raw: ServerResponse): Promise<void> {
    raw.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    this.open.add(raw);
    let last = -1;
    const push = async () => {
      const unread = await this.notifications.unread(personId);
      if (unread === last || raw.writableEnded) return;
      last = unread;
      raw.write(`event: unread\ndata: ${JSON.stringify({ unread })}\n\n`);
    };
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const later = (ms: number) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        push().catch(() => undefined);
      }, ms);
      timers.add(timer);
    };
    const unsubscribe = this.bus.subscribe((people) => {
      if (people.includes(personId)) AFTER_CHANGE_MS.forEach(later);
    });
    const keepAlive = setInterval(() => {
      if (!raw.writableEnded) raw.write(': keep-alive\n\n');
      push().catch(() => undefined);
    }, KEEP_ALIVE_MS);
    raw.on('close', () => {
      this.open.delete(raw);
      unsubscribe();
      clearInterval(keepAlive);
      timers.forEach(clearTimeout);
    });
    await push();
  }

  beforeApplicationShutdown(): void {
    for (const raw of this.open) raw.end();
  }
}
