import type { Locale } from '@/locales';
import zhCN from './zh-CN';

/** Values for a template's `{placeholders}`. */
export type TranslateReplacements = Readonly<Record<string, string | number | undefined>>;

/** diagram-js's `translate(template, replacements)` service. */
export type Translate = (template: string, replacements?: TranslateReplacements) => string;

/** English template → translation, per locale; English shows the templates themselves. */
const DICTIONARIES: Readonly<Record<Locale, ReadonlyMap<string, string>>> = {
  'zh-CN': new Map(Object.entries(zhCN)),
  en: new Map(),
};

/**
 * The modeler's `translate`: looks the English template up in the locale's dictionary (an
 * unknown template stays English) and fills in `{placeholders}` like diagram-js's own stub,
 * leaving a placeholder without a value as it is. `locale` may be a getter, so a running
 * modeler can switch language.
 */
export function createTranslate(locale: Locale | (() => Locale)): Translate {
  const current = typeof locale === 'function' ? locale : () => locale;
  return (template, replacements = {}) => {
    const text = DICTIONARIES[current()].get(template) ?? template;
    return text.replace(/{([^}]+)}/g, (placeholder, key: string) => {
      const value = Object.hasOwn(replacements, key) ? replacements[key] : undefined;
      return value === undefined ? placeholder : String(value);
    });
  };
}
