import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/errors';
import type { TaskComment } from '@/api/tasks';
import TaskComments from '@/modules/tasks/TaskComments.vue';
import { globalPlugins } from './helpers';

const api = vi.hoisted(() => ({
  listTaskComments: vi.fn<(id: string) => Promise<TaskComment[]>>(),
  addTaskComment: vi.fn<(id: string, body: string) => Promise<TaskComment>>(),
}));
vi.mock('@/api/tasks', () => api);

function comment(body: string, authorName: string | null): TaskComment {
  return {
    id: `c-${body}`,
    taskId: 't1',
    authorId: 'p1',
    authorName,
    body,
    createdAt: '2026-11-27T08:00:00.000Z',
  };
}

async function mountComments() {
  const wrapper = mount(TaskComments, { props: { taskId: 't1' }, global: globalPlugins() });
  await flushPromises();
  return wrapper;
}

describe('办理意见 (task comments)', () => {
  beforeEach(() => {
    api.listTaskComments.mockReset();
    api.addTaskComment.mockReset();
  });

  it('lists the comments oldest first with each author’s name (系统 for reminders), or says there are none', async () => {
    api.listTaskComments.mockResolvedValueOnce([]);
    expect((await mountComments()).text()).toContain('暂无意见');

    api.listTaskComments.mockResolvedValueOnce([
      comment('请补充时间地点', '李国强'),
      comment('已补充', '陈晓东'),
      { ...comment('任务即将到期', null), authorId: 'system' },
    ]);
    const items = (await mountComments()).findAll('[data-testid="task-comment"]');
    expect(items.map((item) => item.text())).toEqual([
      expect.stringContaining('李国强'),
      expect.stringContaining('陈晓东'),
      expect.stringContaining('系统'),
    ]);
    expect(items[0]!.text()).toContain('请补充时间地点');
  });

  it('posts a comment, appends it and clears the box', async () => {
    api.listTaskComments.mockResolvedValueOnce([comment('请补充时间地点', '李国强')]);
    api.addTaskComment.mockResolvedValueOnce(comment('已补充', '陈晓东'));
    const wrapper = await mountComments();

    await wrapper.get('textarea[data-testid="task-comment-input"]').setValue('  已补充 ');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(api.addTaskComment).toHaveBeenCalledWith('t1', '已补充');
    expect(wrapper.findAll('[data-testid="task-comment"]')).toHaveLength(2);
    expect(
      (wrapper.get('textarea[data-testid="task-comment-input"]').element as HTMLTextAreaElement)
        .value,
    ).toBe('');
  });

  it('shows the API’s refusal beside the box and keeps what was typed', async () => {
    api.listTaskComments.mockResolvedValueOnce([]);
    api.addTaskComment.mockRejectedValueOnce(
      new ApiError(403, { title: 'Forbidden', detail: '您无权办理该任务' }),
    );
    const wrapper = await mountComments();

    await wrapper.get('textarea[data-testid="task-comment-input"]').setValue('路过');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    await vi.waitFor(() =>
      expect(wrapper.get('.el-form-item__error').text()).toBe('您无权办理该任务'),
    );
    expect(
      (wrapper.get('textarea[data-testid="task-comment-input"]').element as HTMLTextAreaElement)
        .value,
    ).toBe('路过');
  });
});
