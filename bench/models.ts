// `npm run bench models`: model load time and per-comment scoring time (median, p99) of the scorer,
// on a few thousand comments (from ../shared/datasets when present, else built-in samples).
import { join } from 'node:path';
import { hasDatasets, loadJigsaw, loadUcc, rng } from '../src/models/datasets.js';
import { measureLatency } from '../src/models/evaluate.js';
import { loadScorer, repoRoot } from '../src/models/scorer.js';

const SAMPLES = [
  'Thanks for this article, the numbers on the transit budget were really useful.',
  'You are a complete idiot and everyone here knows it.',
  'I agree 100%',
  'Check out my channel for free gift cards!!! http://example.com/free',
  'The council should have published the full report before the vote. Why the secrecy?',
  'What a load of garbage, the author clearly never set foot in the city.',
  'Great points. I lived there for ten years and the housing costs doubled in that time.',
  'Go back to where you came from, nobody wants your kind here.',
  'This is the best news I have read all week.',
  'If the province cut the subsidy, fares will rise; the article explains this well.',
];

/** A few thousand comments: real ones when the datasets are there, else the samples recombined. */
function comments(): { texts: string[]; source: string } {
  const dir = join(repoRoot(), '../shared/datasets');
  if (hasDatasets(dir)) {
    const texts = [...loadJigsaw(dir).test, ...loadUcc(dir).hostile.slice(0, 3000)].map((e) => e.text);
    return { texts, source: `${texts.length} comments from ${dir} (Jigsaw test + UCC)` };
  }
  const rand = rng(1);
  const texts = Array.from({ length: 3000 }, () => {
    const n = 1 + Math.floor(rand() * 3);
    return Array.from({ length: n }, () => SAMPLES[Math.floor(rand() * SAMPLES.length)]).join(' ');
  });
  return { texts, source: `${texts.length} built-in sample comments` };
}

export async function benchModels(): Promise<Record<string, number>> {
  const t0 = performance.now();
  const scorer = loadScorer();
  const loadMs = performance.now() - t0;
  const { texts, source } = comments();
  const { p50, p99 } = measureLatency(scorer, texts);
  const rows: [string, number, string][] = [
    ['model load (ms)', loadMs, '≤ 300'],
    ['score per comment, median (ms)', p50, '≤ 0.2'],
    ['score per comment, p99 (ms)', p99, '≤ 2'],
  ];
  console.log(`scorer on ${source}, one core`);
  for (const [name, value, target] of rows) console.log(`  ${name.padEnd(32)} ${value.toFixed(3).padStart(9)}   target ${target}`);
  return { load_ms: loadMs, score_p50_ms: p50, score_p99_ms: p99, comments: texts.length };
}

if (import.meta.url === `file://${process.argv[1]}`) await benchModels();
