// Bundles the server (dist/parley.js) and the browser code (dist/web/*.js) with esbuild.
// No type check here (that is `npm run typecheck`), so a build takes well under a second.
import { build } from 'esbuild';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

mkdirSync('dist/web', { recursive: true });

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/parley.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

// Browser bundles: [entry, output]. Entries that do not exist yet are skipped.
const web = [
  ['web/embed/index.tsx', 'dist/web/embed.js'],
  ['web/embed/count.ts', 'dist/web/count.js'],
  ['web/admin/index.tsx', 'dist/web/admin.js'],
].filter(([entry]) => existsSync(entry));

for (const [entry, outfile] of web) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    loader: { '.css': 'text' },
    legalComments: 'none',
    logLevel: 'warning',
  });
}

for (const [, outfile] of web) {
  const bytes = readFileSync(outfile);
  const gz = gzipSync(bytes, { level: 9 }).length;
  console.log(`${outfile}: ${(bytes.length / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(2)} KB gzipped`);
}
