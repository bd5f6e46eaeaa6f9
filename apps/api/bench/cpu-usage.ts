import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far; 0 once it is gone or without /proc. */
function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function postgresPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
        } catch {
          return false;
        }
      });
  } catch {
    return [];
  }
}

export interface CpuSplit {
  api: number;
  postgres: number;
  client: number;
}

/**
 * CPU seconds spent by the API process, by PostgreSQL (every `postgres` process on this
 * machine, so run it with nothing else using the server; not counted when `withPostgres` is
 * false, as for the embedded database) and by this process (the load generator) while `work`
 * runs. Needs Linux's /proc; reads 0 elsewhere.
 */
export async function cpuDuring<T>(
  apiPid: number | null | readonly number[],
  work: () => Promise<T>,
  withPostgres = true,
): Promise<{ result: T; cpu: CpuSplit }> {
  const pids = () => (withPostgres ? postgresPids() : []);
  const postgresBefore = new Map(pids().map((pid) => [pid, cpuSecondsOf(pid)]));
  const apiPids = apiPid === null ? [] : typeof apiPid === 'number' ? [apiPid] : apiPid;
  const apiSeconds = () => apiPids.reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
  const apiBefore = apiSeconds();
  const clientBefore = process.cpuUsage();
  const result = await work();
  const client = process.cpuUsage(clientBefore);
  // Per process: a backend started meanwhile counts in full; one that ended meanwhile (an
  // autovacuum worker) cannot be read any more and is left out.
  let postgres = 0;
  for (const pid of pids()) {
    const now = cpuSecondsOf(pid);
    postgres += now - Math.min(postgresBefore.get(pid) ?? 0, now);
  }
  const cpu = {
    api: apiSeconds() - apiBefore,
    postgres,
    client: (client.user + client.system) / 1e6,
  };
  return { result, cpu };
}
