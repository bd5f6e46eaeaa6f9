import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const vueCore =
  /[\\/]node_modules[\\/](\.pnpm[\\/])?(@vue|vue|vue-router|pinia|vue-i18n|@intlify)[@+\\/]/;
const elementPlus =
  /[\\/]node_modules[\\/](\.pnpm[\\/])?(element-plus|@element-plus|@floating-ui|@popperjs|@ctrl|@vueuse|async-validator|dayjs|lodash-es|lodash-unified|memoize-one|normalize-wheel-es)[@+\\/]/;

// element-plus and the vue core land in two shared chunks loaded by every route; bpmn-js and
// echarts are imported only from lazy route components, so they stay in lazy chunks.
export default defineConfig({
  plugins: [vue()],
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
