/**
 * Point 2: who approves and how long until the reminder are in the model. Deploying a changed
 * monthly-plan changes new plans only — no code change, and running plans keep their version.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DAY,
  HOUR,
  type Member,
  MonthlyCycleDriver,
  planPayload,
} from './support/monthly-cycle.driver.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const MODEL = fileURLToPath(new URL('../../../workflows/monthly-plan.bpmn', import.meta.url));
const SESSION_AT = '2026-03-20T06:30:00.000Z';

/** Replaces the one occurrence of `from` in `xml`; fails if the model no longer has it exactly once. */
function replaceOnce(xml: string, from: string, to: string): string {
  expect(xml.split(from)).toHaveLength(2);
  return xml.replace(from, to);
}

describe('monthly-plan: approver and deadline come from the deployed model', () => {
  let t: TestApp;
  let d: MonthlyCycleDriver;

  beforeAll(async () => {
    t = await createTestApp({
      now: new Date('2026-03-02T01:00:00.000Z'),
      app: { workflow: { jobExecutor: { enabled: false } } },
    });
    d = new MonthlyCycleDriver(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Starts and drafts a plan for the branch; returns its approval task from the approver's inbox. */
  async function planAwaitingApproval(
    branchCode: string,
    secretaryLogin: string,
    approverLogin: string,
  ) {
    const secretary = await d.as(secretaryLogin);
    const branchId = t.units[branchCode]!;
    await secretary.post('/api/plans').send({ branchId, month: '2026-03' }).expect(201);
    await d.drain();
    const draft = await d.taskFor(secretary, 'orglife:plan-draft', branchId);
    const { members } = await d.formContext<{ members: Member[] }>(secretary, draft.id);
    await d.submit(secretary, draft.id, planPayload(members, SESSION_AT));
    return d.taskFor(await d.as(approverLogin), 'orglife:plan-approval', branchId);
  }

  const reminders = async (taskId: string) =>
    (
      (await (await d.as('od_admin')).get(`/api/tasks/${taskId}/comments`).expect(200)).body as {
        body: string;
      }[]
    ).length;

  it('a plan started before the change keeps the committee secretary and the 3-day reminder; a new one gets the organizer and 1 day', async () => {
    // given a plan under version 1: the committee secretary approves, reminded after 3 days
    const before = await planAwaitingApproval('C1-B1', 'branch_secretary', 'committee_secretary');
    expect(before.candidateGroups).toEqual([`committee_secretary@${t.units['C1']}`]);

    // when OD deploys a model where the organizer approves and the reminder comes after 1 day
    let xml = readFileSync(MODEL, 'utf8');
    xml = replaceOnce(
      xml,
      '[&#34;committee_secretary@&#34; + committeeId]',
      '[&#34;organizer@&#34; + committeeId]',
    );
    xml = replaceOnce(
      xml,
      '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P3D</bpmn:timeDuration>',
      '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P1D</bpmn:timeDuration>',
    );
    const deployed = await (
      await d.as('od_admin')
    )
      .post('/api/definitions')
      .send({ xml })
      .expect(201);
    expect(deployed.body).toMatchObject([{ processId: 'monthly-plan', version: 2 }]);

    // then a plan started now follows version 2
    const after = await planAwaitingApproval('C1-B2', 'c1b2_secretary', 'organizer');
    expect(after.candidateGroups).toEqual([`organizer@${t.units['C1']}`]);
    expect(after.definitionId).not.toBe(before.definitionId);

    // and each approver sees only the plan the model gives them
    const organizerTasks = await d.inbox(await d.as('organizer'), 'orglife:plan-approval');
    expect(organizerTasks.map((task) => task.id)).toEqual([after.id]);
    const secretaryTasks = await d.inbox(
      await d.as('committee_secretary'),
      'orglife:plan-approval',
    );
    expect(secretaryTasks.map((task) => task.id)).toEqual([before.id]);

    // when a day passes, only the new plan's approver is reminded
    await d.advance(DAY + HOUR);
    expect(await reminders(after.id)).toBe(1);
    expect(await reminders(before.id)).toBe(0);

    // and the old plan's reminder still comes on its own 3-day deadline
    await d.advance(2 * DAY);
    expect(await reminders(before.id)).toBe(1);
  });
});
