import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localTokenStore } from '@/api/tokens';
import { draftContext, draftTask, members } from './fixtures';
import { mountTaskPageAs } from './helpers';

const WAIT = { timeout: 15_000, interval: 50 };

type Actions = ReturnType<typeof draftTask>['actions'];
const NONE: Actions = { claim: false, unclaim: false, delegate: false, complete: false };

function answer(url: string, actions?: Actions): Response {
  const body =
    url === '/api/tasks/task-1'
      ? { ...draftTask(), ...(actions ? { actions } : {}) }
      : url === '/api/task-forms/task-1'
        ? { taskId: 'task-1', formKey: 'orglife:plan-draft', context: draftContext() }
        : url === '/api/tasks/task-1/comments'
          ? []
          : undefined;
  return new Response(JSON.stringify(body ?? { title: 'Not Found' }), {
    status: body === undefined ? 404 : 200,
    headers: { 'Content-Type': 'application/json' },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  localTokenStore.set(null);
});

describe('the task page', () => {
  it("shows someone else's open task read-only: its form cannot be submitted", async () => {
    // given an open plan-draft task assigned to 张三, and its committee secretary looking at it
    localTokenStore.set({ accessToken: 'a', refreshToken: 'r' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => answer(url)),
    );
    const wrapper = mountTaskPageAs(members[1]!);

    // then the form shows, but without its submit button
    await vi.waitFor(async () => {
      await flushPromises();
      expect(wrapper.find('[data-testid="plan-form"]').exists()).toBe(true);
    }, WAIT);
    expect(wrapper.find('[data-testid="plan-submit"]').exists()).toBe(false);
  });

  it('offers 转办 and 取消认领 exactly when the API says the user may use them', async () => {
    localTokenStore.set({ accessToken: 'a', refreshToken: 'r' });
    const buttons = async (actions: Actions) => {
      vi.stubGlobal(
        'fetch',
        vi.fn(async (url: string) => answer(url, actions)),
      );
      // a committee secretary, not the assignee
      const wrapper = mountTaskPageAs(members[1]!);
      await vi.waitFor(async () => {
        await flushPromises();
        expect(wrapper.find('[data-testid="plan-form"]').exists()).toBe(true);
      }, WAIT);
      const shown = ['task-delegate', 'task-unclaim'].filter((id) =>
        wrapper.find(`[data-testid="${id}"]`).exists(),
      );
      wrapper.unmount();
      return shown;
    };
    expect(await buttons(NONE)).toEqual([]);
    expect(await buttons({ ...NONE, delegate: true, unclaim: true })).toEqual([
      'task-delegate',
      'task-unclaim',
    ]);
  });

  it('lets the assignee submit the form', async () => {
    localTokenStore.set({ accessToken: 'a', refreshToken: 'r' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => answer(url)),
    );
    const wrapper = mountTaskPageAs(members[0]!);
    await vi.waitFor(async () => {
      await flushPromises();
      expect(wrapper.find('[data-testid="plan-submit"]').exists()).toBe(true);
    }, WAIT);
  });
});
