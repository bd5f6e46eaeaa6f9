import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { routeSizes } from '../../apps/web/scripts/route-sizes.mjs';

const webRoot = fileURLToPath(new URL('../../apps/web', import.meta.url));
const dist = join(webRoot, 'dist');
/**
 * The inbox's first load: its bytes, and its number of files, which a phone's high-latency
 * network pays for in round trips (apps/web/vite.config.ts groups the shared code).
 */
const INBOX_BUDGET_BYTES = 114_000;
const INBOX_BUDGET_FILES = 2;

/** The chunk files of the on-demand bpmn-js entries (modeler, instance diagram). */
function lazyDiagramFiles(): string[] {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    { file: string }
  >;
  return Object.entries(manifest)
    .filter(([source]) => /flow-modeler\.ts$|instance-diagram\.ts$/.test(source))
    .map(([, chunk]) => chunk.file);
}

describe('web bundle budget (vite build manifest)', () => {
  const inbox = routeSizes(dist, webRoot).find((row) => row.path === '/inbox');

  it(`keeps the inbox route initial JavaScript within ${INBOX_BUDGET_BYTES / 1000} kB gzip, in at most ${INBOX_BUDGET_FILES} files`, () => {
    expect(inbox, 'the /inbox route is in the build manifest').toBeDefined();
    expect(inbox?.gzipBytes).toBeLessThanOrEqual(INBOX_BUDGET_BYTES);
    expect(inbox?.files.length).toBeLessThanOrEqual(INBOX_BUDGET_FILES);
  });

  it('loads the bpmn-js modeler and diagram only on demand, not with the inbox', () => {
    const lazy = lazyDiagramFiles();
    expect(lazy.length).toBeGreaterThan(0);
    expect(inbox?.files.filter((file) => lazy.includes(file))).toEqual([]);
  });
});
