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
import type { WorkflowJob } from './job.entity.js';
import { laneInstances, transactionLanes } from './job-groups.js';

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

  /**
   * Workers take lanes (`transactionLanes`) until none is left and a claim brings no more.
   * A worker with nothing to do claims the next due jobs, leaving out the instances the other
   * workers are stepping, so that on a surge of one instance's jobs after another's the workers
   * step different instances rather than queue for one instance's lock; with nothing
   * claimable it waits for a running lane to end (which may make more jobs due).
   */
  private async drain(): Promise<number> {
    const { batchSize, lockMs, concurrency, jobsPerTransaction } = this.options.jobExecutor;
    const workers = this.tx.concurrent ? concurrency : 1;
    const lanes: WorkflowJob[][][] = [];
    const stepping = new Set<string>();
    let running = 0;
    let ran = 0;
    let claiming: Promise<boolean> | null = null;
    let laneEnded = signal();

    const claimMore = () =>
      (claiming ??= this.claimer
        .claim(this.owner, this.clock.now(), lockMs, batchSize, [...stepping])
        .then((jobs) => {
          ran += jobs.length;
          lanes.push(...transactionLanes(jobs, jobsPerTransaction));
          return jobs.length > 0;
        })
        .finally(() => (claiming = null)));

    const runLane = async (lane: WorkflowJob[][]) => {
      const instances = laneInstances(lane);
      for (const id of instances) stepping.add(id);
      running++;
      try {
        for (const group of lane) await this.runner.runTogether(group, this.owner);
      } finally {
        for (const id of instances) stepping.delete(id);
        running--;
        laneEnded.resolve();
        laneEnded = signal();
      }
    };

    const work = async () => {
      while (!this.stopping) {
        const lane = lanes.shift();
        if (lane) await runLane(lane);
        else if (await claimMore()) continue;
        else if (running === 0) return;
        else await laneEnded.promise;
      }
    };
    // A failed claim ends its worker; the others finish their lanes before the round ends.
    const ended = await Promise.allSettled(Array.from({ length: workers }, work));
    const failed = ended.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    return ran;
  }
}

function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
