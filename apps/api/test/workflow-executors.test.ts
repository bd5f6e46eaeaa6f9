import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { createHttpAdapter } from '../src/http/http-adapter.js';
import { DefinitionDeployer } from '../src/workflow/definitions/definition.deployer.js';
import { WorkflowRuntimeService } from '../src/workflow/instances/workflow-runtime.service.js';
import { JobExecutor } from '../src/workflow/jobs/job.executor.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { fixture, WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

const TIMERS = 300;
const databaseUrl = process.env.DATABASE_URL;

/** Several API processes on one PostgreSQL: here, three apps in one test process. */
describe.skipIf(!databaseUrl)('job executors sharing one database', () => {
  let t: TestApp;
  const others: INestApplication[] = [];

  beforeAll(async () => {
    t = await createTestApp({ app: WORKFLOW_TEST_APP });
    const [current] = await t.db.query<{ schema: string }[]>(`SELECT current_schema() AS schema`);
    const schema = current!.schema;
    for (let i = 0; i < 2; i++) {
      const moduleRef = await Test.createTestingModule({
        imports: [
          AppModule.forRoot({
            databaseUrl,
            databaseSchema: schema,
            clock: t.clock,
            seed: false,
            logLevel: 'silent',
            ...WORKFLOW_TEST_APP,
          }),
        ],
      }).compile();
      const app = moduleRef.createNestApplication(createHttpAdapter(), { logger: false });
      await app.init();
      others.push(app);
    }
  });
  afterAll(async () => {
    for (const app of others) await app.close();
    await t.close();
  });

  it('fires each of many due timers exactly once', async () => {
    await t.app
      .get(DefinitionDeployer)
      .deploy({ xml: fixture('wf-timer'), source: 'upload', deployedBy: null });
    const runtime = t.app.get(WorkflowRuntimeService);
    for (let i = 0; i < TIMERS; i++) {
      await runtime.startProcess(null, {
        processId: 'wf_timer',
        variables: { initiator: t.people['branch_secretary']! },
        orgUnitId: t.units['C1-B1'],
        startedBy: null,
      });
    }
    t.clock.advance(2 * 3600_000);

    const executors = [t.app, ...others].map((app) => app.get(JobExecutor));
    const fired = await Promise.all(executors.map((e) => e.runDueJobs()));

    expect(fired.reduce((a, b) => a + b, 0)).toBe(TIMERS);
    const perInstance = await t.db.query<{ n: string }[]>(
      `SELECT count(t.id) AS n FROM wf_instance i LEFT JOIN wf_task t ON t.instance_id = i.id
        WHERE i.process_id = 'wf_timer' GROUP BY i.id`,
    );
    expect(perInstance).toHaveLength(TIMERS);
    expect(perInstance.every((r) => Number(r.n) === 1)).toBe(true);
    const [left] = await t.db.query<{ n: string }[]>(`SELECT count(*) AS n FROM wf_job`);
    expect(Number(left!.n)).toBe(0);
  });
});
