import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startApi, type ApiProcess } from './support/api-process.js';
import {
  completeRemainingReviews,
  completeUntilCrash,
  countCompleted,
  openReviewTasks,
  reviewOutcomes,
  startReviews,
} from './support/crash-burst.js';
import { openPglite } from './support/database.js';
import { invariantViolations, waitUntil } from './support/invariants.js';
import { WorkflowClient } from './support/workflow-client.js';

const INSTANCES = 150;

// The PostgreSQL pass runs postgres-cluster.test.ts instead; the PGlite pass runs this.
describe.skipIf(Boolean(process.env.DATABASE_URL))(
  'kill -9 of the API on the embedded PGlite database',
  () => {
    let dataDir: string | undefined;
    let api: ApiProcess | undefined;

    afterAll(async () => {
      await api?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('keeps every completion acknowledged before the kill, and the instances carry on', async () => {
      // Given 150 instances at their Review task on a PGlite data folder
      dataDir = mkdtempSync(join(tmpdir(), 'orglife-crash-'));
      const env = { DATA_DIR: dataDir, SEED: 'true', JOB_POLL_MS: '100', JOB_LOCK_MS: '3000' };
      api = await startApi({ name: 'pglite', env });
      const od = await WorkflowClient.login(api.baseUrl, 'od_admin');
      await startReviews(od, INSTANCES);
      const reviews = await openReviewTasks(od);
      expect(reviews).toHaveLength(INSTANCES);

      // When the process is killed -9 in a burst of completions and the timers they make due
      const burst = await completeUntilCrash({
        clients: [od],
        taskIds: reviews,
        victim: api,
        crashAfter: 60,
        width: 8,
      });
      expect(burst.refused).toEqual([]);
      expect(burst.acknowledged.length).toBeLessThan(INSTANCES);

      // and restarted on the same folder, finishing what the crash cut off
      api = await startApi({ name: 'pglite-restarted', env });
      const again = od.on(api.baseUrl);
      await completeRemainingReviews(again, 4);
      await waitUntil(
        'every instance reached its follow-on task',
        async () =>
          (
            await again.expect<{ total: number }>(
              'GET',
              '/tasks?tab=mine&processId=cluster_review_timer&pageSize=1',
            )
          ).total === INSTANCES,
        60_000,
      );
      await api.stop();

      // Then the folder holds every acknowledged completion and a consistent runtime
      const db = await openPglite(join(dataDir, 'pglite'));
      try {
        expect(await countCompleted(db, burst.acknowledged)).toBe(burst.acknowledged.length);
        expect(await reviewOutcomes(db)).toEqual([
          { reviewed: 1, fired: 1, follow_on: 1, instances: INSTANCES },
        ]);
        expect(await invariantViolations(db)).toEqual({});
      } finally {
        await db.close();
      }
    });
  },
);
