/** Point 13 (monthly cycle): each role does only its own part; everything else is refused. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Member, MonthlyCycleDriver, planPayload } from './support/monthly-cycle.driver.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { TINY_PNG } from './support/images.js';

const SESSION_AT = '2026-03-20T06:30:00.000Z';
const PNG = TINY_PNG;

describe('monthly cycle: refusals by role and org subtree', () => {
  let t: TestApp;
  let d: MonthlyCycleDriver;
  const planIds: Record<string, string> = {};

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

  /** Starts a plan for the branch by hand and drafts it; returns the branch's members. */
  async function draftPlan(code: string, secretaryLogin: string): Promise<Member[]> {
    const secretary = await d.as(secretaryLogin);
    const res = await secretary
      .post('/api/plans')
      .send({ branchId: t.units[code], month: '2026-03' })
      .expect(201);
    planIds[code] = (res.body as { id: string }).id;
    await d.drain();
    const draft = await d.taskFor(secretary, 'orglife:plan-draft', t.units[code]);
    const { members } = await d.formContext<{ members: Member[] }>(secretary, draft.id);
    await d.submit(secretary, draft.id, planPayload(members, SESSION_AT));
    return members;
  }

  it('only OD drafts the study content; a member cannot start a plan; a secretary cannot mark branches weak', async () => {
    const content = {
      month: '2026-03',
      title: 't',
      topics: ['a'],
      materials: [],
      attachmentIds: [],
    };
    await (await d.as('committee_secretary')).post('/api/study-contents').send(content).expect(403);
    await (
      await d.as('member')
    )
      .post('/api/plans')
      .send({ branchId: t.units['C1-B1'], month: '2026-03' })
      .expect(403);
    await (
      await d.as('branch_secretary')
    )
      .put(`/api/branches/${t.units['C1-B1']}/weak`)
      .send({ weak: true })
      .expect(403);
  });

  it('a plan segment owned by someone outside the branch is refused, naming the field', async () => {
    const secretary = await d.as('c2b1_secretary');
    await secretary
      .post('/api/plans')
      .send({ branchId: t.units['C2-B1'], month: '2026-03' })
      .expect(201);
    await d.drain();
    const draft = await d.taskFor(secretary, 'orglife:plan-draft', t.units['C2-B1']);
    const outsider = { id: t.people['member']!, name: 'outsider' };
    const res = await d.submit(secretary, draft.id, planPayload([outsider], SESSION_AT), 400);
    expect((res.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
      'segments.0.ownerId',
      'segments.1.ownerId',
      'segments.2.ownerId',
      'segments.3.ownerId',
    ]);
  });

  it('a member cannot approve a plan, nor complete it through the generic task route', async () => {
    await draftPlan('C1-B1', 'branch_secretary');
    const approval = await d.taskFor(
      await d.as('committee_secretary'),
      'orglife:plan-approval',
      t.units['C1-B1'],
    );
    const member = await d.as('member');
    expect(await d.inbox(member, 'orglife:plan-approval')).toHaveLength(0);
    await member.post(`/api/task-forms/${approval.id}`).send({ decision: 'approve' }).expect(403);
    // even the approver must use the domain form, which writes the review
    const generic = await (
      await d.as('committee_secretary')
    )
      .post(`/api/tasks/${approval.id}/complete`)
      .send({ variables: { approvalDecision: 'approve' } })
      .expect(400);
    expect((generic.body as { detail: string }).detail).toContain('/api/task-forms/');
  });

  it("a branch secretary cannot read another committee's plan, nor record another branch's session", async () => {
    const members = await draftPlan('C1-B2', 'c1b2_secretary');
    for (const code of ['C1-B1', 'C1-B2']) {
      const task = await d.taskFor(
        await d.as('committee_secretary'),
        'orglife:plan-approval',
        t.units[code],
      );
      await d.submit(await d.as('committee_secretary'), task.id, { decision: 'approve' });
    }
    await (await d.as('c2b1_secretary')).get(`/api/plans/${planIds['C1-B2']}`).expect(403);
    const visible = (await (await d.as('c2b1_secretary')).get('/api/plans').expect(200)).body as {
      branchId: string;
    }[];
    expect(visible.map((p) => p.branchId)).toEqual([t.units['C2-B1']]);

    await d.advanceTo('2026-03-20T07:00:00.000Z');
    const record = await d.taskFor(
      await d.as('c1b2_secretary'),
      'orglife:session-record',
      t.units['C1-B2'],
    );
    const payload = {
      heldAt: SESSION_AT,
      attendance: members.map((m) => ({ personId: m.id, status: 'present' })),
      segments: ['study', 'report', 'decide'].map((key) => ({
        key,
        ownerId: members[0]!.id,
        record: 'r',
      })),
      speeches: [],
      lectures: [],
      reports: [],
      decisions: [],
      attachments: [],
    };
    await (
      await d.as('branch_secretary')
    )
      .post(`/api/task-forms/${record.id}`)
      .send(payload)
      .expect(403);
    // a member of the branch who is not on its committee may not record either
    await (await d.as('m014')).post(`/api/task-forms/${record.id}`).send(payload).expect(403);
    // an attendance list missing a member is refused, naming the field
    const partial = await d.submit(
      await d.as('c1b2_secretary'),
      record.id,
      { ...payload, attendance: payload.attendance.slice(1) },
      400,
    );
    expect(partial.body).toMatchObject({ errors: [{ field: 'attendance' }] });
  });

  it('uploads: only officers, at most 10 MB, only images, PDF and office documents, read within the tree', async () => {
    const upload = async (login: string, content: Buffer, filename: string, contentType: string) =>
      (await d.as(login))
        .post('/api/attachments')
        .field('orgUnitId', t.units['C1-B1']!)
        .attach('file', content, { filename, contentType });

    expect((await upload('member', PNG, 'photo.png', 'image/png')).status).toBe(403);
    const exe = await upload(
      'branch_secretary',
      Buffer.from('MZ\x90\x00'),
      'x.exe',
      'application/x-msdownload',
    );
    expect(exe.status).toBe(400);
    expect(exe.body).toMatchObject({ errors: [{ field: 'file' }] });
    const disguised = await upload(
      'branch_secretary',
      Buffer.from('not a png'),
      'fake.png',
      'image/png',
    );
    expect(disguised.status).toBe(400);
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    expect((await upload('branch_secretary', big, 'big.png', 'image/png')).status).toBe(413);

    const ok = await upload('branch_secretary', PNG, '现场照片.png', 'image/png');
    expect(ok.status).toBe(201);
    const id = (ok.body as { id: string; sizeBytes: number }).id;
    expect(ok.body).toMatchObject({ sizeBytes: PNG.length, mimeType: 'image/png' });
    const download = await (await d.as('member')).get(`/api/attachments/${id}/content`).expect(200);
    expect(Buffer.compare(download.body as Buffer, PNG)).toBe(0);
    await (await d.as('c2_secretary')).get(`/api/attachments/${id}`).expect(403);

    // study materials must be the university's own uploads, not a branch's
    const content = {
      month: '2026-04',
      title: '四月',
      topics: ['a'],
      materials: [],
      attachmentIds: [id],
    };
    const refused = await (
      await d.as('od_admin')
    )
      .post('/api/study-contents')
      .send(content)
      .expect(400);
    expect(refused.body).toMatchObject({ errors: [{ field: 'attachmentIds.0' }] });
  });
});
