#!/usr/bin/env node
// Prints each route's initial JavaScript (gzip) from the vite build manifest: the entry chunk,
// the layout for routes inside it, the route's component chunk, and their static imports.
// Lazy imports (bpmn-js, echarts) are not counted: they load when a page asks for them.
// Usage: node scripts/route-sizes.mjs [distDir]   (after `vite build`; default apps/web/dist)
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LAYOUT = 'src/layouts/BasicLayout.vue';

/**
 * Route path → component source, from `path: '…'` … `import('./X.vue')` in route files, or a
 * component imported statically (`import X from './X.vue'` … `component: X`), which loads with
 * the entry.
 */
export function routeComponents(root = webRoot) {
  const files = [join(root, 'src/router/index.ts')];
  const modules = join(root, 'src/modules');
  for (const name of readdirSync(modules)) files.push(join(modules, name, 'routes.ts'));
  const routes = [];
  for (const file of files) {
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const staticImports = new Map(
      [...text.matchAll(/^import (\w+) from '([^']+\.vue)';$/gm)].map((m) => [m[1], m[2]]),
    );
    const componentPattern = /component:\s*(?:\(\)\s*=>\s*import\(\s*'([^']+)'\s*\)|(\w+))/g;
    for (const match of text.matchAll(componentPattern)) {
      const spec = match[1] ?? staticImports.get(match[2] ?? '');
      if (!spec) continue;
      const paths = [...text.slice(0, match.index).matchAll(/path:\s*'([^']+)'/g)].map((m) => m[1]);
      const own = paths.at(-1);
      if (!own) continue;
      // a child route's relative path hangs under the last absolute path before it
      const parent = paths.findLast((p) => p.startsWith('/')) ?? '';
      const path = own.startsWith('/') ? own : `${parent.replace(/\/$/, '')}/${own}`;
      const source = spec.startsWith('@/')
        ? join('src', spec.slice(2))
        : relative(root, resolve(dirname(file), spec));
      routes.push({ path, source: source.split('\\').join('/'), lazy: match[1] !== undefined });
    }
  }
  return routes;
}

/** Manifest keys of a chunk and everything it imports statically. */
function staticClosure(manifest, key, seen = new Set()) {
  if (seen.has(key) || !manifest[key]) return seen;
  seen.add(key);
  for (const imported of manifest[key].imports ?? []) staticClosure(manifest, imported, seen);
  return seen;
}

/** One row per route: its initial JS files and their gzip size in bytes. */
export function routeSizes(distDir = join(webRoot, 'dist'), root = webRoot) {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite/manifest.json'), 'utf8'));
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
  if (!entry) throw new Error(`no entry chunk in ${distDir}/.vite/manifest.json`);
  const gzipped = new Map();
  const gzipSize = (file) => {
    if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(join(distDir, file))).length);
    return gzipped.get(file);
  };
  return routeComponents(root)
    .filter(({ source, lazy }) => (!lazy || manifest[source]) && source !== LAYOUT)
    .map(({ path, source }) => {
      const keys = staticClosure(manifest, entry);
      if (source.startsWith('src/modules/')) staticClosure(manifest, LAYOUT, keys);
      staticClosure(manifest, source, keys);
      const files = [...keys]
        .map((key) => manifest[key].file)
        .filter((file) => file.endsWith('.js'));
      const gzipBytes = files.reduce((sum, file) => sum + gzipSize(file), 0);
      return { path, source, files, gzipBytes };
    });
}

export function formatTable(rows) {
  const kb = (bytes) => (bytes / 1000).toFixed(1);
  const lines = [
    '| route | component | initial JS files | gzip (kB) |',
    '|---|---|---:|---:|',
    ...rows.map(
      (r) =>
        `| \`${r.path}\` | ${r.source.replace(/^src\//, '')} | ${r.files.length} | ${kb(r.gzipBytes)} |`,
    ),
  ];
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const distDir = process.argv[2] ? resolve(process.argv[2]) : undefined;
  console.log(formatTable(routeSizes(distDir)));
}
