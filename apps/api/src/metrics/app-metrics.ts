import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../clock/clock.js';
import { ReadReplica } from '../database/read-replica.js';
import { poolUsage } from './pool-usage.js';

/** Latency buckets in seconds: the inbox answers in milliseconds, exports take seconds. */
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * What `/api/metrics` shows, in a registry of its own per app (tests run several apps in one
 * process). Request latency is observed as requests finish; the runtime's gauges are read from
 * the database when scraped, so they agree across API processes sharing it.
 */
@Injectable()
export class AppMetrics {
  readonly registry = new Registry();
  private readonly requestDuration: Histogram<'method' | 'route' | 'status'>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly replica: ReadReplica,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'orglife_' });
    this.requestDuration = new Histogram({
      name: 'orglife_http_request_duration_seconds',
      help: 'HTTP request latency by route pattern, method and status class',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.registerRuntimeGauges();
    this.registerHeavyReads();
  }

  /** Heavy reads (ledger, exports, instance search) by the server that answered: replica or primary. */
  private registerHeavyReads(): void {
    const served = this.replica.served;
    new Counter({
      name: 'orglife_heavy_reads_total',
      help: 'Heavy reads by the server that answered them (replica with DATABASE_READ_URL, else primary)',
      labelNames: ['served_by'],
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc({ served_by: 'replica' }, served.replica);
        this.inc({ served_by: 'primary' }, served.primary);
      },
    });
  }

  /** Observes every finished request under its route pattern (never the raw URL, which holds ids). */
  observeRequests(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', (request, reply, done) => {
      this.requestDuration.observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? 'unmatched',
          status: `${Math.floor(reply.statusCode / 100)}xx`,
        },
        reply.elapsedTime / 1000,
      );
      done();
    });
  }

  private registerRuntimeGauges(): void {
    const db = this.db;
    const clock = this.clock;
    new Gauge({
      name: 'orglife_jobs_due',
      help: 'Jobs (timers, service tasks) whose due time has come and that are not yet done',
      registers: [this.registry],
      async collect() {
        const [row] = await db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM wf_job WHERE state = 'due' AND due_at <= $1`,
          [clock.now()],
        );
        this.set(row?.n ?? 0);
      },
    });
    new Gauge({
      name: 'orglife_job_oldest_due_lag_seconds',
      help: 'How long the oldest due job has been waiting (0 when none is due)',
      registers: [this.registry],
      async collect() {
        const [row] = await db.query<{ lag: number | null }[]>(
          `SELECT EXTRACT(EPOCH FROM ($1::timestamptz - min(due_at)))::float8 AS lag
             FROM wf_job WHERE state = 'due' AND due_at <= $1`,
          [clock.now()],
        );
        this.set(Math.max(0, Number(row?.lag ?? 0)));
      },
    });
    new Gauge({
      name: 'orglife_jobs_failed',
      help: 'Jobs that ran out of retries',
      registers: [this.registry],
      async collect() {
        const [row] = await db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM wf_job WHERE state = 'failed'`,
        );
        this.set(row?.n ?? 0);
      },
    });
    new Gauge({
      name: 'orglife_incidents_open',
      help: 'Open workflow incidents',
      registers: [this.registry],
      async collect() {
        const [row] = await db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM wf_incident WHERE status = 'open'`,
        );
        this.set(row?.n ?? 0);
      },
    });
    new Gauge({
      name: 'orglife_db_pool_connections',
      help: 'PostgreSQL pool connections of this process by state (absent on the embedded database)',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const usage = poolUsage(db);
        if (!usage) return;
        this.set({ state: 'total' }, usage.total);
        this.set({ state: 'idle' }, usage.idle);
        this.set({ state: 'waiting' }, usage.waiting);
      },
    });
  }
}
