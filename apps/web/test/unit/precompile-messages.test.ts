import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileMessages } from '../../vite-plugins/precompile-messages';

/**
 * The module's default export, evaluated as the browser would after the build's transform (typed
 * loosely: its messages are nested objects of strings and ASTs).
 */
async function evaluated(code: string): Promise<Record<string, string>> {
  const url = `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`;
  return ((await import(/* @vite-ignore */ url)) as { default: Record<string, string> }).default;
}

const globals = globalThis as { __INTLIFY_DROP_MESSAGE_COMPILER__?: boolean };

describe('messages compiled at build time (vite-plugins/precompile-messages.ts)', () => {
  // the app's build: vue-i18n without its message compiler (vite.config.ts)
  beforeAll(() => (globals.__INTLIFY_DROP_MESSAGE_COMPILER__ = true));
  afterAll(() => (globals.__INTLIFY_DROP_MESSAGE_COMPILER__ = false));

  it('format placeholders, plurals, links and literals without the compiler; plain text stays a string', async () => {
    const source = `export default {
      common: { ok: '确定' },
      inbox: {
        title: '待办事项',
        urged: '{name} 于 {at} 催办',
        items: 'no item | one item | {count} items',
        confirm: '请点击 @:common.ok 按钮',
        mail: "name{'@'}example.org",
      },
    };`;
    const compiled = compileMessages(source, 'src/locales/zh-CN.ts', 'module');
    expect(compiled?.code).toContain(`title: '待办事项'`);
    const { createI18n } = await import('vue-i18n');
    const i18n = createI18n({
      legacy: false,
      locale: 'zh-CN',
      messages: { 'zh-CN': await evaluated(compiled?.code ?? '') },
    });
    const { t } = i18n.global;
    expect(t('inbox.title')).toBe('待办事项');
    expect(t('inbox.urged', { name: '李支书', at: '14:30' })).toBe('李支书 于 14:30 催办');
    expect(t('inbox.items', 2)).toBe('2 items');
    expect(t('inbox.confirm')).toBe('请点击 确定 按钮');
    expect(t('inbox.mail')).toBe('name@example.org');

    // and the same message left as a string is shown raw: what the transform prevents
    const raw = createI18n({
      legacy: false,
      locale: 'zh-CN',
      messages: { 'zh-CN': await evaluated(source) },
    });
    expect(raw.global.t('inbox.urged', { name: '李支书', at: '14:30' })).toBe(
      '{name} 于 {at} 催办',
    );
  });

  it('in a component, compiles only the messages it hands useI18n', () => {
    const component = `const label = 'x {n}';
      const { t } = useI18n({ useScope: 'local', messages: { 'zh-CN': { tasks: '待办 {n} 项' } } });`;
    const code = compileMessages(component, 'src/modules/org/HandoverDialog.vue', 'useI18n')?.code;
    expect(code).toContain(`const label = 'x {n}'`);
    expect(code).toContain(`useScope: 'local'`);
    expect(code).not.toContain(`'待办 {n} 项'`);
  });

  it('fails the build on a message vue-i18n cannot parse, naming it', () => {
    expect(() =>
      compileMessages(`export default { a: '未闭合 {name' };`, 'src/locales/zh-CN.ts', 'module'),
    ).toThrow(/zh-CN\.ts: vue-i18n cannot parse the message "未闭合 \{name"/);
  });

  it('leaves a module without messages to compile as it is', () => {
    expect(compileMessages(`export default { a: '文本' };`, 'x.messages.ts', 'module')).toBeNull();
  });
});
