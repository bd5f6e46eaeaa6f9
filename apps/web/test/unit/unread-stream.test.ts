import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchUnread } from '@/api/unread-stream';
import { safeLink } from '@/modules/notifications/notice-view';

/** A stand-in EventSource: the test sends events and errors; every one made is kept. */
class FakeSource extends EventTarget {
  static made: FakeSource[] = [];
  closed = false;
  onerror: ((event: Event) => void) | null = null;
  constructor(readonly url: string) {
    super();
    FakeSource.made.push(this);
  }
  close() {
    this.closed = true;
  }
  send(data: string) {
    this.dispatchEvent(new MessageEvent('unread', { data }));
  }
  fail() {
    this.onerror?.(new Event('error'));
  }
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('watchUnread', () => {
  let counts: number[];
  let tickets: number;
  let ticketFails: boolean;

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSource.made = [];
    counts = [];
    tickets = 0;
    ticketFails = false;
  });
  afterEach(() => vi.useRealTimers());

  function start() {
    return watchUnread({
      url: '/api/notifications/stream',
      ticket: async () => {
        tickets += 1;
        if (ticketFails) throw new Error('offline');
      },
      onUnread: (n) => counts.push(n),
      EventSource: FakeSource as unknown as new (url: string) => EventSource,
    });
  }

  it('gets a ticket, then opens the stream and passes on each count', async () => {
    start();
    await flush();
    expect(tickets).toBe(1);
    expect(FakeSource.made.map((s) => s.url)).toEqual(['/api/notifications/stream']);
    FakeSource.made[0]!.send('{"unread":2}');
    FakeSource.made[0]!.send('{"unread":3}');
    FakeSource.made[0]!.send('not json');
    FakeSource.made[0]!.send('{"unread":-1}');
    expect(counts).toEqual([2, 3]);
  });

  it('on an error closes the stream and opens a new one with a fresh ticket, waiting longer each time', async () => {
    start();
    await flush();
    FakeSource.made[0]!.fail();
    expect(FakeSource.made[0]!.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeSource.made).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSource.made).toHaveLength(2);
    expect(tickets).toBe(2);
    // the second failure in a row waits 2 s
    FakeSource.made[1]!.fail();
    await vi.advanceTimersByTimeAsync(1999);
    expect(FakeSource.made).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSource.made).toHaveLength(3);
    // an event starts the waits over
    FakeSource.made[2]!.send('{"unread":1}');
    FakeSource.made[2]!.fail();
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeSource.made).toHaveLength(4);
  });

  it('tries again when no ticket could be had', async () => {
    ticketFails = true;
    start();
    await flush();
    expect(FakeSource.made).toHaveLength(0);
    ticketFails = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(tickets).toBe(2);
    expect(FakeSource.made).toHaveLength(1);
  });

  it('stop closes the stream and no reconnect follows', async () => {
    const stop = start();
    await flush();
    const first = FakeSource.made[0]!;
    stop();
    expect(first.closed).toBe(true);
    first.fail();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSource.made).toHaveLength(1);
  });

  it('stopped while the ticket is asked for, it opens nothing', async () => {
    const stop = start();
    stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSource.made).toHaveLength(0);
  });
});

describe('safeLink', () => {
  it('follows only paths inside the app', () => {
    expect(safeLink('/tasks/3f0c')).toBe('/tasks/3f0c');
    expect(safeLink(null)).toBeNull();
    expect(safeLink('https://evil.example/')).toBeNull();
    expect(safeLink('//evil.example/')).toBeNull();
    expect(safeLink('/\\evil.example')).toBeNull();
    expect(safeLink('javascript:alert(1)')).toBeNull();
  });
});
