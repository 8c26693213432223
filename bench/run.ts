// `npm run bench`: every benchmark of Parley, one after the other, each printing its own table.
// Targets (issue 2 and 3) are printed beside the measured medians; nothing here asserts.
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';

type Bench = () => Promise<Record<string, number>>;

const suites: [string, string, string][] = [
  ['models', './models.ts', 'benchModels'],
  ['pipeline', './pipeline.ts', 'benchPipeline'],
  ['server', './server.ts', 'benchServer'],
];

const only = process.argv.slice(2);
const results: Record<string, Record<string, number>> = {};
for (const [name, file, fn] of suites) {
  if (only.length && !only.includes(name)) continue;
  const path = new URL(file, import.meta.url);
  if (!existsSync(path)) {
    console.log(`\n## ${name}: not present (${file})`);
    continue;
  }
  console.log(`\n## ${name}`);
  const mod = (await import(pathToFileURL(path.pathname).href)) as Record<string, Bench>;
  results[name] = await mod[fn]();
}
console.log('\n## summary (JSON)');
console.log(JSON.stringify(results, null, 2));
