import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefinitionFilesLoader } from '../src/workflow/definitions/definition-files.loader.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';
import { deploy, fixture, FIXTURES_DIR, WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

describe('process definitions', () => {
  let t: TestApp;
  let od: Client;
  let secretary: Client;

  beforeAll(async () => {
    t = await createTestApp({ app: WORKFLOW_TEST_APP });
    od = await t.login('od_admin');
    secretary = await t.login('branch_secretary');
  });
  afterAll(async () => {
    await t.close();
  });

  it('numbers each deployment of a process as its next version', async () => {
    const first = await od
      .post('/api/definitions')
      .send({ xml: fixture('wf-review'), name: '审核' });
    expect(first.status).toBe(201);
    expect(first.body).toEqual([
      expect.objectContaining({
        processId: 'wf_review',
        version: 1,
        name: '审核',
        source: 'upload',
      }),
    ]);
    const second = await od
      .post('/api/definitions')
      .send({ xml: fixture('wf-review') })
      .expect(201);
    expect(second.body[0]).toMatchObject({ processId: 'wf_review', version: 2 });

    const latest = await od.get('/api/definitions').expect(200);
    expect(latest.body).toContainEqual(
      expect.objectContaining({ processId: 'wf_review', version: 2 }),
    );
    const versions = await od.get('/api/definitions/wf_review/versions').expect(200);
    expect(versions.body.map((d: { version: number }) => d.version)).toEqual([2, 1]);
    const detail = await od.get(`/api/definitions/by-id/${first.body[0].id}`).expect(200);
    expect(detail.body.xml).toBe(fixture('wf-review'));
  });

  it('refuses a flow that does not compile with the engine problems, storing nothing', async () => {
    const res = await od
      .post('/api/definitions')
      .send({ xml: fixture('wf-broken') })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ elementId: 'f3', message: expect.stringContaining('Missing') }),
        expect.objectContaining({ elementId: 'f2' }),
      ]),
    );
    await od.get('/api/definitions/wf_broken/versions').expect(404);
  });

  it('reports XML that is not well formed with a line number', async () => {
    const res = await od
      .post('/api/definitions')
      .send({ xml: '<bpmn:definitions>\n<oops' })
      .expect(400);
    expect(res.body.problems[0]).toMatchObject({ message: expect.any(String) });
  });

  it('validates without deploying', async () => {
    const bad = await od
      .post('/api/definitions/validate')
      .send({ xml: fixture('wf-broken') })
      .expect(200);
    expect(bad.body.ok).toBe(false);
    expect(bad.body.problems.length).toBeGreaterThanOrEqual(2);
    const good = await od
      .post('/api/definitions/validate')
      .send({ xml: fixture('wf-timer') })
      .expect(200);
    expect(good.body).toEqual({ ok: true, problems: [] });
    await od.get('/api/definitions/wf_timer/versions').expect(404);
  });

  it('lets only the Organization Department deploy', async () => {
    await secretary
      .post('/api/definitions')
      .send({ xml: fixture('wf-timer') })
      .expect(403);
    await secretary
      .post('/api/definitions/validate')
      .send({ xml: fixture('wf-timer') })
      .expect(403);
  });

  it('keeps a running instance on the version it started on', async () => {
    const v1 = await deploy(od, 'wf-service');
    const started = await od
      .post('/api/instances')
      .send({ processId: 'wf_service', orgUnitId: t.units['C1-B1'], variables: {} })
      .expect(201);
    const v2 = await deploy(od, 'wf-service');
    expect(v2).not.toBe(v1);
    const instance = await od.get(`/api/instances/${started.body.id}`).expect(200);
    expect(instance.body).toMatchObject({
      definitionId: v1,
      definitionVersion: 1,
      status: 'active',
    });
    expect(instance.body.xmlRef).toBe(`/api/definitions/by-id/${v1}`);
  });

  it('lists each version with its note and the instances still running on it', async () => {
    const v1 = await deploy(od, 'wf-service');
    await od
      .post('/api/instances')
      .send({ processId: 'wf_service', orgUnitId: t.units['C1-B1'], variables: {} })
      .expect(201);
    const deployed = await od
      .post('/api/definitions')
      .send({ xml: fixture('wf-service'), note: '审批期限改为5天' })
      .expect(201);

    const versions = await od.get('/api/definitions/wf_service/versions').expect(200);
    const byId = new Map(versions.body.map((v: { id: string }) => [v.id, v]));
    expect(byId.get(deployed.body[0].id)).toMatchObject({
      note: '审批期限改为5天',
      runningInstances: 0,
    });
    expect(byId.get(v1)).toMatchObject({ note: null, runningInstances: 1 });
  });

  it('refuses a version note longer than 500 characters, deploying nothing', async () => {
    const before = await od.get('/api/definitions/wf_service/versions').expect(200);
    const refused = await od
      .post('/api/definitions')
      .send({ xml: fixture('wf-service'), note: '改'.repeat(501) })
      .expect(400);
    expect(JSON.stringify(refused.body)).toContain('note');
    const after = await od.get('/api/definitions/wf_service/versions').expect(200);
    expect(after.body).toHaveLength(before.body.length);
  });

  it('deploys a folder at startup only when a file changed, skipping files that do not compile', async () => {
    const loader = t.app.get(DefinitionFilesLoader);
    await loader.deployFolder(FIXTURES_DIR);
    const afterFirst = await od.get('/api/definitions/wf_timer/versions').expect(200);
    expect(afterFirst.body).toEqual([
      expect.objectContaining({ version: 1, source: 'file', sourceName: 'wf-timer.bpmn' }),
    ]);
    // the version is named after the BPMN process, for the 流程 lists and the inbox
    expect(afterFirst.body[0].name).toBe('测试定时');

    await loader.deployFolder(FIXTURES_DIR);
    const afterSecond = await od.get('/api/definitions/wf_timer/versions').expect(200);
    expect(afterSecond.body).toHaveLength(1);
    await od.get('/api/definitions/wf_broken/versions').expect(404);
  });
});
