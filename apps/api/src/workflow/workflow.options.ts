import { DEFAULT_RETRY_BACKOFF } from '@orglife/engine';

export const WORKFLOW_OPTIONS = Symbol('WORKFLOW_OPTIONS');

export interface JobExecutorOptions {
  /** Poll on an interval (default true); tests turn it off and call `JobExecutor.runDueJobs()`. */
  enabled: boolean;
  intervalMs: number;
  /** Jobs claimed per round trip. */
  batchSize: number;
  /** Jobs run side by side per process (PostgreSQL only; PGlite runs one at a time). */
  concurrency: number;
  /**
   * Jobs fired together in one transaction (one commit instead of one each). When any of them
   * fails, the group is rolled back and its jobs run again one transaction each.
   */
  jobsPerTransaction: number;
  /** How long a claim holds before another process may take the job over. */
  lockMs: number;
  /**
   * Failed attempt n waits `backoffMs * 2^(n-1)`, at most `maxBackoffMs`, unless its task sets
   * a `retryBackoff` header: the engine's retry schedule (nextAttempt), as the simulator's.
   */
  backoffMs: number;
  maxBackoffMs: number;
}

export interface WorkflowOptions {
  /** Folder of `*.bpmn` deployed at startup when changed; null = none. */
  workflowsDir: string | null;
  jobExecutor: JobExecutorOptions;
  /**
   * Element activations one engine step may make (a loop with no wait state); past it the
   * token stops with an incident and the step commits.
   */
  maxActivationsPerStep: number;
  /** IANA time zone cron timers run in (default Asia/Shanghai). */
  timeZone: string;
}

export const DEFAULT_JOB_EXECUTOR: JobExecutorOptions = {
  enabled: true,
  intervalMs: 1_000,
  batchSize: 100,
  concurrency: 4,
  jobsPerTransaction: 25,
  lockMs: 60_000,
  backoffMs: DEFAULT_RETRY_BACKOFF.firstMs,
  maxBackoffMs: DEFAULT_RETRY_BACKOFF.maxMs,
};

/** What the app passes to `WorkflowModule.forRoot`; every field has a default. */
export interface WorkflowModuleOptions {
  /** Default: the repository's `workflows/` folder; null = deploy nothing at startup. */
  workflowsDir?: string | null;
  jobExecutor?: Partial<WorkflowOptions['jobExecutor']>;
  maxActivationsPerStep?: number;
  timeZone?: string;
}
