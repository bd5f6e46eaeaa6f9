import { expect } from 'vitest';
import { JobExecutor } from '../../src/workflow/jobs/job.executor.js';
import type { Client, TestApp } from './test-app.js';

export interface InboxTask {
  id: string;
  definitionId: string;
  processId: string;
  elementId: string;
  formKey: string | null;
  orgUnitId: string | null;
  assignee: string | null;
  candidateGroups: string[];
  variables: Record<string, unknown>;
}

export interface Member {
  id: string;
  name: string;
}

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

/** Drives the monthly cycle through the HTTP API; timers fire only when the test moves the clock. */
export class MonthlyCycleDriver {
  constructor(readonly t: TestApp) {}

  /** Runs every due job (timers, service tasks) until none is left. */
  async drain(): Promise<void> {
    const executor = this.t.app.get(JobExecutor);
    while ((await executor.runDueJobs()) > 0);
  }

  /** Moves the clock and fires what became due. */
  async advance(ms: number): Promise<void> {
    this.t.clock.advance(ms);
    await this.drain();
  }

  async advanceTo(at: string): Promise<void> {
    this.t.clock.set(new Date(at));
    await this.drain();
  }

  private readonly sessions = new Map<string, { client: Client; at: number }>();

  /** A logged-in client for `username`; logs in again once the clock has moved past the token's life. */
  async as(username: string): Promise<Client> {
    const now = this.t.clock.now().getTime();
    const cached = this.sessions.get(username);
    if (cached && now - cached.at < 5 * 60_000) return cached.client;
    const client = await this.t.login(username);
    this.sessions.set(username, { client, at: now });
    return client;
  }

  /** Open tasks the user may do (assigned to them or claimable) with their variables, optionally of one form. */
  async inbox(who: Client, formKey?: string): Promise<InboxTask[]> {
    const all: InboxTask[] = [];
    for (const tab of ['mine', 'claimable']) {
      const res = await who.get('/api/tasks').query({ tab, pageSize: 100 }).expect(200);
      all.push(...(res.body as { items: InboxTask[] }).items);
    }
    const matching = all.filter((task) => !formKey || task.formKey === formKey);
    return Promise.all(
      matching.map(
        async (task) => (await who.get(`/api/tasks/${task.id}`).expect(200)).body as InboxTask,
      ),
    );
  }

  /** The one open task of `formKey` the user has for `branchId` (its `branchId` variable). */
  async taskFor(who: Client, formKey: string, branchId?: string): Promise<InboxTask> {
    const tasks = (await this.inbox(who, formKey)).filter(
      (task) => !branchId || task.variables['branchId'] === branchId,
    );
    expect(tasks, `${formKey} tasks for ${branchId ?? 'anyone'}`).toHaveLength(1);
    return tasks[0]!;
  }

  async formContext<T>(who: Client, taskId: string): Promise<T> {
    const res = await who.get(`/api/task-forms/${taskId}`).expect(200);
    return (res.body as { context: T }).context;
  }

  /** Submits a task form, expects `status`, then runs what became due; returns the response body. */
  async submit(
    who: Client,
    taskId: string,
    payload: object,
    status = 200,
  ): Promise<{ body: unknown }> {
    const res = await who.post(`/api/task-forms/${taskId}`).send(payload);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    await this.drain();
    return { body: res.body as unknown };
  }
}

/** A valid plan payload owning segments by the branch's members. */
export function planPayload(
  members: Member[],
  plannedAt: string,
  keys = ['study', 'lecture', 'report', 'review'],
) {
  return {
    topic: '学习贯彻党的创新理论',
    plannedAt,
    place: '党员活动室',
    meetingTypes: ['member_assembly', 'party_lecture'],
    segments: keys.map((key, i) => ({
      key,
      ownerId: members[i % members.length]!.id,
      content: `${key} 环节安排`,
    })),
    activity: { kind: 'theme_day', description: '主题党日：重温入党誓词' },
  };
}
