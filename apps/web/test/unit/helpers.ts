import { mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { localTokenStore } from '@/api/tokens';
import { i18n } from '@/locales';
import TaskPage from '@/modules/tasks/TaskPage.vue';
import { useAuthStore } from '@/stores/auth';

/** Plugins every component test mounts with (zh-CN, the default locale); pass a pinia you set up. */
export function globalPlugins(pinia = createPinia()) {
  i18n.global.locale.value = 'zh-CN';
  return { plugins: [pinia, i18n], stubs: { transition: false } };
}

/** The task page of `taskId`, signed in as `person` (answer its requests by stubbing fetch). */
export function mountTaskPageAs(person: { id: string; name: string }, taskId = 'task-1') {
  const pinia = createPinia();
  useAuthStore(pinia).me = {
    id: person.id,
    username: person.id,
    name: person.name,
    orgUnitId: 'b-1',
    roles: [],
  };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:p(.*)*', component: TaskPage }],
  });
  const global = globalPlugins(pinia);
  return mount(TaskPage, {
    props: { id: taskId },
    global: { ...global, plugins: [...global.plugins, router] },
  });
}

/**
 * Signs in with a dummy token and answers every API request with the JSON `bodyOf` gives for
 * its path (and query), or a 404 problem when it gives `undefined`.
 */
export function stubApi(bodyOf: (url: string) => unknown): void {
  localTokenStore.set({ accessToken: 'a' });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const body = bodyOf(url);
      return new Response(JSON.stringify(body ?? { title: 'Not Found' }), {
        status: body === undefined ? 404 : 200,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
}
