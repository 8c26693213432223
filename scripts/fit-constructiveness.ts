// What each candidate feature of the constructiveness formula (src/models/rules/unsubstantial.ts) adds over
// comment length, on Parley's second constructiveness set (src/models/corpus/constructiveness.txt: 522
// comments under 36 articles, marked constructive or not, written with figures in both classes and with
// length decoupled from the label). Never SFU (evaluation only). 5-fold cross-validated ROC-AUC of a
// logistic fit on each candidate set.
//
// A diagnostic, not the fit: on this set length is useless and toxicity decisive, because of how the set was
// written. It decided one thing (2026-11-23): the numbers bonus adds nothing here, so it was dropped.
//
// Then (2026-12-05) the civility term of the formula: with the length term fixed as fitted on the news-civility
// set, each weight of the toxicity penalty is scored on both of our sets — this one (length decoupled from the
// label) and the news-civility dev half (where length alone reaches 0.98; the toxicity model never trained on
// it). The weight kept is the one whose smaller gain over length alone, across the two sets, is largest: a
// term that helps where length already works, and where it does not.
// Run: node --import tsx scripts/fit-constructiveness.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constructiveness, constructivenessFeatures } from '../src/models/rules/unsubstantial.js';
import { newsCivilitySplit } from '../src/models/newsCivility.js';
import { loadScorer, repoRoot } from '../src/models/scorer.js';
import { rocAuc } from '../src/models/metrics.js';
import { shuffled } from '../src/models/datasets.js';

interface Item { text: string; story: string; y: number }

function load(): Item[] {
  const items: Item[] = [];
  let story = '';
  readFileSync(join(repoRoot(), 'src', 'models', 'corpus', 'constructiveness.txt'), 'utf8').split('\n').forEach((line, i) => {
    const head = /^## story (.+)$/.exec(line);
    if (head) { story = head[1].trim(); return; }
    if (!line.trim() || line.startsWith('#')) return;
    const m = /^([+-]) (.+)$/.exec(line);
    if (!m || !story) throw new Error(`constructiveness line ${i + 1}: expected "+ text" or "- text" after a "## story" line`);
    items.push({ text: m[2].trim(), story, y: m[1] === '+' ? 1 : 0 });
  });
  return items;
}

const scorer = loadScorer();
type Row = Record<string, number>;
function featuresOf(it: Item): Row {
  const f = constructivenessFeatures(it.text, undefined, { title: it.story });
  return {
    log_chars: Math.log1p(f.chars),
    numbers: Math.min(f.numbers, 3),
    story_words: Math.log1p(f.story_words),
    connectives: Math.log1p(f.connectives),
    toxicity: scorer.score(it.text).toxicity.score,
  };
}

/** Logistic regression by gradient descent on standardised features; returns weights on the raw features. */
function fit(X: number[][], y: number[], l2 = 1e-3): { w: number[]; b: number } {
  const d = X[0].length;
  const mean = Array.from({ length: d }, (_, j) => X.reduce((s, x) => s + x[j], 0) / X.length);
  const sd = Array.from({ length: d }, (_, j) => Math.sqrt(X.reduce((s, x) => s + (x[j] - mean[j]) ** 2, 0) / X.length) || 1);
  const Z = X.map((x) => x.map((v, j) => (v - mean[j]) / sd[j]));
  const w = new Array(d).fill(0);
  let b = 0;
  for (let it = 0; it < 3000; it++) {
    const gw = new Array(d).fill(0);
    let gb = 0;
    Z.forEach((z, i) => {
      const p = 1 / (1 + Math.exp(-(b + z.reduce((s, v, j) => s + v * w[j], 0))));
      const e = p - y[i];
      gb += e;
      z.forEach((v, j) => (gw[j] += e * v));
    });
    for (let j = 0; j < d; j++) w[j] -= 0.5 * (gw[j] / Z.length + l2 * w[j]);
    b -= 0.5 * (gb / Z.length);
  }
  const raw = w.map((v, j) => v / sd[j]);
  return { w: raw, b: b - raw.reduce((s, v, j) => s + v * mean[j], 0) };
}

const CANDIDATES: string[][] = [
  ['log_chars'],
  ['log_chars', 'numbers'],
  ['log_chars', 'story_words'],
  ['log_chars', 'connectives'],
  ['log_chars', 'toxicity'],
  ['log_chars', 'story_words', 'connectives', 'toxicity'],
  ['log_chars', 'numbers', 'story_words', 'connectives', 'toxicity'],
];

const items = load();
const rows = items.map(featuresOf);
const y = items.map((it) => it.y);
console.log(`${items.length} comments (${y.filter((v) => v).length} constructive) under ${new Set(items.map((i) => i.story)).size} stories`);
const order = shuffled(items.map((_, i) => i), 20261126);
const folds = 5;
for (const names of CANDIDATES) {
  const aucs: number[] = [];
  for (let k = 0; k < folds; k++) {
    const test = order.filter((_, i) => i % folds === k);
    const train = order.filter((_, i) => i % folds !== k);
    const m = fit(train.map((i) => names.map((n) => rows[i][n])), train.map((i) => y[i]));
    aucs.push(rocAuc(test.map((i) => y[i]), test.map((i) => m.b + names.reduce((s, n, j) => s + m.w[j] * rows[i][n], 0))));
  }
  const auc = aucs.reduce((a, b) => a + b, 0) / folds;
  console.log(`${auc.toFixed(4)}  ${names.join(' + ')}`);
}

// The civility term: length fixed, toxicity penalty weight t, on both of our sets.
const news = newsCivilitySplit().dev.map((e) => ({ text: e.text, y: e.constructive }));
const sets = [
  { name: 'constructiveness set', y, items: items.map((it, i) => ({ f: constructivenessFeatures(it.text, undefined, { title: it.story }), toxicity: rows[i].toxicity })) },
  { name: 'news-civility dev half', y: news.map((e) => e.y), items: news.map((e) => ({ f: constructivenessFeatures(e.text), toxicity: scorer.score(e.text).toxicity.score })) },
];
const aucAt = (set: (typeof sets)[number], t: number) => rocAuc(set.y, set.items.map(({ f, toxicity }) => constructiveness(f, toxicity, t)));
const lengthAlone = sets.map((set) => aucAt(set, 0));
let chosen = { t: 0, gain: 0 };
console.log(`\ncivility weight t (constructiveness = length − t·toxicity in logit space): ROC-AUC on ${sets.map((s) => s.name).join(' / ')}`);
for (const t of [0, 1, 2, 3, 4, 5, 6, 8]) {
  const aucs = sets.map((set) => aucAt(set, t));
  const gain = Math.min(...aucs.map((a, i) => a - lengthAlone[i]));
  if (gain > chosen.gain) chosen = { t, gain };
  console.log(`t=${t}  ${aucs.map((a) => a.toFixed(4)).join(' / ')}  smaller gain ${gain >= 0 ? '+' : ''}${gain.toFixed(4)}`);
}
console.log(`kept: t=${chosen.t}`);
