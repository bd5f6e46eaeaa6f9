/** What `watchUnread` needs from the browser, replaceable in unit tests. */
export interface UnreadStreamDeps {
  url: string;
  /** Gets a fresh stream ticket (the cookie that opens the stream); rejects when it cannot. */
  ticket: () => Promise<unknown>;
  onUnread: (unread: number) => void;
  EventSource?: new (url: string) => EventSource;
  /** The first wait after a failure; it doubles up to `maxDelayMs`. */
  delayMs?: number;
  maxDelayMs?: number;
}

/**
 * Follows the unread count over server-sent events until the returned stop is called. Each
 * connection starts with a fresh stream ticket; on any error the stream is closed and opened
 * again with a new ticket after a wait that doubles (1 s, 2 s … 30 s) and starts over once an
 * event arrives. The browser's own reconnect is not used: it would present an expired ticket.
 */
export function watchUnread(deps: UnreadStreamDeps): () => void {
  const Source = deps.EventSource ?? globalThis.EventSource;
  const first = deps.delayMs ?? 1000;
  const max = deps.maxDelayMs ?? 30_000;
  let delay = first;
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  function retry() {
    if (stopped) return;
    timer = setTimeout(() => void connect(), delay);
    delay = Math.min(max, delay * 2);
  }

  async function connect() {
    const ok = await deps.ticket().then(
      () => true,
      () => false,
    );
    if (stopped) return;
    if (!ok) return retry();
    const opened = new Source(deps.url);
    source = opened;
    opened.addEventListener('unread', (event) => {
      delay = first;
      const unread = unreadOf((event as MessageEvent<string>).data);
      if (unread !== null) deps.onUnread(unread);
    });
    opened.onerror = () => {
      opened.close();
      if (source === opened) source = null;
      retry();
    };
  }

  void connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
    source = null;
  };
}

/** The count of an `unread` event's data (`{"unread":3}`), or null when it is not one. */
function unreadOf(data: string): number | null {
  try {
    const unread = (JSON.parse(data) as { unread?: unknown }).unread;
    return typeof unread === 'number' && Number.isInteger(unread) && unread >= 0 ? unread : null;
  } catch {
    return null;
  }
}
