import type { RouteRecordRaw } from 'vue-router';

/**
 * Every feature folder contributes `src/modules/<name>/routes.ts` with a default export of
 * route records (components lazy-loaded with `() => import(...)`). They are mounted under the
 * signed-in layout.
 */
const found = import.meta.glob<RouteRecordRaw[]>('../modules/*/routes.ts', {
  eager: true,
  import: 'default',
});

export const moduleRoutes: RouteRecordRaw[] = Object.keys(found)
  .sort()
  .flatMap((key) => found[key] ?? []);
