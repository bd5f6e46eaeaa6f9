import { describe, expect, it } from 'vitest';
import { databaseHosts, type DatabaseHost } from '../src/database/database-hosts.js';
import { isDatabaseUnavailable } from '../src/database/database-unavailable.js';
import { DatabaseUnavailableError, PrimarySelector } from '../src/database/primary-selector.js';

describe('databaseHosts (libpq multi-host DATABASE_URL)', () => {
  it('splits the servers, keeps the first for pg and reads target_session_attrs', () => {
    expect(
      databaseHosts(
        'postgres://app:s3cret@10.0.0.1:55432,db2,[::1]:6432/orglife?sslmode=disable&target_session_attrs=read-write',
      ),
    ).toEqual({
      hosts: [
        { host: '10.0.0.1', port: 55432 },
        { host: 'db2', port: 5432 },
        { host: '::1', port: 6432 },
      ],
      url: 'postgres://app:s3cret@10.0.0.1:55432/orglife?sslmode=disable',
      readWrite: true,
    });
  });

  it('treats a plain URL as one server with any session', () => {
    expect(databaseHosts('postgresql://postgres@127.0.0.1/orglife')).toEqual({
      hosts: [{ host: '127.0.0.1', port: 5432 }],
      url: 'postgresql://postgres@127.0.0.1:5432/orglife',
      readWrite: false,
    });
  });

  it('names DATABASE_URL when a part is wrong', () => {
    expect(() => databaseHosts('mysql://x/y')).toThrow(/DATABASE_URL/);
    expect(() => databaseHosts('postgres://a:1,b:99999/db')).toThrow(/DATABASE_URL: bad port/);
    expect(() => databaseHosts('postgres://a,b/db?target_session_attrs=standby')).toThrow(
      /target_session_attrs must be any, read-write or primary/,
    );
  });
});

describe('PrimarySelector', () => {
  const a: DatabaseHost = { host: 'a', port: 1 };
  const b: DatabaseHost = { host: 'b', port: 2 };

  it('keeps the first server that passes the probe until a connection to it fails', async () => {
    const probed: string[] = [];
    const primary = new Set(['a']);
    const selector = new PrimarySelector([a, b], async (host) => {
      probed.push(host.host);
      return primary.has(host.host);
    });
    expect(await selector.pick()).toBe(a);
    expect(await selector.pick()).toBe(a);
    expect(probed).toEqual(['a']);

    // a fails over to b: a is gone, b is promoted
    primary.clear();
    primary.add('b');
    selector.forget(a);
    expect(await selector.pick()).toBe(b);
    expect(probed).toEqual(['a', 'a', 'b']);
  });

  it('shares one search between concurrent callers', async () => {
    let probes = 0;
    const selector = new PrimarySelector([a, b], async () => {
      probes++;
      await new Promise((r) => setTimeout(r, 10));
      return true;
    });
    const picked = await Promise.all([selector.pick(), selector.pick(), selector.pick()]);
    expect(picked).toEqual([a, a, a]);
    expect(probes).toBe(1);
  });

  it('fails with a 503-class error naming each server when none will do, and searches again next time', async () => {
    let bUp = false;
    const selector = new PrimarySelector([a, b], async (host) => {
      if (host === a) throw new Error('connect ECONNREFUSED');
      return bUp;
    });
    const error = await selector.pick().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as Error).message).toBe(
      'No usable database server (a:1 connect ECONNREFUSED; b:2 is read-only)',
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
    bUp = true;
    expect(await selector.pick()).toBe(b);
  });
});
