import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions, type EntityManager } from 'typeorm';
import { APP_OPTIONS, type AppOptions } from '../app.options.js';
import { databaseOptions } from './database.options.js';

/** How long a heavy read waits for the replica to replay up to the primary before using the primary. */
const CATCH_UP_MS = 200;
const CATCH_UP_POLL_MS = 10;

/**
 * Where the heavy reads (ledger, its export, instance search) run when DATABASE_READ_URL names
 * a replica. Read-your-writes: a read goes to the replica only once the replica has replayed
 * the primary's WAL up to where it was when the read began, so every write acknowledged before
 * it — by this user or anyone, through any API process — is visible. A replica that lags more
 * than CATCH_UP_MS, is unreachable, or is not configured leaves the read on the primary.
 */
@Injectable()
export class ReadReplica implements OnApplicationShutdown {
  /** Heavy reads so far, by the server that answered them (shown by /api/metrics). */
  readonly served = { replica: 0, primary: 0 };
  private replica: Promise<DataSource> | null = null;

  constructor(
    @InjectDataSource() private readonly primary: DataSource,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
  ) {}

  /** The entity manager a heavy read should use now. */
  async reader(): Promise<EntityManager> {
    const replica = this.options.databaseReadUrl
      ? await this.caughtUpReplica().catch(() => null)
      : null;
    this.served[replica ? 'replica' : 'primary']++;
    return (replica ?? this.primary).manager;
  }

  async onApplicationShutdown(): Promise<void> {
    const replica = await this.replica?.catch(() => null);
    await replica?.destroy();
  }

  private async caughtUpReplica(): Promise<DataSource | null> {
    const [primary] = await this.primary.query<{ lsn: string }[]>(
      'SELECT pg_current_wal_lsn()::text AS lsn',
    );
    const replica = await this.connected();
    const deadline = Date.now() + CATCH_UP_MS;
    for (;;) {
      // A replica promoted to primary (after a failover) holds everything it has.
      const [row] = await replica.query<{ caught: boolean }[]>(
        'SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, NOT pg_is_in_recovery()) AS caught',
        [primary?.lsn],
      );
      if (row?.caught) return replica;
      if (Date.now() >= deadline) return null;
      await new Promise((r) => setTimeout(r, CATCH_UP_POLL_MS));
    }
  }

  private connected(): Promise<DataSource> {
    const base = databaseOptions({
      databaseUrl: this.options.databaseReadUrl,
      databaseSchema: this.options.databaseSchema,
    }) as Extract<DataSourceOptions, { type: 'postgres' }>;
    this.replica ??= new DataSource({
      ...base,
      // the entities every module registered on the primary (autoLoadEntities)
      entities: this.primary.entityMetadatas.map((metadata) => metadata.target),
      migrations: [],
      migrationsRun: false,
      applicationName: 'orglife-read',
    })
      .initialize()
      .catch((error: unknown) => {
        this.replica = null;
        throw error;
      });
    return this.replica;
  }
}
