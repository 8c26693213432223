// The word vectors (models/embeddings.bin) and the small network on them: the lookup finds every
// vocabulary word and nothing else, the vectors carry meaning, pooling is what it says, and the network
// learns what a linear model cannot. Needs no ../shared data (the vectors are committed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeEmbeddings, pool, pooledSize, type Embeddings } from '../src/models/embeddings.js';
import { decodeMlp, encodeMlp, mlpLogit, trainMlp } from '../src/models/mlp.js';
import { rng } from '../src/models/datasets.js';
import { rocAuc } from '../src/models/metrics.js';
import { words } from '../src/models/features.js';
import { defaultModelsDir, loadScorer } from '../src/models/scorer.js';
import type { Manifest } from '../src/models/train.js';

const file = readFileSync(join(defaultModelsDir(), 'embeddings.bin'));
const emb = decodeEmbeddings(file);

function vector(e: Embeddings, word: string): number[] {
  const row = e.rowOf(word);
  assert.ok(row >= 0, `${word} is in the vocabulary`);
  return Array.from({ length: e.dims }, (_, d) => e.q[row * e.dims + d] * e.scale[d]);
}
const cosine = (a: number[], b: number[]) => {
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) { ab += a[i] * b[i]; aa += a[i] * a[i]; bb += b[i] * b[i]; }
  return ab / Math.sqrt(aa * bb);
};

test('the lookup finds every vocabulary word at its own row, and unknown words nowhere', () => {
  assert.equal(emb.rows, 100_000);
  assert.equal(emb.dims, 64);
  // the vocabulary as stored (after the header and the scales)
  const vocabBytes = file.readUInt32LE(12);
  const vocab = file.toString('utf8', 16 + emb.dims * 4, 16 + emb.dims * 4 + vocabBytes).split('\n');
  assert.equal(vocab.length, emb.rows);
  assert.equal(vocab[0], 'the');
  for (let row = 0; row < vocab.length; row++) if (emb.rowOf(vocab[row]) !== row) assert.fail(`${vocab[row]} should be row ${row}`);
  for (const unknown of ['', 'qzxqzxq', 'the ', 'THE', 'idiotidiotidiot', 'ünknöwn']) assert.equal(emb.rowOf(unknown), -1, unknown);
});

test('the vectors carry meaning: insults sit near insults, not near civic words', () => {
  const idiot = vector(emb, 'idiot');
  assert.ok(cosine(idiot, vector(emb, 'moron')) > cosine(idiot, vector(emb, 'budget')) + 0.3);
  assert.ok(cosine(idiot, vector(emb, 'stupid')) > cosine(idiot, vector(emb, 'council')) + 0.3);
  const kill = vector(emb, 'kill');
  assert.ok(cosine(kill, vector(emb, 'murder')) > cosine(kill, vector(emb, 'recipe')) + 0.3);
});

test('pooling: mean and maximum of the known words, their share, and the word count', () => {
  const size = pooledSize(emb.dims);
  const none = pool(emb, []);
  assert.equal(none.length, size);
  assert.ok(none.every((v) => v === 0));

  const [a, b] = [vector(emb, 'council'), vector(emb, 'budget')];
  const out = pool(emb, words('council budget qzxqzxq'));
  for (let d = 0; d < emb.dims; d++) {
    assert.ok(Math.abs(out[d] - (a[d] + b[d]) / 2) < 1e-5, `mean at ${d}`);
    assert.ok(Math.abs(out[emb.dims + d] - Math.max(a[d], b[d])) < 1e-5, `max at ${d}`);
  }
  assert.ok(Math.abs(out[2 * emb.dims] - 2 / 3) < 1e-6, 'two of three words known');
  assert.ok(Math.abs(out[2 * emb.dims + 1] - Math.log1p(3) / 5) < 1e-6);

  // a word with an apostrophe that is not in the vocabulary falls back to its part before the apostrophe
  const fallback = pool(emb, words("councillor's"));
  const direct = pool(emb, words('councillor'));
  assert.equal(emb.rowOf("councillor's"), -1);
  assert.deepEqual(Array.from(fallback.subarray(0, 2 * emb.dims)), Array.from(direct.subarray(0, 2 * emb.dims)));
});

test('the network learns a problem no linear model can (XOR of two signs), and its file round-trips exactly', () => {
  const rand = rng(5);
  const sample = (n: number) => Array.from({ length: n }, () => {
    const x = Float32Array.from({ length: 6 }, () => rand() * 2 - 1);
    return { x, y: x[0] * x[1] > 0 ? 1 : 0 };
  });
  const train = sample(3000), held = sample(500);
  const net = trainMlp(train.map((e) => e.x), train.map((e) => e.y), { hidden: 16, epochs: 30, lr: 0.01, seed: 3 });
  const auc = rocAuc(held.map((e) => e.y), held.map((e) => mlpLogit(net, e.x)));
  assert.ok(auc > 0.95, `held-out ROC-AUC ${auc}`);

  const again = decodeMlp(encodeMlp(net));
  for (const e of held) assert.equal(mlpLogit(again, e.x), mlpLogit(net, e.x));
  assert.throws(() => decodeMlp(Buffer.from('nope, not a network file')), /not a Parley network file/);
});

test('the shipped models read the word vectors: every network file fits them, and toxicity has one', () => {
  const manifest = JSON.parse(readFileSync(join(defaultModelsDir(), 'manifest.json'), 'utf8')) as Manifest;
  assert.ok(manifest.labels.toxicity.embedding, 'the toxicity model has a word-vector network');
  for (const entry of Object.values(manifest.labels)) {
    if (!entry.embedding) continue;
    assert.ok(entry.embedding.weight > 0);
    const net = decodeMlp(readFileSync(join(defaultModelsDir(), entry.embedding.file)));
    assert.equal(net.inputs, pooledSize(emb.dims));
    assert.equal(net.hidden, entry.embedding.hidden);
  }
  // and the scorer reads them: an insult the n-gram features hardly know still scores as uncivil
  const scorer = loadScorer();
  assert.ok(scorer.score('You are a pathetic imbecile.').toxicity.score > 0.5);
  assert.ok(scorer.score('Thanks for the careful reporting on the budget vote.').toxicity.score < 0.5);
});

test('a models folder whose manifest needs the word vectors but lacks them fails at load with a clear message', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-models-'));
  try {
    for (const f of readdirSync(defaultModelsDir())) if (f !== 'embeddings.bin') copyFileSync(join(defaultModelsDir(), f), join(dir, f));
    assert.throws(() => loadScorer(dir), /embeddings\.bin is missing: the toxicity model/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
