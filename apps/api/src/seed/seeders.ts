import { orgSeeder } from './org.seeder.js';
import type { Seeder } from './seeder.js';

/** Demo seed steps in order. Append domain seeders here (they run after the org seeder). */
export const seeders: Seeder[] = [orgSeeder];
