import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppOptions } from '../../src/app.module.js';
import type { Client } from './test-app.js';

export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures', import.meta.url));

/** The BPMN text of `test/fixtures/<name>.bpmn`. */
export function fixture(name: string): string {
  return readFileSync(`${FIXTURES_DIR}/${name}.bpmn`, 'utf8');
}

/**
 * App options for workflow tests: nothing deployed at startup, jobs run only when the test
 * says, and access tokens that outlive the clock jumps timer tests make.
 */
export const WORKFLOW_TEST_APP: Partial<AppOptions> = {
  workflow: { workflowsDir: null, jobExecutor: { enabled: false } },
  accessTokenTtlSeconds: 365 * 24 * 3600,
};

/** Deploys a fixture as OD and returns the new definition's id. */
export async function deploy(od: Client, name: string): Promise<string> {
  const res = await od.post('/api/definitions').send({ xml: fixture(name) });
  if (res.status !== 201)
    throw new Error(`deploy ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }[])[0]!.id;
}
