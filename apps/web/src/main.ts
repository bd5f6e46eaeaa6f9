// Element Plus's variables first, so main.css's colours override them; each component's own
// stylesheet comes with its import (unplugin-element-plus, vite.config.ts). v-loading is a
// directive, which the plugin does not see.
import 'element-plus/theme-chalk/base.css';
import 'element-plus/es/components/loading/style/css';
import './styles/main.css';
import { createPinia } from 'pinia';
import { createApp, nextTick } from 'vue';
import { dropPrefetched, markStarted } from './api/prefetched';
import { onSessionExpired } from './api/request';
import App from './App.vue';
import { i18n, setLocale, storedLocale } from './locales';
import { createAppRouter } from './router';
import { useAuthStore } from './stores/auth';

markStarted();
const app = createApp(App);
const pinia = createPinia();
const router = createAppRouter();
app.use(pinia).use(i18n).use(router);

onSessionExpired(() => {
  useAuthStore(pinia).clear();
  const current = router.currentRoute.value;
  if (current.name !== 'login') {
    void router.push({ name: 'login', query: { redirect: current.fullPath } });
  }
});

// in English the first paint waits for the English messages (a lazy chunk); should they fail to
// load, the app starts in Chinese
const locale = storedLocale();
if (locale === 'zh-CN') app.mount('#app');
else
  void setLocale(locale, false)
    .catch(() => undefined)
    .then(() => app.mount('#app'));
// once the first page has mounted (and asked for its data), early answers left over are dropped
void router
  .isReady()
  .then(
    () => nextTick(),
    () => undefined,
  )
  .then(() => setTimeout(dropPrefetched));
