import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CLOCK, type Clock } from '../../clock/clock.js';
import { WORKFLOW_OPTIONS, type WorkflowOptions } from '../workflow.options.js';
import { Transactions } from '../../database/transactions.js';
import { JobClaimer } from './job.claimer.js';
import { JobRunner } from './job.runner.js';
import { transactionGroups } from './job-groups.js';

const INTERVAL_NAME = 'workflow-job-executor';

/**
 * Polls for due jobs on an interval (off in tests, which call `runDueJobs()` after moving
 * the clock). Any number of API processes may run one against the same database.
 */
@Injectable()
export class JobExecutor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  /** Identifies this process's claims; expired claims of a dead process are taken over. */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger(JobExecutor.name);
  private round: Promise<number> | null = null;
  private stopping = false;

  constructor(
    private readonly claimer: JobClaimer,
    private readonly runner: JobRunner,
    private readonly tx: Transactions,
    private readonly scheduler: SchedulerRegistry,
    @Inject(WORKFLOW_OPTIONS) private readonly options: WorkflowOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const { enabled, intervalMs } = this.options.jobExecutor;
    if (!enabled) return;
    const handle = setInterval(() => {
      if (!this.round) this.runDueJobs().catch((e: unknown) => this.logger.error(e));
    }, intervalMs);
    this.scheduler.addInterval(INTERVAL_NAME, handle);
  }

  /** Stops polling and lets the jobs in hand finish before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.scheduler.doesExist('interval', INTERVAL_NAME)) {
      this.scheduler.deleteInterval(INTERVAL_NAME);
    }
    await this.round?.catch(() => 0);
  }

  /** Runs every job due by the clock's now, including those the fired jobs make due; returns how many ran. */
  async runDueJobs(): Promise<number> {
    while (this.round) await this.round.catch(() => 0);
    this.round = this.drain();
    try {
      return await this.round;
    } finally {
      this.round = null;
    }
  }

  private async drain(): Promise<number> {
    const { batchSize, lockMs, concurrency, jobsPerTransaction } = this.options.jobExecutor;
    const workers = this.tx.concurrent ? concurrency : 1;
    let ran = 0;
    while (!this.stopping) {
      const jobs = await this.claimer.claim(this.owner, this.clock.now(), lockMs, batchSize);
      if (jobs.length === 0) return ran;
      const groups = transactionGroups(jobs, jobsPerTransaction);
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(workers, groups.length) }, async () => {
          for (let group = groups[next++]; group; group = groups[next++]) {
            await this.runner.runTogether(group, this.owner);
          }
        }),
      );
      ran += jobs.length;
    }
    return ran;
  }
}
