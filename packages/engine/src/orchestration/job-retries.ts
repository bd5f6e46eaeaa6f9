/**
 * The retry schedule of a job whose worker failed for a technical reason, one rule for the
 * in-memory runtime (on its simulated clock) and the API's job executor. A Zeebe worker fails
 * a job with its retries less one and a retry backoff (docs.camunda.io, "Job workers"); here:
 * - each failure uses up one retry (zeebe:taskDefinition retries, 3 when not set);
 * - while retries remain, the next attempt is due after a backoff: the job's `retryBackoff`
 *   header (an ISO-8601 duration, as Camunda's connectors read it) when it has one, else
 *   `firstMs · 2^(failures − 1)`, at most `maxMs`;
 * - with none left the job stops at an incident (the engine raises it on `failJob`).
 */
import type { IsoDateTime, JobInfo } from '../contract.js';
import { addDuration, parseDuration } from '../timers/iso8601.js';
import type { InstanceCommand } from './follow-ups.js';

export interface RetryBackoff {
  /** The wait after the first failure; it doubles with every further one. */
  firstMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY_BACKOFF: RetryBackoff = { firstMs: 5_000, maxMs: 10 * 60_000 };

/** The task header that sets a job's own backoff. */
export const RETRY_BACKOFF_HEADER = 'retryBackoff';

export interface FailingJob {
  retries: number;
  /** Failed attempts before this one. */
  failures?: number | undefined;
  headers?: Record<string, string> | undefined;
}

export interface NextAttempt {
  /** Retries left; 0 means an incident instead of another attempt. */
  retries: number;
  /** Failed attempts, this one included. */
  failures: number;
  /** How long until the next attempt; 0 with no retries left. */
  backoffMs: number;
}

export function nextAttempt(
  job: FailingJob,
  failedAt: IsoDateTime,
  backoff: RetryBackoff = DEFAULT_RETRY_BACKOFF,
): NextAttempt {
  const failures = (job.failures ?? 0) + 1;
  const retries = Math.max(job.retries - 1, 0);
  if (retries === 0) return { retries, failures, backoffMs: 0 };
  return { retries, failures, backoffMs: backoffOf(job, failures, failedAt, backoff) };
}

function backoffOf(
  job: FailingJob,
  failures: number,
  failedAt: IsoDateTime,
  backoff: RetryBackoff,
): number {
  const header = job.headers?.[RETRY_BACKOFF_HEADER];
  const duration = header === undefined ? null : parseDuration(header);
  if (duration) {
    const from = Date.parse(failedAt);
    return Math.max(addDuration(from, duration) - from, 0);
  }
  return Math.min(backoff.firstMs * 2 ** (failures - 1), backoff.maxMs);
}

/** The `failJob` command for an engine job that failed at `failedAt`, on this schedule. */
export function jobFailure(
  job: Pick<JobInfo, 'id' | 'retries' | 'failures' | 'headers'>,
  message: string,
  failedAt: IsoDateTime,
  backoff: RetryBackoff = DEFAULT_RETRY_BACKOFF,
): InstanceCommand {
  const next = nextAttempt(job, failedAt, backoff);
  return {
    type: 'failJob',
    jobId: job.id,
    message,
    retries: next.retries,
    retryBackoff: next.backoffMs,
    failures: next.failures,
  };
}
