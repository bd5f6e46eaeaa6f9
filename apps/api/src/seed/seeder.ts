import type { ModuleRef } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import type { Clock } from '../clock/clock.js';

export interface SeedContext {
  /** The seeding transaction. */
  manager: EntityManager;
  clock: Clock;
  /** To reach Nest services (e.g. to deploy definitions) from a seeder. */
  moduleRef: ModuleRef;
  /** Org unit ids by code (`U`, `C1`, `C1-B1`…), filled by the org seeder. */
  units: Map<string, string>;
  /** Person ids by username, filled by the org seeder. */
  people: Map<string, string>;
}

/** One step of the demo seed; they run in array order in one transaction (src/seed/seeders.ts). */
export interface Seeder {
  name: string;
  run(ctx: SeedContext): Promise<void>;
}
