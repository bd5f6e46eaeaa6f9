/**
 * The answers public/prefetch.js asked for before the app's scripts arrived (the signed-in
 * user, the inbox's first page and the names on it), handed to the request client once each.
 */
export interface Prefetched {
  accessToken: string;
  locale: string;
  /** URL (with its query) → the answer on its way, its body read. */
  answers: Record<string, Promise<EarlyAnswer> | undefined>;
}

/** A response public/prefetch.js received, with its body read as text. */
export interface EarlyAnswer {
  status: number;
  statusText: string;
  contentType: string | null;
  text: string;
}

declare global {
  interface Window {
    __orglifePrefetch?: Prefetched;
    /** Set when the app starts: public/prefetch.js, had it not run yet, then asks for nothing. */
    __orglifeStarted?: boolean;
  }
}

/**
 * The app has started: a prefetch script arriving after this point (its order against the module
 * scripts is not fixed) asks for nothing, since the app asks for itself.
 */
export function markStarted(): void {
  window.__orglifeStarted = true;
}

/**
 * Forgets the early answers nobody took (the first page asked for what it needed, synchronously
 * as it mounted): one taken later, e.g. on coming back to the inbox, would be out of date.
 */
export function dropPrefetched(): void {
  delete window.__orglifePrefetch;
}

/** Statuses whose response may have no body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * The early answer as a Response whose body is at hand. Reading a fetched body resolves in a
 * later task of the browser's, after the page has painted once without its data; this one
 * resolves at once, so the first page paints with it.
 */
function asResponse({ status, statusText, contentType, text }: EarlyAnswer): Response {
  const response = new Response(NULL_BODY.has(status) ? null : text, {
    status,
    statusText,
    headers: contentType ? { 'Content-Type': contentType } : undefined,
  });
  return Object.assign(response, { text: () => Promise.resolve(text) });
}

/**
 * The early response for a GET of `url` with these headers, once: null when there is none, or
 * when it was asked with another token (a sign-in since) or language. A failed early request
 * falls back to `fetchAgain`.
 */
export function takePrefetched(
  url: string,
  init: RequestInit | undefined,
  fetchAgain: () => Promise<Response>,
): Promise<Response> | null {
  const prefetched = typeof window === 'undefined' ? undefined : window.__orglifePrefetch;
  const answer = prefetched?.answers[url];
  if (!prefetched || !answer) return null;
  delete prefetched.answers[url];
  const headers = (init?.headers ?? {}) as Record<string, string | undefined>;
  if (
    (init?.method ?? 'GET') !== 'GET' ||
    init?.body !== undefined ||
    headers.Authorization !== `Bearer ${prefetched.accessToken}` ||
    headers['Accept-Language'] !== prefetched.locale
  )
    return null;
  return answer.then(asResponse, fetchAgain);
}
