import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefinitionFilesLoader } from '../src/workflow/definitions/definition-files.loader.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';
import { fixture, WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

interface Version {
  version: number;
  source: string;
  deployedBy: string | null;
}
interface ListItem {
  processId: string;
  version: number;
  newerDefault: { sourceName: string; contentHash: string } | null;
}

/** The administrator's change (a 1-day reminder instead of the file's) survives every restart. */
describe('an administrator’s flow against the workflows/ defaults at startup', () => {
  let t: TestApp;
  let od: Client;
  let secretary: Client;
  let dir: string;
  const original = fixture('wf-timer');
  const adminsVersion = original.replace('name="', 'name="管理员修改 ');
  const newerFile = original.replace('name="', 'name="新默认 ');
  /** What a restart does: the loader syncs the folder again. */
  const restart = () => t.app.get(DefinitionFilesLoader).deployFolder(dir);
  const versions = async () =>
    (await od.get('/api/definitions/wf_timer/versions').expect(200)).body as Version[];
  const listed = async () =>
    ((await od.get('/api/definitions').expect(200)).body as ListItem[]).find(
      (d) => d.processId === 'wf_timer',
    )!;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'orglife-workflows-'));
    await writeFile(join(dir, 'wf-timer.bpmn'), original);
    t = await createTestApp({ app: WORKFLOW_TEST_APP });
    od = await t.login('od_admin');
    secretary = await t.login('branch_secretary');
    await restart();
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the administrator’s version in use when the unchanged file is synced again', async () => {
    await od.post('/api/definitions').send({ xml: adminsVersion }).expect(201);
    await restart();
    expect((await versions()).map((v) => [v.version, v.source])).toEqual([
      [2, 'upload'],
      [1, 'file'],
    ]);
    expect((await listed()).newerDefault).toBeNull();
  });

  it('does not deploy a changed file over the administrator’s version but offers it as a newer default', async () => {
    await writeFile(join(dir, 'wf-timer.bpmn'), newerFile);
    await restart();
    await restart();
    expect((await versions()).map((v) => v.version)).toEqual([2, 1]);
    expect(await listed()).toMatchObject({
      version: 2,
      newerDefault: { sourceName: 'wf-timer.bpmn' },
    });

    const diff = await od.get('/api/definitions/wf_timer/default').expect(200);
    expect(diff.body).toMatchObject({
      processId: 'wf_timer',
      xml: newerFile,
      deployed: false,
      inUse: { version: 2, source: 'upload', xml: adminsVersion },
    });
  });

  it('lets only OD read and adopt the default', async () => {
    await secretary.get('/api/definitions/wf_timer/default').expect(403);
    await secretary.post('/api/definitions/wf_timer/default/adopt').expect(403);
    await od.get('/api/definitions/nothing_here/default').expect(404);
  });

  it('deploys the default as the next version when OD adopts it, once', async () => {
    const adopted = await od.post('/api/definitions/wf_timer/default/adopt').expect(201);
    expect(adopted.body).toEqual([
      expect.objectContaining({ version: 3, source: 'file', sourceName: 'wf-timer.bpmn' }),
    ]);
    expect((await listed()).newerDefault).toBeNull();
    const again = await od.post('/api/definitions/wf_timer/default/adopt').expect(409);
    expect(again.body.detail).toContain('已部署');
    await restart();
    expect((await versions()).map((v) => v.version)).toEqual([3, 2, 1]);
  });

  it('still deploys a changed file when no administrator’s version is in use', async () => {
    const further = newerFile.replace('name="新默认 ', 'name="再次更新 ');
    await writeFile(join(dir, 'wf-timer.bpmn'), further);
    await restart();
    expect((await versions())[0]).toMatchObject({ version: 4, source: 'file' });
  });
});
