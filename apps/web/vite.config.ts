import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import ElementPlus from 'unplugin-element-plus/vite';
import { defineConfig } from 'vite';
import { precompileMessages } from './vite-plugins/precompile-messages';

const vueCore =
  /[\\/]node_modules[\\/](\.pnpm[\\/])?(@vue|vue|vue-router|pinia|vue-i18n|@intlify)[@+\\/]/;

const elementPlus =
  /[\\/]node_modules[\\/](\.pnpm[\\/])?(element-plus|@element-plus|@floating-ui|@popperjs|@sxzz|@ctrl|lodash-es|lodash-unified|@vueuse|memoize-one)[@+\\/]/;

/**
 * Element Plus components no page needs before its first paint (tables, pickers, trees, forms and
 * their validator, dialogs...). They stay out of the shared element-plus chunk and load with the
 * routes, or the lazy parts of routes, that use them; the inbox imports its table (desktop only),
 * org-unit picker and date picker on demand.
 */
const onDemandComponents = [
  'table',
  'table-column',
  'date-picker',
  'date-picker-panel',
  'time-picker',
  'time-select',
  'tree',
  'tree-select',
  'tree-v2',
  'select-v2',
  'virtual-list',
  'cascader',
  'cascader-panel',
  'color-picker',
  'upload',
  'image',
  'image-viewer',
  'input-tag',
  'input-number',
  'rate',
  'slider',
  'descriptions',
  'timeline',
  'dialog',
  'message-box',
  'progress',
  'form',
  'collapse',
  'popconfirm',
  'switch',
  'radio',
  'card',
  // the shell's menu and drawer, and the inbox's filters, tabs and pager: after the first paint
  'select',
  'dropdown',
  'drawer',
  'menu',
  'tabs',
  'pagination',
  'tooltip',
  'popper',
  'scrollbar',
  'checkbox',
  'input',
  'focus-trap',
  'roving-focus-group',
  'collection',
].join('|');
const elementPlusOnDemand = new RegExp(
  String.raw`[\/](element-plus[\/]es[\/]components[\/](${onDemandComponents})[\/]|element-plus[\/]theme-chalk[\/]el-(${onDemandComponents}|option|option-group|sub-menu|menu-item|menu-item-group|tab-pane|dropdown-menu|dropdown-item|checkbox-group|checkbox-button|popper|overlay)\.css$|async-validator|dayjs|normalize-wheel-es)`,
);

const entry = /[\\/]apps[\\/]web[\\/]src[\\/]main\.ts$/;
const appShared =
  /[\\/]apps[\\/]web[\\/]src[\\/](api|components|composables|stores|utils|locales|router|layouts)[\\/]/;
/**
 * Shared components built on on-demand Element Plus parts: they load with the pages using them;
 * and the English messages, which load when English is chosen (src/locales/index.ts).
 */
const appOnDemand =
  /[\\/](components[\\/](OrgUnitSelect|SheetRowErrors|ListPager|PhotoThumb)|layouts[\\/]components[\\/]SideMenu)\.vue|[\\/]locales[\\/]en(-bundle)?\.ts$/;

// The first screen's code in one chunk: every module the entry imports statically (rolldown's
// `$initial` tag, after tree shaking), which includes the signed-in layout and the inbox. On a
// phone's slow, high-latency network requests cost more than bytes: HTTP/1.1 opens six
// connections, and the seventh file waits a round trip (562 ms on slow 4G) for a free one, so the
// inbox starts with the entry chunk (which takes in the group), rolldown's small runtime and one
// stylesheet. What the other
// pages share (the rest of Element Plus but its on-demand parts, the app's shared modules) goes
// in a second chunk that loads with the first of them; bpmn-js, echarts and the on-demand
// Element Plus parts are imported only from lazy components, so they stay in lazy chunks.
// scripts/route-sizes.mjs prints the result; `pnpm bench:web` measures the inbox.
export default defineConfig({
  // Each `import { ElX } from 'element-plus'` brings that component's stylesheet along
  // (element-plus/es/components/x/style/css), so a page downloads the CSS of the components it
  // uses instead of the whole 360 kB theme.
  // The messages are compiled at build time (vite-plugins/precompile-messages.ts).
  plugins: [vue(), ElementPlus({}), precompileMessages()],
  // vue-i18n feature flags: composition API only, no global <i18n-t> components, no devtools,
  // and no message compiler: the messages arrive compiled.
  define: {
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __INTLIFY_DROP_MESSAGE_COMPILER__: true,
  },
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: scripts/route-sizes.mjs reads each route's initial chunks from it.
    manifest: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'shared', tags: ['$initial'], test: (id) => !entry.test(id), priority: 1 },
            {
              name: 'common',
              test: (id) =>
                vueCore.test(id) ||
                (elementPlus.test(id) && !elementPlusOnDemand.test(id)) ||
                (appShared.test(id) && !appOnDemand.test(id)),
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: true } },
  },
  preview: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: true } },
  },
});
