// The learning half of the models: metrics against hand-computed values, the learner on a synthetic
// set, deterministic features, CSV parsing and seeded splits. Needs no ../shared data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestF1Threshold, f1At, percentile, prAuc, rocAuc, rocPoints } from '../src/models/metrics.js';
import { decodeModel, encodeModel, predict, trainLogistic, type SparseVec } from '../src/models/learner.js';
import { featurize, HASH_DIM, OWN_DENSE } from '../src/models/features.js';
import { parseCsv, rng, split, cleanTweet, stripWikiMarkup } from '../src/models/datasets.js';
import { TfidfBaseline } from '../src/models/baseline.js';

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} ≠ ${b}`);

test('ROC-AUC, PR-AUC and F1 match hand-computed values', () => {
  const y = [1, 0, 1, 0];
  const s = [0.9, 0.8, 0.4, 0.1];
  // positive/negative pairs ranked correctly: (0.9>0.8) (0.9>0.1) (0.4>0.1), wrong: (0.4<0.8) → 3/4
  close(rocAuc(y, s), 0.75);
  // precision at each positive: 1/1 at recall 0.5, 2/3 at recall 1 → 0.5·1 + 0.5·2/3
  close(prAuc(y, s), 0.5 + 0.5 * (2 / 3));
  // ≥ 0.5 predicts {0.9, 0.8}: tp 1, fp 1, fn 1 → 2/(2+1+1)
  close(f1At(y, s, 0.5), 0.5);
  // best F1 threshold: ≥ 0.4 gives tp 2, fp 1 → 0.8
  const best = bestF1Threshold(y, s);
  close(best.f1, 0.8);
  close(best.threshold, 0.4);
  assert.deepEqual(rocPoints(y, s), [[0, 0], [0, 0.5], [0.5, 0.5], [0.5, 1], [1, 1]]);
});

test('metrics count ties as one half and say NaN when a class is missing', () => {
  close(rocAuc([1, 0], [0.5, 0.5]), 0.5);
  close(rocAuc([1, 0, 1], [0.7, 0.7, 0.2]), 0.25);
  assert.ok(Number.isNaN(rocAuc([1, 1], [0.2, 0.3])));
  close(rocAuc([0, 1], [0.1, 0.9]), 1);
  close(percentile([5, 1, 3, 2, 4], 50), 3);
  close(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99), 10);
});

function synthetic(n: number, seed: number): { X: SparseVec[]; y: number[] } {
  const rand = rng(seed);
  const X: SparseVec[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = rand() < 0.5 ? 1 : 0;
    const idx = [label ? 1 + Math.floor(rand() * 5) : 10 + Math.floor(rand() * 5)]; // class-specific feature
    for (let k = 0; k < 4; k++) idx.push(20 + Math.floor(rand() * 50)); // noise shared by both classes
    X.push({ idx: Int32Array.from(idx), val: Float32Array.from(idx.map(() => 0.5)) });
    y.push(label);
  }
  return { X, y };
}

test('the learner separates a small synthetic set, with and without NB scaling', () => {
  const train = synthetic(400, 1);
  const held = synthetic(200, 2);
  for (const nb of [false, true]) {
    const model = trainLogistic(train.X, train.y, 100, { epochs: 5, lr: 0.2, l2: 1e-4, nb });
    const auc = rocAuc(held.y, held.X.map((x) => predict(model, x)));
    assert.ok(auc > 0.99, `held-out AUC ${auc} (nb=${nb})`);
    // the class-specific features carry the sign of their class
    assert.ok(model.w[1] > 0 && model.w[10] < 0);
  }
});

test('int16 model files round-trip within quantization error', () => {
  const w = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 3);
  const back = decodeModel(encodeModel({ w, b: -0.25 }));
  close(back.b, -0.25, 1e-6);
  assert.equal(back.w.length, 1000);
  for (let i = 0; i < 1000; i++) close(back.w[i], w[i], 3 / 32767 + 1e-6);
  assert.throws(() => decodeModel(Buffer.from('nope nope nope nope')), /not a Parley model/);
});

test('features are deterministic, L2-normalized per block, and see through obfuscation', () => {
  const text = 'You are a complete IDIOT!!! Read the article before commenting.';
  const a = featurize(text);
  const b = featurize(text);
  assert.deepEqual([...a.vec.idx], [...b.vec.idx]);
  assert.deepEqual([...a.vec.val], [...b.vec.val]);
  // hashed part: word block + char block, each of unit length → squared sum 2
  let sq = 0;
  for (let k = 0; k < a.vec.idx.length; k++) if (a.vec.idx[k] < HASH_DIM) sq += a.vec.val[k] ** 2;
  close(sq, 2, 1e-4);
  // dense slots come after the hash space, in OWN_DENSE order
  const caps = a.vec.idx.indexOf(HASH_DIM + OWN_DENSE.indexOf('caps_ratio'));
  assert.ok(caps >= 0 && a.vec.val[caps] > 0);
  // an obfuscated word gives the same word features as the plain one
  const plain = featurize('what a moron');
  const masked = featurize('what a m0r0n');
  assert.deepEqual([...masked.vec.idx].filter((j) => j < HASH_DIM).sort(), [...plain.vec.idx].filter((j) => j < HASH_DIM).sort());
});

test('CSV parser handles quotes, doubled quotes, newlines in fields and other separators', () => {
  const rows = parseCsv('\ufeffa,b\n"x, ""quoted""","multi\nline"\r\nplain,\n');
  assert.deepEqual(rows, [['a', 'b'], ['x, "quoted"', 'multi\nline'], ['plain', '']]);
  assert.deepEqual(parseCsv('comment;isHate\nhello; world;0.5\n', ';'), [['comment', 'isHate'], ['hello', ' world', '0.5']]);
  assert.equal(cleanTweet('RT @someone: so &amp; so http://t.co/x'), 'so & so');
  assert.equal(stripWikiMarkup("== Hi ==\n:::You are [[User:X|X]] wrong. 12:30, 5 May 2008 (UTC) {{unsigned}}"), 'Hi You are X wrong.');
});

test('splits are seeded: same seed same split, disjoint parts, all items kept', () => {
  const items = Array.from({ length: 100 }, (_, i) => i);
  const a = split(items, 42, 0.8, 0.1);
  const b = split(items, 42, 0.8, 0.1);
  assert.deepEqual(a, b);
  assert.equal(a.train.length, 80);
  assert.equal(a.val.length, 10);
  assert.deepEqual([...a.train, ...a.val, ...a.test].sort((x, y) => x - y), items);
  assert.notDeepEqual(split(items, 43, 0.8, 0.1).train, a.train);
});

test('the TF-IDF baseline learns a toy task and picks its threshold on validation', () => {
  const pos = ['you are an idiot', 'shut up idiot', 'idiot troll go away', 'what an idiot you are'];
  const neg = ['thanks for the article', 'good points in the article', 'i agree with the mayor', 'the budget is fine'];
  const train = [...pos, ...neg, ...pos, ...neg].map((text, i) => ({ text, y: i % 8 < 4 ? 1 : 0 }));
  const base = new TfidfBaseline().fit(train, train);
  assert.ok(base.predict('such an idiot') > base.predict('nice article'));
  assert.ok(base.threshold > 0 && base.threshold < 1);
});
