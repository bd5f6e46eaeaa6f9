import { watch } from 'vue';
import type { RouteLocationNormalized, Router } from 'vue-router';
import { i18n } from '@/locales';
import { useAuthStore } from '@/stores/auth';

/** Starts loading the route's lazy components; the router resolves the same modules later. */
function preloadComponents(to: RouteLocationNormalized): void {
  for (const record of to.matched)
    for (const component of Object.values(record.components ?? {}))
      if (typeof component === 'function')
        void (component as () => Promise<unknown>)().catch(() => undefined);
}

/** "<page> - <app>" in the current language. */
function setTitle(to: RouteLocationNormalized): void {
  const t = i18n.global.t;
  document.title = to.meta.title ? `${t(to.meta.title)} - ${t('app.title')}` : t('app.title');
}

/** Sign-in and role checks before every navigation; the page title after it. */
export function installGuards(router: Router): void {
  router.beforeEach(async (to) => {
    if (to.meta.public) return true;
    const auth = useAuthStore();
    if (!auth.isLoggedIn) return { name: 'login', query: { redirect: to.fullPath } };
    if (!auth.me) {
      // the first navigation: the page's code downloads while /api/me answers, not after it
      preloadComponents(to);
      try {
        await auth.loadMe();
      } catch {
        auth.clear();
        return { name: 'login', query: { redirect: to.fullPath } };
      }
    }
    const needed = to.matched.flatMap((record) => record.meta.roles ?? []);
    if (needed.length && !auth.hasAnyRole(needed)) return { name: 'forbidden' };
    return true;
  });
  router.afterEach(setTitle);
  // a language chosen later (or English loading after the first navigation) retitles the page
  watch(i18n.global.locale, () => setTitle(router.currentRoute.value));
}
