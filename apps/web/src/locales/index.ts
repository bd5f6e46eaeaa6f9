import { createI18n } from 'vue-i18n';
import en from './en';
import zhCN, { type Messages } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const KEY = 'orglife.locale';

function initialLocale(): Locale {
  const stored = globalThis.localStorage?.getItem(KEY);
  return stored === 'en' ? 'en' : 'zh-CN';
}

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(KEY, locale);
  document.documentElement.lang = locale;
}
