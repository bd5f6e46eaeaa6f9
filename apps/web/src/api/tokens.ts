/**
 * What the page keeps of a session: the short-lived access token only. The refresh token is an
 * httpOnly cookie the browser sends to /api/auth by itself, out of reach of page scripts.
 */
export interface SessionTokens {
  accessToken: string;
}

export interface TokenStore {
  get(): SessionTokens | null;
  set(tokens: SessionTokens | null): void;
}

const KEY = 'orglife.tokens';

/** The access token survives a reload in localStorage; the auth store and the request client share it. */
export const localTokenStore: TokenStore = {
  get() {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as Partial<SessionTokens>;
      return typeof parsed.accessToken === 'string' ? { accessToken: parsed.accessToken } : null;
    } catch {
      return null;
    }
  },
  set(tokens) {
    if (tokens) localStorage.setItem(KEY, JSON.stringify({ accessToken: tokens.accessToken }));
    else localStorage.removeItem(KEY);
  },
};
