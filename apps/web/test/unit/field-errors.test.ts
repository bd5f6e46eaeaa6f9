import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localTokenStore } from '@/api/tokens';
import { draftContext, draftTask, members } from './fixtures';
import { mountTaskPageAs } from './helpers';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

const problem = {
  type: 'urn:orglife:problem:validation',
  title: 'Bad Request',
  status: 400,
  detail: 'plannedAt: 须在2026-12月内; segments.1.ownerId: 负责人不是本支部党员',
  errors: [
    { field: 'plannedAt', message: '须在2026-12月内 (must fall in 2026-12)' },
    { field: 'segments.1.ownerId', message: '负责人不是本支部党员' },
  ],
};

const WAIT = { timeout: 15_000, interval: 50 };

afterEach(() => {
  vi.unstubAllGlobals();
  localTokenStore.set(null);
});

describe('field errors from a problem JSON', () => {
  it('land beside the fields they name on the task form', async () => {
    // given an open plan-draft task with three segments, and an API that rejects two fields
    localTokenStore.set({ accessToken: 'a' });
    const segments = (['study', 'lecture', 'listen'] as const).map((key, i) => ({
      key,
      ownerId: members[i]!.id,
      content: `${key} 内容`,
    }));
    const posted: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (url === '/api/tasks/task-1') return json(200, draftTask());
        if (url === '/api/task-forms/task-1' && init?.method === 'POST') {
          posted.push(JSON.parse(String(init.body)));
          return json(400, problem);
        }
        if (url === '/api/task-forms/task-1') {
          return json(200, {
            taskId: 'task-1',
            formKey: 'orglife:plan-draft',
            context: draftContext({ segments }),
          });
        }
        return json(404, { title: 'Not Found' });
      }),
    );
    // signed in as the task's assignee: only they get an editable form
    const wrapper = mountTaskPageAs(members[0]!);
    await vi.waitFor(async () => {
      await flushPromises();
      expect(wrapper.find('[data-testid="plan-submit"]').exists()).toBe(true);
    }, WAIT);

    // when the secretary submits
    await wrapper.get('[data-testid="plan-form"]').trigger('submit');
    await vi.waitFor(async () => {
      await flushPromises();
      expect(wrapper.find('[data-testid="task-error"]').exists()).toBe(true);
      expect(wrapper.findAll('.el-form-item__error')).toHaveLength(2);
    }, WAIT);

    // then the payload went out and each message sits in the form item of its own field
    expect(posted).toHaveLength(1);
    const plannedAtItem = wrapper.get('#plan-planned-at').element.closest('.el-form-item');
    expect(plannedAtItem?.querySelector('.el-form-item__error')?.textContent).toContain(
      '须在2026-12月内',
    );
    const lectureRow = wrapper.get('[data-testid="segment-row-lecture"]');
    const ownerItem = lectureRow
      .get('[data-testid="segment-owner-lecture"]')
      .element.closest('.el-form-item');
    expect(ownerItem?.querySelector('.el-form-item__error')?.textContent).toContain(
      '负责人不是本支部党员',
    );
    // and the other segments' owners carry no error
    const studyOwner = wrapper
      .get('[data-testid="segment-owner-study"]')
      .element.closest('.el-form-item');
    expect(studyOwner?.querySelector('.el-form-item__error')).toBeNull();
    expect(wrapper.get('[data-testid="task-error"]').text()).toContain('表单有误');
  });
});
