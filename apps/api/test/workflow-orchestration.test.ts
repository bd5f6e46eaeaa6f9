import {
  compile,
  MemoryRuntime,
  type EngineState,
  type ServiceOutcome,
  type Variables,
} from '@orglife/engine';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobHandlerRegistry } from '../src/workflow/jobs/job-handler.registry.js';
import { JobExecutor } from '../src/workflow/jobs/job.executor.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';
import { deploy, fixture, WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

/**
 * One set of orchestration rules (packages/engine/src/orchestration): the API on its database
 * and the in-memory runtime route call activities, messages and signals the same way, and
 * retry failed jobs on the same schedule, each against its own clock.
 * test/fixtures/wf-orchestration*.bpmn hold the processes.
 */
type Step =
  /** `okAt`: the orc.sync worker fails while the job has more retries than this. */
  | { kind: 'start'; processId: string; ticket: string; okAt?: number }
  | { kind: 'complete'; elementId: string; ticket: string }
  | { kind: 'message'; name: string; key?: string | undefined }
  | { kind: 'signal'; name: string }
  /** Retries the open incidents of the ticket's instances. */
  | { kind: 'retry'; ticket: string }
  | { kind: 'deploy'; fixture: string }
  /** Moves both clocks on; the API runs its jobs as they fall due, as its poller would. */
  | { kind: 'advance'; seconds: number };

interface InstanceView {
  processId: string;
  parentProcessId: string | null;
  status: string;
  variables: Record<string, unknown>;
  activeElements: string[];
  openTasks: string[];
  timers: string[];
  /** Service jobs waiting to run: element, retries left, failures so far, seconds until due. */
  jobs: string[];
  subscriptions: string[];
  incidents: string[];
  completed: string[];
}

const T0 = '2026-01-05T08:00:00.000Z';

/** The orc.sync worker, the same in both runtimes: fails while the job has retries above okAt. */
function sync(retries: number, variables: Variables): ServiceOutcome {
  return retries > Number(variables['okAt'] ?? 0)
    ? { fail: 'sync offline' }
    : { variables: { synced: true } };
}

/** Objects with their keys sorted, all the way down (PostgreSQL's jsonb keeps its own order). */
function inKeyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(inKeyOrder);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, inner]) => [key, inKeyOrder(inner)]),
  );
}

const jobView = (elementId: string, retries: number, failures: number, dueInMs: number) =>
  `${elementId} r${retries} f${failures} +${dueInMs / 1000}s`;

