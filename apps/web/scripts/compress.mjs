// After `vite build`: writes a brotli (.br) and a gzip (.gz) copy beside every text file of
// dist/, which the API sends to browsers that accept them (@fastify/static preCompressed): the
// inbox's scripts and styles cross a slow phone network at a third of their size.
//   node scripts/compress.mjs [DIR]   (default dist/)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? new URL('../dist/', import.meta.url).pathname;
const TEXT = /\.(js|mjs|css|html|svg|json|txt|map)$/;

let raw = 0;
let brotli = 0;
for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !TEXT.test(entry.name)) continue;
  const path = join(entry.parentPath, entry.name);
  const content = readFileSync(path);
  if (content.length < 1024) continue;
  const br = brotliCompressSync(content, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
    },
  });
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
  raw += content.length;
  brotli += br.length;
}
console.log(
  `compressed dist: ${Math.round(raw / 1024)} KiB → ${Math.round(brotli / 1024)} KiB brotli`,
);
