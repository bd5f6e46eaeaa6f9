import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from './paths.js';

export interface Reply {
  status: number;
  body: unknown;
  /** The Retry-After header, when the server sent one (a 503 while the database is away). */
  retryAfter: string | null;
}

/** A logged-in demo user talking to one API process over HTTP. */
export class WorkflowClient {
  private constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  static async login(baseUrl: string, username: string): Promise<WorkflowClient> {
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'demo1234' }),
    });
    if (!res.ok) throw new Error(`login ${username}: HTTP ${res.status}`);
    const { accessToken } = (await res.json()) as { accessToken: string };
    return new WorkflowClient(baseUrl, accessToken);
  }

  /** The same user against another process of the cluster (tokens share the JWT secret). */
  on(baseUrl: string): WorkflowClient {
    return new WorkflowClient(baseUrl, this.token);
  }

  /** One request; it fails (rather than hangs) when there is no answer within `timeoutMs`. */
  async send(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    timeoutMs = 60_000,
  ): Promise<Reply> {
    const res = await fetch(`${this.baseUrl}/api${path}`, {
      method,
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: text ? (JSON.parse(text) as unknown) : null,
      retryAfter: res.headers.get('retry-after'),
    };
  }

  async expect<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    const reply = await this.send(method, path, body);
    if (reply.status >= 300) {
      throw new Error(`${method} ${path}: HTTP ${reply.status} ${JSON.stringify(reply.body)}`);
    }
    return reply.body as T;
  }

  async deployFixture(name: string): Promise<void> {
    const xml = readFileSync(
      join(repositoryRoot(), 'test/cluster/fixtures', `${name}.bpmn`),
      'utf8',
    );
    await this.expect('POST', '/definitions', { xml });
  }

  async myPersonId(): Promise<string> {
    return (await this.expect<{ id: string }>('GET', '/me')).id;
  }

  async rootUnitId(): Promise<string> {
    const tree = await this.expect<{ id: string }[] | { id: string }>('GET', '/org-units');
    const root = Array.isArray(tree) ? tree[0] : tree;
    if (!root) throw new Error('GET /org-units returned no unit');
    return root.id;
  }

  async advanceClock(advanceMs: number): Promise<void> {
    await this.expect('POST', '/test/clock', { advanceMs });
  }
}

/** Runs `work` over `items` with `width` requests in flight at a time. */
export async function inParallel<T>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < items.length; i = next++) await work(items[i] as T);
    }),
  );
}
