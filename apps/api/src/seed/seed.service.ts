import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_OPTIONS, type AppOptions } from '../app.options.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { DemoMonth } from './demo-month.js';
import { seeders } from './seeders.js';
import { Transactions } from '../database/transactions.js';

/**
 * Seeds the demo university on startup when `seed` is on and the database has no org units;
 * then, with `demoMonth`, plays the demo month on it.
 */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('SeedService');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
    private readonly moduleRef: ModuleRef,
    private readonly demoMonth: DemoMonth,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.seed) return;
    const seeded = await this.seedIfEmpty();
    // Safe here: WorkflowModule is global, and Nest runs global modules' hooks (the startup
    // deployment of workflows/) before this one.
    if (seeded && this.options.demoMonth) await this.demoMonth.runIfNoInstances();
  }

  /** Runs every seeder in one transaction; false when the database already has data. */
  async seedIfEmpty(): Promise<boolean> {
    const [{ count }] = (await this.db.query(`SELECT count(*)::int AS count FROM org_unit`)) as [
      { count: number },
    ];
    if (count > 0) return false;
    await this.transactions.run(async (manager) => {
      const ctx = {
        manager,
        clock: this.clock,
        moduleRef: this.moduleRef,
        units: new Map<string, string>(),
        people: new Map<string, string>(),
      };
      for (const seeder of seeders) {
        this.logger.log(`seeding ${seeder.name}`);
        await seeder.run(ctx);
      }
    });
    return true;
  }
}
