// Fails (exit 1) on any import cycle in the TypeScript and Vue sources: type-only imports
// count too, so a cycle cannot hide behind `import type`. Runs madge's API over each
// source tree (a few seconds in all); `pnpm test` runs it right after lint.
// Usage: node test/check-cycles.mjs [dir …]   (default: every source tree below)
import madge from 'madge';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const TREES = {
  'packages/engine/src': {},
  'apps/api/src': {},
  'apps/web/src': {
    // The web app's `@/…` alias (apps/web/tsconfig.json), spelled out for madge's resolver.
    tsConfig: {
      compilerOptions: {
        baseUrl: path.join(root, 'apps/web'),
        paths: { '@/*': ['./src/*'] },
        moduleResolution: 'node',
        module: 'esnext',
      },
    },
  },
};

const dirs = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(TREES);
let cycles = 0;
for (const dir of dirs) {
  const result = await madge(path.resolve(root, dir), {
    fileExtensions: ['ts', 'vue'],
    excludeRegExp: [/\.d\.ts$/],
    detectiveOptions: { ts: { skipTypeImports: false }, vue: {} },
    ...(TREES[dir] ?? {}),
  });
  const found = result.circular();
  const modules = Object.keys(result.obj()).length;
  for (const cycle of found)
    console.error(`import cycle in ${dir}: ${[...cycle, cycle[0]].join(' → ')}`);
  console.log(`${dir}: ${modules} modules, ${found.length} import cycles`);
  cycles += found.length;
}
if (cycles > 0) {
  console.error(
    `${cycles} import cycles; break each so that no module imports back into one that imports it`,
  );
  process.exit(1);
}
