import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function repositoryRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
}

/** The api package's dependencies (pg, PGlite) are not hoisted to the repository root. */
export const apiRequire = createRequire(resolve(repositoryRoot(), 'apps/api/package.json'));
