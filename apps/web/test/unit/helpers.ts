import { createPinia } from 'pinia';
import { i18n } from '@/locales';

/** Plugins every component test mounts with (zh-CN, the default locale). */
export function globalPlugins() {
  i18n.global.locale.value = 'zh-CN';
  return { plugins: [createPinia(), i18n], stubs: { transition: false } };
}
