import type { Locale } from '@/locales';
import GroupTranslate from './GroupTranslate';
import { createTranslate, type Translate } from './translate';

export { createTranslate, type Translate, type TranslateReplacements } from './translate';

/**
 * bpmn-js module: replaces diagram-js's `translate` (palette, context pad, popup menus,
 * properties panel) with one that speaks `locale`, and hands it to the properties panel's
 * groups. Needs the properties panel module.
 */
export default function translateModule(locale: Locale | (() => Locale)) {
  return {
    __init__: ['groupTranslate'],
    translate: ['value', createTranslate(locale)] as ['value', Translate],
    groupTranslate: ['type', GroupTranslate] as ['type', typeof GroupTranslate],
  };
}
