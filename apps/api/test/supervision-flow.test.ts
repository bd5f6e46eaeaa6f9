import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobExecutor } from '../src/workflow/jobs/job.executor.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';

interface Task {
  id: string;
  processId: string;
  elementId: string;
  formKey: string | null;
  candidateGroups: string[];
  variables: Record<string, unknown>;
}
interface Batch {
  id: string;
  seed: number;
  month: string;
  sampledBranchIds: string[];
  population: { branchId: string; committeeId: string }[];
  items: { id: string; branchId: string; status: string }[];
}

describe('spot check → rectification → follow-up (flows driven through the API)', () => {
  let t: TestApp;
  let od: Client;
  let inspector: Client;
  const drain = async () => {
    const executor = t.app.get(JobExecutor);
    while ((await executor.runDueJobs()) > 0);
  };
  const tasks = async (who: Client, processId: string, tab = 'claimable') =>
    (
      (await who.get('/api/tasks').query({ tab, processId, pageSize: 100 }).expect(200)).body as {
        items: Task[];
      }
    ).items;

  beforeAll(async () => {
    t = await createTestApp({ app: { workflow: { jobExecutor: { enabled: false } } } });
    od = await t.login('od_admin');
    inspector = await t.login('inspector');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('draws a spot-check sample from a recorded seed and re-derives it on replay', async () => {
    await od.post('/api/spot-checks').send({ seed: 12345, month: '2026-02' }).expect(201);
    await drain();
    const batches = (await od.get('/api/spot-checks').expect(200)).body as Batch[];
    expect(batches).toHaveLength(1);
    const [batch] = batches;
    expect(batch).toMatchObject({ seed: 12345, month: '2026-02' });
    const replay = (await od.get(`/api/spot-checks/${batch!.id}/replay`).expect(200)).body as {
      matches: boolean;
    };
    expect(replay.matches).toBe(true);
    const inspections = await tasks(inspector, 'spot-check');
    expect(inspections).toHaveLength(batch!.sampledBranchIds.length);
  });
});
