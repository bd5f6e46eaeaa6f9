/**
 * Just enough of a browser to walk an identity service's pages from the API tests: it keeps
 * cookies per host, follows redirects, and stops when a redirect points at OrgLife (whose URL the
 * test then requests through supertest, since the app under test listens on no port).
 */
export interface Visit {
  /** Where it stopped: a page of the identity service, or the URL on OrgLife it was sent to. */
  url: URL;
  status: number;
  body: string;
}

export class TestBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  constructor(private readonly appOrigin: string) {}

  get(url: string | URL): Promise<Visit> {
    return this.follow(new URL(url), { method: 'GET' });
  }

  /** Submits the page's only form with these fields (plus its hidden ones). */
  submit(page: Visit, fields: Record<string, string>): Promise<Visit> {
    const action = /<form[^>]*action="([^"]*)"/.exec(page.body)?.[1];
    if (action === undefined) throw new Error(`no form on ${page.url.href}: ${page.body}`);
    const hidden = [...page.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)];
    const form = new URLSearchParams(
      hidden.map(([, name = '', value = '']) => [name, unescape(value)]),
    );
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    return this.follow(new URL(unescape(action), page.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
  }

  private async follow(url: URL, init: RequestInit): Promise<Visit> {
    for (let hops = 0; hops < 20; hops++) {
      if (url.origin === this.appOrigin) return { url, status: 0, body: '' };
      const response = await fetch(url, {
        ...init,
        redirect: 'manual',
        headers: { ...(init.headers as Record<string, string>), cookie: this.cookiesFor(url) },
      });
      this.store(url, response.headers.getSetCookie());
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        return { url, status: response.status, body: await response.text() };
      }
      url = new URL(location, url);
      init = { method: 'GET' };
    }
    throw new Error(`too many redirects, last at ${url.href}`);
  }

  private cookiesFor(url: URL): string {
    const cookies = this.jar.get(url.host) ?? new Map<string, string>();
    return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private store(url: URL, setCookies: string[]): void {
    const cookies = this.jar.get(url.host) ?? new Map<string, string>();
    for (const header of setCookies) {
      const pair = header.split(';')[0] ?? '';
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(header)) cookies.delete(name);
      else cookies.set(name, value);
    }
    this.jar.set(url.host, cookies);
  }
}

function unescape(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}
