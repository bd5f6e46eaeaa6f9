import { Injectable } from '@nestjs/common';

type Listener = (personIds: string[]) => void;

/**
 * Tells this process's live streams (the bell) whose notifications changed. The change may not be
 * committed yet when it is told, so listeners read again shortly after; streams also re-read on a
 * timer, which covers changes made by other processes.
 */
@Injectable()
export class NotificationBus {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(personIds: string[]): void {
    if (personIds.length === 0) return;
    for (const listener of this.listeners) listener(personIds);
  }
}