describe('one orchestration kernel for the API and the in-memory runtime', () => {
  let t: TestApp;
  let od: Client;
  let initiator: string;
  let unit: string;
  let executor: JobExecutor;

  beforeAll(async () => {
    t = await createTestApp({ app: WORKFLOW_TEST_APP });
    executor = t.app.get(JobExecutor);
    t.app.get(JobHandlerRegistry).register('orc.sync', async (job) => {
      const outcome = sync(job.retries, job.variables);
      if ('fail' in outcome) throw new Error(outcome.fail);
      return 'variables' in outcome ? outcome.variables : {};
    });
    od = await t.login('od_admin');
    initiator = t.people['od_admin']!;
    unit = t.units['C1-B1']!;
    await deploy(od, 'wf-orchestration');
  });
  afterAll(async () => {
    await t.close();
  });

  async function deployInMemory(runtime: MemoryRuntime, name: string): Promise<void> {
    const compiled = await compile(fixture(name));
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    runtime.deploy(compiled.definition);
  }

  async function memoryRuntime(): Promise<MemoryRuntime> {
    const runtime = new MemoryRuntime({
      now: T0,
      workers: { 'orc.sync': (job) => sync(job.retries, job.variables) },
    });
    await deployInMemory(runtime, 'wf-orchestration');
    return runtime;
  }

  const variablesOf = (ticket: string | undefined, okAt?: number) => ({
    initiator,
    ...(ticket !== undefined ? { ticket } : {}),
    ...(okAt !== undefined ? { okAt } : {}),
  });

  /** Runs the API's jobs due by `end`, each at its due time, then sets the clock to `end`. */
  async function advanceApi(seconds: number): Promise<void> {
    const end = new Date(t.clock.now().getTime() + seconds * 1000);
    for (;;) {
      const [next] = await t.db.query<{ due: Date | null }[]>(
        `SELECT min(due_at) AS due FROM wf_job WHERE state = 'due' AND due_at <= $1`,
        [end],
      );
      if (!next?.due) break;
      if (next.due > t.clock.now()) t.clock.set(new Date(next.due));
      await executor.runDueJobs();
    }
    t.clock.set(end);
  }

  async function onApi(step: Step): Promise<void> {
    await stepOnApi(step);
    await executor.runDueJobs();
  }

  async function stepOnApi(step: Step): Promise<void> {
    switch (step.kind) {
      case 'start':
        await od
          .post('/api/instances')
          .send({
            processId: step.processId,
            orgUnitId: unit,
            variables: variablesOf(step.ticket, step.okAt),
          })
          .expect(201);
        return;
      case 'complete': {
        const [task] = await t.db.query<{ id: string }[]>(
          `SELECT t.id FROM wf_task t JOIN wf_instance i ON i.id = t.instance_id
            WHERE t.status = 'open' AND t.element_id = $1 AND i.state->'variables'->>'ticket' = $2
            ORDER BY t.created_at, t.id LIMIT 1`,
          [step.elementId, step.ticket],
        );
        if (task) await od.post(`/api/tasks/${task.id}/complete`).send({}).expect(200);
        return;
      }
      case 'message':
        await od
          .post('/api/messages')
          .send({
            name: step.name,
            ...(step.key !== undefined ? { correlationKey: step.key } : {}),
            variables: variablesOf(step.key),
          })
          .expect(200);
        return;
      case 'signal':
        await od.post('/api/signals').send({ name: step.name }).expect(200);
        return;
      case 'retry': {
        const incidents = await t.db.query<{ id: string }[]>(
          `SELECT n.id FROM wf_incident n JOIN wf_instance i ON i.id = n.instance_id
            WHERE n.status = 'open' AND i.state->'variables'->>'ticket' = $1
            ORDER BY i.started_at, i.id, n.created_at, n.id`,
          [step.ticket],
        );
        for (const { id } of incidents) await od.post(`/api/incidents/${id}/retry`).expect(200);
        return;
      }
      case 'deploy':
        await deploy(od, step.fixture);
        return;
      case 'advance':
        await advanceApi(step.seconds);
        return;
    }
  }

  async function inMemory(runtime: MemoryRuntime, step: Step): Promise<void> {
    switch (step.kind) {
      case 'start':
        runtime.start(step.processId, { variables: variablesOf(step.ticket, step.okAt) });
        return;
      case 'complete':
        for (const [id, open] of runtime.tasks) {
          const ticket = runtime.instances.get(open.instanceId)?.state.variables['ticket'];
          if (open.task.elementId === step.elementId && ticket === step.ticket) {
            runtime.completeTask(id, {});
            return;
          }
        }
        return;
      case 'message':
        runtime.publishMessage(step.name, step.key, variablesOf(step.key));
        return;
      case 'signal':
        runtime.broadcastSignal(step.name, {});
        return;
      case 'retry':
        for (const instance of [...runtime.instances.values()]) {
          if (instance.state.variables['ticket'] !== step.ticket) continue;
          for (const incidentId of Object.keys(instance.state.incidents))
            runtime.command(instance.id, { type: 'resolveIncident', incidentId });
        }
        return;
      case 'deploy':
        await deployInMemory(runtime, step.fixture);
        return;
      case 'advance':
        runtime.advance(`PT${step.seconds}S`);
        return;
    }
  }

  function viewOf(
    state: EngineState,
    parts: Omit<InstanceView, 'status' | 'variables' | 'activeElements'>,
  ): string {
    const view: InstanceView = {
      ...parts,
      status: state.status,
      variables: state.variables,
      activeElements: Object.values(state.elements)
        .map((el) => el.elementId)
        .sort(),
    };
    for (const list of [view.openTasks, view.timers, view.jobs, view.subscriptions, view.incidents])
      list.sort();
    return JSON.stringify(inKeyOrder(view));
  }

  function memoryViews(runtime: MemoryRuntime): string[] {
    const tasks = [...runtime.tasks.values()];
    const timers = [...runtime.timers.values()];
    return [...runtime.instances.values()]
      .map((instance) =>
        viewOf(instance.state, {
          processId: instance.state.processId,
          parentProcessId: instance.parent
            ? runtime.instances.get(instance.parent.instanceId)!.state.processId
            : null,
          openTasks: tasks.filter((o) => o.instanceId === instance.id).map((o) => o.task.elementId),
          timers: timers
            .filter((timer) => timer.instanceId === instance.id)
            .map((timer) => instance.state.subscriptions[timer.id]?.elementId ?? timer.id),
          jobs: [...runtime.retrying.values()]
            .filter((retry) => retry.instanceId === instance.id)
            .map(({ job, dueAt }) =>
              jobView(
                job.elementId,
                job.retries,
                job.failures ?? 0,
                Date.parse(dueAt) - Date.parse(runtime.now),
              ),
            ),
          subscriptions: Object.values(instance.state.subscriptions)
            .filter((s) => s.kind !== 'timer')
            .map((s) => s.name ?? ''),
          incidents: Object.values(instance.state.incidents).map(
            (incident) => `${incident.elementId}: ${incident.message}`,
          ),
          completed: instance.passed,
        }),
      )
      .sort();
  }

  async function apiViews(instanceIds: string[]): Promise<string[]> {
    const views: string[] = [];
    for (const id of instanceIds) {
      const [row] = await t.db.query<{ state: EngineState; parent: string | null }[]>(
        `SELECT i.state, p.process_id AS parent FROM wf_instance i
           LEFT JOIN wf_instance p ON p.id = i.parent_instance_id WHERE i.id = $1`,
        [id],
      );
      const column = async (sql: string) =>
        (await t.db.query<{ v: string }[]>(sql, [id])).map((r) => r.v);
      views.push(
        viewOf(row!.state, {
          processId: row!.state.processId,
          parentProcessId: row!.parent,
          openTasks: await column(
            `SELECT element_id AS v FROM wf_task WHERE instance_id = $1 AND status = 'open'`,
          ),
          timers: await column(
            `SELECT element_id AS v FROM wf_job WHERE instance_id = $1 AND kind = 'timer'`,
          ),
          jobs: (
            await t.db.query<
              { element_id: string; retries: number; attempts: number; due_at: Date }[]
            >(
              `SELECT element_id, retries, attempts, due_at FROM wf_job
                WHERE instance_id = $1 AND kind = 'service'`,
              [id],
            )
          ).map((job) =>
            jobView(
              job.element_id,
              job.retries,
              job.attempts,
              job.due_at.getTime() - t.clock.now().getTime(),
            ),
          ),
          subscriptions: await column(
            `SELECT name AS v FROM wf_subscription WHERE instance_id = $1`,
          ),
          incidents: await column(
            `SELECT element_id || ': ' || message AS v FROM wf_incident
              WHERE instance_id = $1 AND status = 'open'`,
          ),
          completed: await column(
            `SELECT element_id AS v FROM wf_history WHERE instance_id = $1 AND kind = 'completed'
               AND element_type <> 'multiInstanceBody' ORDER BY id`,
          ),
        }),
      );
    }
    return views.sort();
  }

  async function instanceIds(): Promise<Set<string>> {
    return new Set(
      (await t.db.query<{ id: string }[]>(`SELECT id FROM wf_instance`)).map((r) => r.id),
    );
  }

  /** Runs the steps on both runtimes; answers both views and ends what is still running. */
  async function playBoth(steps: Step[]): Promise<{ api: string[]; memory: string[] }> {
    const before = await instanceIds();
    const runtime = await memoryRuntime();
    for (const step of steps) {
      await onApi(step);
      await inMemory(runtime, step);
    }
    const created = [...(await instanceIds())].filter((id) => !before.has(id));
    const api = await apiViews(created);
    for (const id of created) await od.post(`/api/instances/${id}/cancel`);
    // a sequence's timer start events end with it, as its runtime in memory does
    await t.db.query(`DELETE FROM wf_job WHERE kind = 'start_timer'`);
    return { api, memory: memoryViews(runtime) };
  }

  it('a subscription without a correlation key takes only messages without one', async () => {
    const { api, memory } = await playBoth([
      { kind: 'start', processId: 'orc_watcher', ticket: 'K1' },
      { kind: 'message', name: 'done', key: 'K1' },
      { kind: 'message', name: 'nudge', key: 'K1' },
    ]);
    expect(api).toEqual(memory);
    expect(memory.join()).toContain('"subscriptions":["nudge"]');
  });

  it('a message reaches each process once: the oldest waiting instance of each', async () => {
    const { api, memory } = await playBoth([
      { kind: 'start', processId: 'orc_watcher', ticket: 'K2' },
      { kind: 'start', processId: 'orc_watcher', ticket: 'K2' },
      { kind: 'start', processId: 'orc_auditor', ticket: 'K2' },
      { kind: 'message', name: 'done', key: 'K2' },
    ]);
    expect(api).toEqual(memory);
    const states = memory.map((view) => JSON.parse(view) as InstanceView);
    expect(states.filter((s) => s.processId === 'orc_auditor')[0]!.status).toBe('completed');
    expect(states.filter((s) => s.processId === 'orc_watcher').map((s) => s.subscriptions)).toEqual(
      expect.arrayContaining([['done'], ['nudge']]),
    );
  });

  it('a call of a process that is not deployed stops at an incident on the call activity; once it is deployed, retrying calls it', async () => {
    const steps: Step[] = [
      { kind: 'start', processId: 'orc_late_caller', ticket: 'L1' },
      { kind: 'retry', ticket: 'L1' },
    ];
    const missing = await playBoth(steps);
    expect(missing.api).toEqual(missing.memory);
    expect(missing.memory).toEqual([
      expect.stringContaining(
        `"incidents":["Y_Call: Expected process with BPMN process id 'orc_late' to be deployed, but not found."]`,
      ),
    ]);

    const { api, memory } = await playBoth([
      ...steps,
      { kind: 'deploy', fixture: 'wf-orchestration-late' },
      { kind: 'retry', ticket: 'L1' },
    ]);
    expect(api).toEqual(memory);
    expect(memory.map((view) => (JSON.parse(view) as InstanceView).status)).toEqual([
      'completed',
      'completed',
    ]);
  });

  it('a failing job is tried again after the same backoffs on both clocks, then stops at an incident; retrying it starts over', async () => {
    const { api, memory } = await playBoth([
      { kind: 'start', processId: 'orc_worker', ticket: 'J1', okAt: 0 },
      { kind: 'start', processId: 'orc_worker', ticket: 'J2', okAt: 1 },
      { kind: 'advance', seconds: 4 },
    ]);
    expect(api).toEqual(memory);
    expect(memory.map((view) => (JSON.parse(view) as InstanceView).jobs)).toEqual([
      ['O_Sync r2 f1 +1s'],
      ['O_Sync r2 f1 +1s'],
    ]);

    const later = await playBoth([
      { kind: 'start', processId: 'orc_worker', ticket: 'J3', okAt: 0 },
      { kind: 'start', processId: 'orc_worker', ticket: 'J4', okAt: 1 },
      { kind: 'advance', seconds: 5 },
      { kind: 'advance', seconds: 10 },
      { kind: 'retry', ticket: 'J3' },
      { kind: 'advance', seconds: 5 },
    ]);
    expect(later.api).toEqual(later.memory);
    const views = later.memory
      .map((view) => JSON.parse(view) as InstanceView)
      .sort((a, b) => Number(a.variables['okAt']) - Number(b.variables['okAt']));
    expect(views.map((v) => [v.variables['okAt'], v.openTasks, v.jobs, v.incidents])).toEqual([
      [0, [], ['O_Sync r1 f2 +10s'], []],
      [1, ['O_Check'], [], []],
    ]);
  });

  it('a timer start event starts an instance at each due time of its cycle, in both runtimes, until its repetitions are used up; a new version replaces its schedule', async () => {
    const { api, memory } = await playBoth([
      { kind: 'deploy', fixture: 'wf-orchestration-ticker' },
      { kind: 'advance', seconds: 3599 },
      { kind: 'advance', seconds: 1 },
      { kind: 'advance', seconds: 3600 },
      { kind: 'advance', seconds: 5 },
      { kind: 'advance', seconds: 3600 },
      { kind: 'advance', seconds: 3600 },
    ]);
    expect(api).toEqual(memory);
    const views = memory.map((view) => JSON.parse(view) as InstanceView);
    expect(views.map((v) => [v.processId, v.jobs, v.incidents])).toEqual([
      ['orc_ticker', [], ['T_Sync: sync offline']],
      ['orc_ticker', [], ['T_Sync: sync offline']],
      ['orc_ticker', [], ['T_Sync: sync offline']],
    ]);

    const replaced = await playBoth([
      { kind: 'deploy', fixture: 'wf-orchestration-ticker' },
      { kind: 'advance', seconds: 1800 },
      { kind: 'deploy', fixture: 'wf-orchestration-ticker-v2' },
      { kind: 'advance', seconds: 3600 },
      { kind: 'advance', seconds: 86_400 },
    ]);
    expect(replaced.api).toEqual(replaced.memory);
    expect(replaced.memory.map((view) => (JSON.parse(view) as InstanceView).completed)).toEqual([
      ['T_Daily', 'T_DailyEnd'],
    ]);
  });

  it('random sequences of starts, completions, messages, signals, failing jobs, timer starts, clock moves and incident retries end in the same instances, tasks, timers, jobs, subscriptions, incidents and history', async () => {
    const ticket = fc.constantFrom('A', 'A', 'B');
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({
        kind: fc.constant('start' as const),
        processId: fc.constantFrom(
          'orc_parent',
          'orc_watcher',
          'orc_auditor',
          'orc_caller',
          'orc_worker',
        ),
        ticket,
        okAt: fc.constantFrom(0, 2, 3),
      }),
      fc.record({
        kind: fc.constant('complete' as const),
        elementId: fc.constantFrom('C_Fill', 'P_After', 'W_Check', 'K_Handle', 'O_Check'),
        ticket,
      }),
      fc.record({
        kind: fc.constant('message' as const),
        name: fc.constantFrom('reply', 'done', 'nudge', 'kickoff'),
        key: fc.option(ticket, { nil: undefined }),
      }),
      fc.record({ kind: fc.constant('signal' as const), name: fc.constantFrom('halt', 'alarm') }),
      fc.record({ kind: fc.constant('retry' as const), ticket }),
      fc.record({
        kind: fc.constant('advance' as const),
        seconds: fc.constantFrom(4, 5, 10, 3600),
      }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 2, maxLength: 12 }), async (steps) => {
        // each run's tickets are its own, so what an earlier run left cannot answer
        const prefix = `r${run++}-`;
        const own = steps.map((s): Step => {
          if (s.kind === 'start' || s.kind === 'complete' || s.kind === 'retry')
            return { ...s, ticket: prefix + s.ticket };
          if (s.kind === 'message' && s.key !== undefined) return { ...s, key: prefix + s.key };
          return s;
        });
        const { api, memory } = await playBoth([
          { kind: 'deploy', fixture: 'wf-orchestration-ticker' },
          ...own,
        ]);
        expect(api).toEqual(memory);
      }),
      { numRuns: 30, seed: 20261207 },
    );
  }, 300_000);
});
