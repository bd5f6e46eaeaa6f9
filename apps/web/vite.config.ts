import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const vueCore =
  /[\\/]node_modules[\\/](\.pnpm[\\/])?(@vue|vue|vue-router|pinia|vue-i18n|@intlify)[@+\\/]/;

const elementPlus =
  /[\\/]node_modules[\\/](\.pnpm[\\/])?(element-plus|@element-plus|@floating-ui|@popperjs|lodash-es|lodash-unified|@vueuse|async-validator|dayjs|memoize-one|normalize-wheel-es)[@+\\/]/;

const appShared =
  /[\\/]apps[\\/]web[\\/]src[\\/](api|components|composables|stores|utils|locales|router|layouts)[\\/]/;

// Few, larger chunks: the vue core, element-plus with its helpers, and the app's shared modules
// (api client, components, stores, layout) each load as one file, and each route adds its own.
// On a phone's slow, high-latency network the number of requests costs more than the bytes
// (HTTP/1.1 fetches six at a time): the inbox loads 7 files instead of 49, for 15% more bytes.
// bpmn-js and echarts are imported only from lazy route components, so they stay in lazy
// chunks. scripts/route-sizes.mjs prints the result; `pnpm bench:web` measures the inbox.
export default defineConfig({
  plugins: [vue()],
  // vue-i18n feature flags: composition API only, no global <i18n-t> components, no devtools.
  define: {
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
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
            { name: 'vue-core', test: vueCore, priority: 20 },
            { name: 'element-plus', test: elementPlus, priority: 10 },
            { name: 'app', test: appShared, priority: 5 },
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
