import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { localTokenStore } from '@/api/tokens';
import InstanceListPage from '@/modules/instances/InstanceListPage.vue';
import { globalPlugins, stubApi } from '../helpers';

const WAIT = { timeout: 15_000, interval: 50 };

const instance = {
  id: 'i-1',
  definitionId: 'd-1',
  processId: 'orglife_monthly_plan',
  businessKey: 'C1-B1/2026-03',
  orgUnitId: 'b-1',
  status: 'active',
  startedAt: '2026-03-02T01:00:00.000Z',
  endedAt: null,
};

function bodyOf(url: string): unknown {
  const path = new URL(url, 'http://localhost').pathname;
  return path === '/api/instances'
    ? { items: [instance], total: 1 }
    : path === '/api/definitions'
      ? [{ id: 'd-1', processId: 'orglife_monthly_plan', name: '月度计划', version: 3 }]
      : path === '/api/org-units'
        ? [
            {
              id: 'u-1',
              name: '示范大学党委',
              children: [{ id: 'b-1', name: '教工第一党支部', children: [] }],
            },
          ]
        : undefined;
}

afterEach(() => {
  vi.unstubAllGlobals();
  localTokenStore.set(null);
});

describe('the instance list', () => {
  it("names each instance's flow and org unit, not their ids", async () => {
    stubApi(bodyOf);
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/:p(.*)*', name: 'instance-detail', component: InstanceListPage }],
    });
    const global = globalPlugins();
    const wrapper = mount(InstanceListPage, {
      global: { ...global, plugins: [...global.plugins, router] },
    });

    await vi.waitFor(async () => {
      await flushPromises();
      const row = wrapper.find('[data-testid="instances-row"]');
      expect(row.exists()).toBe(true);
      expect(row.text()).toBe('月度计划');
    }, WAIT);
    expect(wrapper.text()).toContain('教工第一党支部');
    expect(wrapper.text()).not.toContain('orglife_monthly_plan');
  });
});
