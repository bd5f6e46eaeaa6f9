import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';

/**
 * Where every browser test appends the task forms it opened and submitted through the task page
 * (one JSON line each); test/run-e2e.mjs empties it before a run and, after a run of every
 * test, fails when a form key of the API's list (TaskFormKey) was never submitted.
 */
export const FORM_KEYS_LOG = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../test-artifacts/form-keys.jsonl',
);

const TASK_FORM = /\/api\/task-forms\/([^/?]+)$/;

/** Records, for the whole tab, the domain forms the app opens (GET) and submits (POST) successfully. */
export function recordTaskForms(context: BrowserContext): void {
  const formKeys = new Map<string, string>();
  mkdirSync(dirname(FORM_KEYS_LOG), { recursive: true });
  context.on('response', async (response) => {
    const taskId = TASK_FORM.exec(new URL(response.url()).pathname)?.[1];
    if (!taskId || !response.ok()) return;
    const method = response.request().method();
    if (method === 'GET') {
      const body = (await response.json().catch(() => null)) as { formKey?: string } | null;
      if (!body?.formKey) return;
      formKeys.set(taskId, body.formKey);
      appendFileSync(FORM_KEYS_LOG, `${JSON.stringify({ formKey: body.formKey, opened: true })}\n`);
    } else if (method === 'POST') {
      const formKey = formKeys.get(taskId);
      if (formKey)
        appendFileSync(FORM_KEYS_LOG, `${JSON.stringify({ formKey, submitted: true })}\n`);
    }
  });
}
