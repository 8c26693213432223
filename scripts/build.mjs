// Bundles the server (dist/parley.js) and the browser code (dist/web/*.js) with esbuild.
// No type check here (that is `npm run typecheck`), so a build takes well under a second.
import { build } from 'esbuild';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

mkdirSync('dist/web', { recursive: true });

// `--web-only` rebuilds just the browser bundles (quick iteration on web/).
const webOnly = process.argv.includes('--web-only');

/** Every dependency is external except these pure-JS ones, bundled for a faster cold start. */
function serverExternals() {
  const inline = new Set(['kysely', 'zod', 'markdown-it', 'sanitize-html', 'commander', 'htmlparser2', 'domutils', 'domhandler']);
  const deps = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).dependencies ?? {});
  return deps.filter((d) => !inline.has(d)).flatMap((d) => [d, `${d}/*`]);
}

if (!webOnly) await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/parley.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Dependencies stay in node_modules, except pure-JS ones made of many small ES modules: inlining
  // those halves start-up (kysely alone costs ~200 ms of module resolution). See serverExternals().
  external: serverExternals(),
  banner: { js: "import { createRequire as __parleyRequire } from 'node:module'; const require = __parleyRequire(import.meta.url);" },
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

// Size budgets (gzipped): the embed carries its CSS inside the JS, so embed.js is "JS + CSS".
// For comparison, the Waline client 3.13.0 (dist/waline.js + dist/waline.css, from
// `npm pack @waline/client`, not committed) is 71.2 KB + 4.7 KB = 75.9 KB gzipped (level 9),
// and its comment-count script (dist/comment.js) 0.65 KB.
const BUDGETS = { 'dist/web/embed.js': 20 * 1024, 'dist/web/count.js': 1024 };
let overBudget = false;
for (const [, outfile] of web) {
  const bytes = readFileSync(outfile);
  const gz = gzipSync(bytes, { level: 9 }).length;
  const budget = BUDGETS[outfile];
  const verdict = budget ? (gz <= budget ? ` (budget ${(budget / 1024).toFixed(0)} KB: ok)` : ` (OVER the ${(budget / 1024).toFixed(0)} KB budget)`) : '';
  if (budget && gz > budget) overBudget = true;
  console.log(`${outfile}: ${(bytes.length / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(2)} KB gzipped${verdict}`);
}
if (overBudget) process.exit(1);
