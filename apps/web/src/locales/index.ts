import elementPlusZhCn from 'element-plus/es/locale/lang/zh-cn.mjs';
import type { Language } from 'element-plus/es/locale/index.mjs';
import { shallowRef } from 'vue';
import { createI18n } from 'vue-i18n';
import zhCN, { type Messages } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const KEY = 'orglife.locale';

/** The language chosen last time on this device (zh-CN unless it was en). */
export function storedLocale(): Locale {
  return globalThis.localStorage?.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
}

// Only zh-CN, the default, ships with the first screen; English loads when it is chosen.
export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN } as Record<Locale, Messages>,
});

/** Element Plus's own texts (pager, pickers, empty states) in the app's language. */
export const elementPlusLocale = shallowRef<Language>(elementPlusZhCn);
const elementPlusLocales: Partial<Record<Locale, Language>> = { 'zh-CN': elementPlusZhCn };

async function loadMessages(locale: Locale): Promise<void> {
  if (elementPlusLocales[locale]) return;
  const english = await import('./en-bundle');
  i18n.global.setLocaleMessage('en', english.messages);
  elementPlusLocales.en = english.elementPlus;
}

/**
 * Switches the app to `locale` once its messages have loaded (all texts change at once) and
 * remembers it on this device; rejects, leaving the language as it was, when they cannot load.
 */
export async function setLocale(locale: Locale, remember = true): Promise<void> {
  await loadMessages(locale);
  i18n.global.locale.value = locale;
  elementPlusLocale.value = elementPlusLocales[locale] ?? elementPlusZhCn;
  if (remember) localStorage.setItem(KEY, locale);
  document.documentElement.lang = locale;
}
