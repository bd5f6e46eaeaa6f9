/** One server of a multi-host DATABASE_URL. */
export interface DatabaseHost {
  host: string;
  port: number;
}

/** A DATABASE_URL split into its servers, in the order given. */
export interface DatabaseHosts {
  hosts: DatabaseHost[];
  /** The URL with only the first server and without `target_session_attrs` (pg reads one host). */
  url: string;
  /** `target_session_attrs=read-write` (or `primary`): only a server out of recovery will do. */
  readWrite: boolean;
}

const URL_PARTS = /^(postgres(?:ql)?:\/\/)([^@/?#]*@)?([^/?#]*)(.*)$/;
const SESSION_ATTRS = 'target_session_attrs';

/**
 * Reads libpq's multi-host form, `postgres://user@h1:5432,h2:5433/db?target_session_attrs=read-write`,
 * which node-postgres does not understand. Throws a message naming DATABASE_URL when malformed.
 */
export function databaseHosts(url: string): DatabaseHosts {
  const parts = URL_PARTS.exec(url);
  if (!parts) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  const [, scheme, userInfo = '', hostList = '', rest = ''] = parts;
  const hosts = hostList.split(',').map(hostOf);
  const [path = '', query = ''] = splitOnce(rest, '?');
  const params = new URLSearchParams(query);
  const attrs = params.get(SESSION_ATTRS) ?? 'any';
  if (!['any', 'read-write', 'primary'].includes(attrs)) {
    throw new Error(
      `DATABASE_URL: ${SESSION_ATTRS} must be any, read-write or primary, got "${attrs}"`,
    );
  }
  params.delete(SESSION_ATTRS);
  const first = hosts[0]!;
  const search = params.toString();
  return {
    hosts,
    url: `${scheme}${userInfo}${hostText(first)}${path}${search ? `?${search}` : ''}`,
    readWrite: attrs !== 'any',
  };
}

function hostOf(text: string): DatabaseHost {
  const match = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d+))?$/.exec(text);
  if (!match) throw new Error(`DATABASE_URL: "${text}" is not a host or host:port`);
  const port = match[2] ? Number(match[2]) : 5432;
  if (port < 1 || port > 65535) throw new Error(`DATABASE_URL: bad port in "${text}"`);
  return { host: match[1]!.replace(/^\[(.*)\]$/, '$1'), port };
}

function hostText({ host, port }: DatabaseHost): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}
