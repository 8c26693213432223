// Word vectors for the learned models: GloVe 6B (Wikipedia + Gigaword newswire, public domain), reduced
// to 100,000 words × 64 dimensions by scripts/extract-embeddings.mjs and committed as models/embeddings.bin.
//
// Why: the n-gram models know only the words of their training sets (Wikipedia talk pages, tweets).
// A comment is also described by the meaning of its words — the mean and the maximum of their vectors —
// so "imbecile" or "pathetic" counts like the insults the training sets did contain.
import { closeSync, openSync, readSync } from 'node:fs';
import type { Token } from './features.js';

/** The word vectors' file name in a models folder (parley train copies it beside the models it writes). */
export const EMBEDDINGS_FILE = 'embeddings.bin';

export interface Embeddings {
  dims: number;
  rows: number;
  /** Row of a word, or -1. */
  rowOf(word: string): number;
  /** int8 components, row-major; multiply by `scale[d]`. */
  q: Int8Array;
  scale: Float32Array;
}

/** Length of the pooled vector: mean and max of the word vectors, share of known words, log word count. */
export const pooledSize = (dims: number): number => 2 * dims + 2;

// A string-free lookup: the vocabulary's strings are only read at load. Open addressing on one 32-bit
// hash, with a second, independent 32-bit hash stored to confirm the word (a false match is ~2^-32).
// Both hashes (FNV-1a with different offsets, then a finalizer) come from one pass over the word.
const SLOT_SEED = 0x9e3779b9;
const CHECK_SEED = 0x85ebca6b;
let checkOfLast = 0;
/** The slot hash of `word`; its check hash is left in `checkOfLast`. */
function hashWord(word: string): number {
  let a = (0x811c9dc5 ^ SLOT_SEED) >>> 0;
  let b = (0x811c9dc5 ^ CHECK_SEED) >>> 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619);
    b = Math.imul(b ^ c, 16777619);
  }
  checkOfLast = finalize(b);
  return finalize(a);
}
function finalize(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

export function decodeEmbeddings(buf: Buffer): Embeddings {
  const { rows, dims, vocabStart, vocabBytes } = readHeader(buf);
  const q = new Int8Array(rows * dims);
  q.set(new Int8Array(buf.buffer, buf.byteOffset + vocabStart + vocabBytes, rows * dims));
  return build(buf.subarray(0, vocabStart + vocabBytes), q);
}

/** Reads the file in two parts, the int8 block straight into its array: no second 6 MB copy at start-up. */
export function loadEmbeddings(path: string): Embeddings {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    readSync(fd, head, 0, 16, 0);
    const { rows, dims, vocabStart, vocabBytes } = readHeader(head);
    const front = Buffer.alloc(vocabStart + vocabBytes);
    readSync(fd, front, 0, front.length, 0);
    const q = new Int8Array(rows * dims);
    if (readSync(fd, q, 0, q.length, front.length) !== q.length) throw new Error(`${path}: truncated embeddings file`);
    return build(front, q);
  } finally {
    closeSync(fd);
  }
}

// Layout (little-endian, written by scripts/extract-embeddings.mjs): "PREM", rows u32, dims u32,
// vocabulary bytes u32, dims × f32 scales, the vocabulary (one word per line), rows × dims int8.
function readHeader(buf: Buffer) {
  if (buf.toString('ascii', 0, 4) !== 'PREM') throw new Error('not a Parley embeddings file');
  const rows = buf.readUInt32LE(4);
  const dims = buf.readUInt32LE(8);
  const vocabBytes = buf.readUInt32LE(12);
  return { rows, dims, vocabBytes, vocabStart: 16 + dims * 4 };
}

function build(front: Buffer, q: Int8Array): Embeddings {
  const { rows, dims, vocabStart, vocabBytes } = readHeader(front);
  const scale = new Float32Array(dims);
  for (let d = 0; d < dims; d++) scale[d] = front.readFloatLE(16 + d * 4);
  const words = front.toString('utf8', vocabStart, vocabStart + vocabBytes).split('\n');
  if (words.length !== rows) throw new Error(`embeddings: ${words.length} words for ${rows} rows`);

  let size = 1;
  while (size < rows * 2) size <<= 1;
  const mask = size - 1;
  const checks = new Int32Array(size);
  const slots = new Int32Array(size).fill(-1);
  words.forEach((word, row) => {
    let s = hashWord(word) & mask;
    while (slots[s] !== -1) s = (s + 1) & mask;
    slots[s] = row;
    checks[s] = checkOfLast;
  });
  const rowOf = (word: string): number => {
    const slot = hashWord(word);
    const check = checkOfLast;
    for (let s = slot & mask; slots[s] !== -1; s = (s + 1) & mask) {
      if (checks[s] === check) return slots[s];
    }
    return -1;
  };
  return { dims, rows, rowOf, q, scale };
}

/**
 * The comment as one vector: mean and element-wise max of its known words' vectors, the share of its
 * words that are known, and log(1 + words) / 5. Words like "don't" fall back to "don" when not known.
 */
export function pool(emb: Embeddings, tokens: readonly Token[], out: Float32Array = new Float32Array(pooledSize(emb.dims))): Float32Array {
  const { dims, q, scale } = emb;
  // the rows of the known words first; then one dimension at a time over those rows, with the sum and
  // the maximum in locals (a row is one 64-byte cache line, so after the first dimension all are in cache)
  if (poolRows.length < tokens.length) poolRows = new Int32Array(tokens.length * 2);
  const rows = poolRows;
  let known = 0;
  for (const t of tokens) {
    let row = emb.rowOf(t.word);
    if (row < 0) {
      const apostrophe = t.word.indexOf("'");
      if (apostrophe > 0) row = emb.rowOf(t.word.slice(0, apostrophe));
      if (row < 0) continue;
    }
    rows[known++] = row * dims;
  }
  for (let d = 0; d < dims; d++) {
    let sum = 0;
    let max = -128;
    for (let r = 0; r < known; r++) {
      const v = q[rows[r] + d];
      sum += v;
      if (v > max) max = v;
    }
    // int8 sums and maxima; the per-dimension scale (> 0) is applied once here
    out[d] = known ? (sum * scale[d]) / known : 0;
    out[dims + d] = known ? max * scale[d] : 0;
  }
  out[2 * dims] = tokens.length ? known / tokens.length : 0;
  out[2 * dims + 1] = Math.log1p(tokens.length) / 5;
  return out;
}
let poolRows = new Int32Array(256);
