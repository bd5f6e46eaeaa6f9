import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localTokenStore } from '@/api/tokens';
import { draftContext, draftTask, members } from './fixtures';
import { mountTaskPageAs, stubApi } from './helpers';

const WAIT = { timeout: 15_000, interval: 50 };

type Actions = ReturnType<typeof draftTask>['actions'];
const NONE: Actions = {
  claim: false,
  unclaim: false,
  delegate: false,
  entrust: false,
  resolve: false,
  urge: false,
  complete: false,
  addSequential: false,
  actAsAdded: false,
};

function bodyOf(url: string, actions?: Actions): unknown {
  return url === '/api/tasks/task-1'
    ? { ...draftTask(), ...(actions ? { actions } : {}) }
    : url === '/api/task-forms/task-1'
      ? { taskId: 'task-1', formKey: 'orglife:plan-draft', context: draftContext() }
      : url === '/api/tasks/task-1/comments' || url === '/api/tasks/task-1/added-approvers'
        ? []
        : undefined;
}

afterEach(() => {
  vi.unstubAllGlobals();
  localTokenStore.set(null);
});

describe('the task page', () => {
  it("shows someone else's open task read-only: its form cannot be submitted", async () => {
    // given an open plan-draft task assigned to 张三, and its committee secretary looking at it
    stubApi((url) => bodyOf(url));
    const wrapper = mountTaskPageAs(members[1]!);

    // then the form shows, but without its submit button
    await vi.waitFor(async () => {
      await flushPromises();
      expect(wrapper.find('[data-testid="plan-form"]').exists()).toBe(true);
    }, WAIT);
    expect(wrapper.find('[data-testid="plan-submit"]').exists()).toBe(false);
  });

  it('offers 转办 and 取消认领 exactly when the API says the user may use them', async () => {
    const buttons = async (actions: Actions) => {
      stubApi((url) => bodyOf(url, actions));
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

  it("names the task's org unit from the task, though the user's org tree does not hold it", async () => {
    // a member's tree holds their party group only; the task belongs to the branch above it
    stubApi((url) => bodyOf(url));
    const wrapper = mountTaskPageAs(members[0]!);
    await vi.waitFor(async () => {
      await flushPromises();
      expect(wrapper.find('.meta').text()).toContain('组织教工第一党支部');
    }, WAIT);
  });

  it('lets the assignee submit the form', async () => {
    stubApi((url) => bodyOf(url));
    const wrapper = mountTaskPageAs(members[0]!);
    await vi.waitFor(async () => {
      await flushPromises();
      expect(wrapper.find('[data-testid="plan-submit"]').exists()).toBe(true);
    }, WAIT);
  });

  it('opens the variables form of a task the API says has no domain form, without asking for one', async () => {
    // given a task whose form key the web knows, on an API that has no domain form for it
    const asked: string[] = [];
    stubApi((url) => {
      asked.push(url);
      return url === '/api/tasks/task-1' ? { ...draftTask(), domainForm: false } : bodyOf(url);
    });
    const wrapper = mountTaskPageAs(members[0]!);

    // then the plain variables form shows, and the domain form endpoint was never called
    await vi.waitFor(async () => {
      await flushPromises();
      expect(wrapper.find('[data-testid="generic-form"]').exists()).toBe(true);
    }, WAIT);
    expect(asked.filter((url) => url.startsWith('/api/task-forms/'))).toEqual([]);
  });
});
