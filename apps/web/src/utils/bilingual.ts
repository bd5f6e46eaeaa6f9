import { i18n, type Locale } from '@/locales';

// "二级党组织审批 Committee approval": a Chinese name, a space, then its English translation.
const BILINGUAL = /^(.*[\u3400-\u9fff\uff00-\uffef）】》].*?)\s+([A-Za-z][\x20-\x7e]*)$/;

/**
 * The half of a flow's bilingual name (as the BPMN carries it) for `locale`: the Chinese half in
 * zh-CN, the English half in en. A name in one language only is shown as it is.
 */
export function localName(name: string, locale: Locale = i18n.global.locale.value): string {
  const match = BILINGUAL.exec(name.trim());
  if (!match) return name;
  return locale === 'en' ? match[2]! : match[1]!;
}
