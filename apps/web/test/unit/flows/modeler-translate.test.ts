import PaletteProvider from 'bpmn-js/lib/features/palette/PaletteProvider';
import { PopupEntries } from 'bpmn-js/lib/features/popup-menu/PopupEntries';
import { describe, expect, it } from 'vitest';
import { isEngineSupported } from '@/modules/flows/modeler/engine-elements';
import translateModule, {
  createTranslate,
  type Translate,
} from '@/modules/flows/modeler/translate';
import GroupTranslate, {
  type GroupsUpdater,
} from '@/modules/flows/modeler/translate/GroupTranslate';
import zhCN from '@/modules/flows/modeler/translate/zh-CN';

const CHINESE = /\p{Script=Han}/u;
const placeholders = (text: string) => [...text.matchAll(/{([^}]+)}/g)].map((m) => m[1]).sort();

/** The palette bpmn-js builds, its services stubbed: creating elements is never triggered. */
function paletteTitles(translate: Translate): string[] {
  const unused = {} as never;
  const provider = new PaletteProvider(
    { registerProvider: () => undefined } as never,
    unused,
    unused,
    unused,
    unused,
    unused,
    unused,
    translate,
  );
  return Object.values(provider.getPaletteEntries()).flatMap((entry) =>
    entry.title ? [entry.title] : [],
  );
}

describe('the flow modeler speaks the app language', () => {
  describe('in zh-CN', () => {
    const translate = createTranslate('zh-CN');

    it('turns the English templates of bpmn-js and the properties panel into Chinese', () => {
      expect(translate('Create start event')).toBe('创建开始事件');
      expect(translate('Append gateway')).toBe('追加网关');
      expect(translate('Exclusive gateway')).toBe('排他网关');
      expect(translate('Timer')).toBe('定时器');
      expect(translate('Assignee')).toBe('办理人');
      expect(translate('Candidate groups')).toBe('候选组');
      expect(translate('Process ID')).toBe('流程标识');
      expect(translate('Condition expression')).toBe('条件表达式');
    });

    it('fills in {placeholders}, in the Chinese text and in templates it does not know', () => {
      expect(translate('Open {element}', { element: '月度计划' })).toBe('打开月度计划');
      expect(translate('List contains {numOfItems} items', { numOfItems: 3 })).toBe('列表共 3 项');
      expect(translate('{eventType}: {type}', { eventType: 'Creating', type: 'notify' })).toBe(
        'Creating：notify',
      );
      expect(translate('Hello {name}', { name: '张三' })).toBe('Hello 张三');
      // a placeholder without a value stays visible, as in diagram-js's own translate
      expect(translate('Start: {type}')).toBe('开始：{type}');
    });

    it('falls back to the English template for strings it does not know', () => {
      expect(translate('Activate the flux capacitor')).toBe('Activate the flux capacitor');
      expect(translate('constructor')).toBe('constructor');
      expect(translate('toString')).toBe('toString');
    });

    it('gives every palette entry a Chinese title', () => {
      const titles = paletteTitles(translate);

      expect(titles).toContain('创建开始事件');
      expect(titles.filter((title) => !CHINESE.test(title))).toEqual([]);
    });

    it('names every element of the replace menu that the engine executes in Chinese', () => {
      const offered = Object.values(PopupEntries)
        .filter(({ target }) => isEngineSupported(target))
        .map(({ label }) => label);

      expect(offered).toContain('Timer boundary event (non-interrupting)');
      const untranslated = offered.filter((label) => !CHINESE.test(translate(label)));
      expect(untranslated).toEqual([]);
    });
  });

  it('in en, returns the English templates, with their placeholders filled in', () => {
    const translate = createTranslate('en');

    expect(translate('Create start event')).toBe('Create start event');
    expect(translate('Open {element}', { element: 'Plan' })).toBe('Open Plan');
    expect(paletteTitles(translate)).toContain('Create start event');
  });

  it('follows a locale getter, so a running modeler can switch language', () => {
    let locale: 'zh-CN' | 'en' = 'zh-CN';
    const translate = createTranslate(() => locale);

    expect(translate('Timer')).toBe('定时器');
    locale = 'en';
    expect(translate('Timer')).toBe('Timer');
  });

  it('keeps each template’s placeholders in its Chinese text', () => {
    const broken = Object.entries(zhCN).filter(
      ([template, text]) => placeholders(template).join() !== placeholders(text).join(),
    );

    expect(broken).toEqual([]);
  });

  it('is a bpmn-js module that provides `translate` and hands it to the properties panel groups', () => {
    const module = translateModule('zh-CN');
    const [kind, translate] = module.translate;
    expect(kind).toBe('value');
    expect(translate('General')).toBe('常规');

    let updater: GroupsUpdater | undefined;
    new GroupTranslate(
      { registerProvider: (_p, provider) => (updater = provider.getGroups({})) },
      translate,
    );
    const groups = updater?.([{ id: 'general' }, { id: 'group-timer' }]) ?? [];

    expect(groups.map((group) => group.translate)).toEqual([translate, translate]);
  });
});
