import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const vueCore =
  /[\\/]node_modules[\\/](\.pnpm[\\/])?(@vue|vue|vue-router|pinia|vue-i18n|@intlify)[@+\\/]/;

// The vue core lands in one shared chunk; element-plus components are imported per file and
// split with the routes that use them (one shared element-plus chunk put every component on
// the inbox's initial load). bpmn-js and echarts are imported only from lazy route
// components, so they stay in lazy chunks. scripts/route-sizes.mjs prints the result.
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
          groups: [{ name: 'vue-core', test: vueCore, priority: 20 }],
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
