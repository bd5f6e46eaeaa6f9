import { flushPromises, mount } from '@vue/test-utils';
import { ElSelect } from 'element-plus';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import DelegateDialog from '@/modules/tasks/DelegateDialog.vue';
import { draftTask, members } from './fixtures';
import { globalPlugins } from './helpers';

const api = vi.hoisted(() => ({
  listPeople: vi.fn(),
  delegateTask: vi.fn(),
}));
vi.mock('@/api/org', () => ({ listPeople: api.listPeople }));
vi.mock('@/api/tasks', () => ({ delegateTask: api.delegateTask }));

const people = [
  { id: members[0]!.id, name: '陈晓东', employeeNo: 'T001' },
  { id: 'p-2', name: '何涛', employeeNo: 'T002' },
];

const mounted: { unmount(): void }[] = [];

async function openDialog() {
  const wrapper = mount(DelegateDialog, {
    props: { task: draftTask(), modelValue: false },
    global: globalPlugins(),
    attachTo: document.body,
  });
  mounted.push(wrapper);
  await wrapper.setProps({ modelValue: true });
  await vi.waitFor(async () => {
    await flushPromises();
    expect(api.listPeople).toHaveBeenCalled();
  });
  await flushPromises();
  return wrapper;
}

describe('转办 (reassign a task)', () => {
  afterEach(() => {
    for (const wrapper of mounted.splice(0)) wrapper.unmount();
  });

  beforeEach(() => {
    api.listPeople.mockReset().mockResolvedValue({ items: people, total: 2 });
    api.delegateTask.mockReset().mockResolvedValue({});
  });

  it('offers the people of the task’s org unit, without the current assignee', async () => {
    const wrapper = await openDialog();

    expect(api.listPeople).toHaveBeenCalledWith({ orgUnitId: 'b-1', pageSize: 20 });
    const offered = wrapper.findComponent(ElSelect).findAllComponents({ name: 'ElOption' });
    expect(offered.map((option) => option.props('value'))).toEqual(['p-2']);
  });

  it('asks for a person before sending, then hands the task to the one chosen', async () => {
    const wrapper = await openDialog();

    const confirm = () =>
      document.body.querySelector<HTMLButtonElement>('[data-testid="delegate-confirm"]')!.click();
    confirm();
    await vi.waitFor(async () => {
      await flushPromises();
      expect(document.body.querySelector('.el-form-item__error')?.textContent?.trim()).toBe('必填');
    });
    expect(api.delegateTask).not.toHaveBeenCalled();

    wrapper.findComponent(ElSelect).vm.$emit('update:modelValue', 'p-2');
    await flushPromises();
    confirm();
    await flushPromises();

    expect(api.delegateTask).toHaveBeenCalledWith('task-1', 'p-2');
    expect(wrapper.emitted('delegated')).toEqual([['何涛']]);
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false]);
  });
});
