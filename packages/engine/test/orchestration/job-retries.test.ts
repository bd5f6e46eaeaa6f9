import { describe, expect, it } from 'vitest';
import { compile, MemoryRuntime, nextAttempt, type ServiceOutcome } from '../../src/index.js';
import { T0 } from '../support/scenario.js';

const NS =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"';

/** A service task of type `sync` with the given retries and task headers. */
async function runtimeWith(
  retries: string,
  outcome: () => ServiceOutcome,
  headers = '',
): Promise<MemoryRuntime> {
  const result = await compile(`<bpmn:definitions ${NS} id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="sync"><bpmn:extensionElements><zeebe:taskDefinition type="sync" retries="${retries}" />${headers}</bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="sync" />
    <bpmn:sequenceFlow id="f2" sourceRef="sync" targetRef="end" />
  </bpmn:process></bpmn:definitions>`);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const runtime = new MemoryRuntime({ now: T0, workers: { sync: outcome } });
  runtime.deploy(result.definition);
  return runtime;
}

const incidents = (runtime: MemoryRuntime) =>
  [...runtime.instances.values()].flatMap((i) =>
    Object.values(i.state.incidents).map((incident) => incident.message),
  );

describe('the job retry schedule', () => {
  it('uses up one retry per failure, waits 5 s, 10 s, 20 s … (at most 10 min), and calls for an incident with none left', () => {
    expect(nextAttempt({ retries: 3 }, T0)).toEqual({ retries: 2, failures: 1, backoffMs: 5_000 });
    expect(nextAttempt({ retries: 2, failures: 1 }, T0)).toEqual({
      retries: 1,
      failures: 2,
      backoffMs: 10_000,
    });
    expect(nextAttempt({ retries: 9, failures: 9 }, T0).backoffMs).toBe(600_000);
    expect(nextAttempt({ retries: 1, failures: 2 }, T0)).toEqual({
      retries: 0,
      failures: 3,
      backoffMs: 0,
    });
    expect(nextAttempt({ retries: 0 }, T0).retries).toBe(0);
  });

  it('takes a retryBackoff task header (ISO-8601 duration) over the default', () => {
    const headers = { retryBackoff: 'PT1M' };
    expect(nextAttempt({ retries: 3, failures: 4, headers }, T0).backoffMs).toBe(60_000);
    expect(nextAttempt({ retries: 3, headers: { retryBackoff: 'PT0S' } }, T0).backoffMs).toBe(0);
    expect(nextAttempt({ retries: 3, headers: { retryBackoff: 'soon' } }, T0).backoffMs).toBe(
      5_000,
    );
  });

  it('the in-memory runtime tries a failed job again when its backoff has passed on the simulated clock', async () => {
    let calls = 0;
    const runtime = await runtimeWith('3', (): ServiceOutcome =>
      ++calls < 3 ? { fail: 'offline' } : { variables: {} },
    );
    const instance = runtime.start('p')!;
    expect(calls).toBe(1);
    expect(
      [...runtime.retrying.values()].map((r) => [r.dueAt, r.job.retries, r.job.failures]),
    ).toEqual([['2026-01-05T08:00:05.000Z', 2, 1]]);

    runtime.advance('PT4S');
    expect(calls).toBe(1);
    runtime.advance('PT1S');
    expect(calls).toBe(2);
    expect([...runtime.retrying.values()].map((r) => r.dueAt)).toEqual([
      '2026-01-05T08:00:15.000Z',
    ]);
    runtime.advance('PT1M');
    expect(calls).toBe(3);
    expect(runtime.instances.get(instance.id)!.state.status).toBe('completed');
    expect(runtime.retrying.size).toBe(0);
  });

  it('raises the incident when the last retry fails, and a job with retryBackoff PT0S is tried again at once', async () => {
    const runtime = await runtimeWith('2', () => ({ fail: 'offline' }));
    runtime.start('p');
    expect(incidents(runtime)).toEqual([]);
    runtime.advance('PT5S');
    expect(incidents(runtime)).toEqual(['offline']);

    const quick = await runtimeWith(
      '3',
      () => ({ fail: 'offline' }),
      '<zeebe:taskHeaders><zeebe:header key="retryBackoff" value="PT0S" /></zeebe:taskHeaders>',
    );
    quick.start('p');
    expect(incidents(quick)).toEqual(['offline']);
  });

  it('a cancelled instance leaves no retry waiting', async () => {
    const runtime = await runtimeWith('3', () => ({ fail: 'offline' }));
    const instance = runtime.start('p')!;
    runtime.command(instance.id, { type: 'cancel' });
    expect(runtime.retrying.size).toBe(0);
  });
});
