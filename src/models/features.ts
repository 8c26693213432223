// Features of a comment for the learned models: hashed word 1–2-grams and character 2–5-grams of the
// de-obfuscated (normalized) text, each block with sublinear tf and L2 norm, plus a few dense
// features (tone, shape, links, and the rules engineer's rule features) in fixed slots after the hash space.
import { normalize, scanEnd, scanWord, type Normalized } from './normalize.js';
import { ruleFeatures } from './rules/index.js';
import type { SparseVec } from './learner.js';

export const HASH_BITS = 19;
export const HASH_DIM = 1 << HASH_BITS;
const MASK = HASH_DIM - 1;
/** Longer comments are cut here for features (keeps p99 latency bounded). */
export const MAX_CHARS = 3000;

/** Dense features of Parley's own; the rule features follow under their own names. */
export const OWN_DENSE = [
  'log_length', 'caps_ratio', 'exclamations', 'questions', 'second_person', 'links', 'digits_ratio',
  'spam_self_promotion', 'spam_engagement', 'spam_money',
] as const;

const WORD_SEED = 0x9e3779b1;
const BIGRAM_SEED = 0x85ebca6b;
export const CHAR_SEED = 0xc2b2ae35;

/** murmur3 finalizer: spreads FNV's bits before masking. */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashString(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export interface Token { word: string; start: number; end: number }

/** Words of the normalized text (letters, digits, inner apostrophes), with positions in that text. */
export function words(text: string): Token[] {
  // /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu, scanned without a match array per word
  const out: Token[] = [];
  for (let start = scanWord(text, 0, false); start >= 0; start = scanWord(text, scanEnd, false)) {
    out.push({ word: text.slice(start, scanEnd), start, end: scanEnd });
  }
  return out;
}

export function wordIndex(word: string): number {
  return fmix(hashString(word, WORD_SEED)) & MASK;
}
export function bigramIndex(a: string, b: string): number {
  return fmix(Math.imul(hashString(a, BIGRAM_SEED), 31) ^ hashString(b, WORD_SEED)) & MASK;
}

/** Calls `emit(index, startPos)` for every char 2–5-gram of `s` (FNV extended one char at a time). */
export function forEachCharGram(s: string, emit: (index: number, pos: number) => void): void {
  for (let i = 0; i < s.length - 1; i++) {
    let h = (0x811c9dc5 ^ CHAR_SEED) >>> 0;
    h = Math.imul(h ^ s.charCodeAt(i), 16777619);
    for (let k = 1; k < 5 && i + k < s.length; k++) {
      h = Math.imul(h ^ s.charCodeAt(i + k), 16777619);
      emit(fmix(h) & MASK, i);
    }
  }
}

/** The char-gram view of the text: padded with one space on each side (position p ↔ text position p − 1). */
export function charView(text: string): string {
  return ' ' + text + ' ';
}

// A small open-addressing count table, reused across calls (featurizing is synchronous, so sharing is
// safe). A table over the whole hash space would be 4 MB of cache misses per comment.
class Counter {
  keys = new Int32Array(4096).fill(-1);
  counts = new Float64Array(4096);
  slots = new Int32Array(2048);
  n = 0;
  mask = 4095;

  /** Make room for up to `distinct` keys at a load factor of at most one half. */
  reserve(distinct: number): void {
    if (distinct * 2 <= this.keys.length) return;
    let size = this.keys.length;
    while (size < distinct * 2) size *= 2;
    this.keys = new Int32Array(size).fill(-1);
    this.counts = new Float64Array(size);
    this.slots = new Int32Array(size / 2);
    this.mask = size - 1;
  }

  add(j: number): void {
    let s = j & this.mask;
    for (;;) {
      const k = this.keys[s];
      if (k === j) { this.counts[s] += 1; return; }
      if (k === -1) { this.keys[s] = j; this.counts[s] = 1; this.slots[this.n++] = s; return; }
      s = (s + 1) & this.mask;
    }
  }

  /** Sublinear tf, L2-normalized over the block; appends to idx/val at `at`, clears the table, returns the new length. */
  flush(idx: Int32Array, val: Float32Array, at: number): number {
    // sublinear tf in the counts' place (one log per feature, not two)
    let norm = 0;
    for (let k = 0; k < this.n; k++) {
      const s = this.slots[k];
      const v = 1 + Math.log(this.counts[s]);
      this.counts[s] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < this.n; k++) {
      const s = this.slots[k];
      idx[at] = this.keys[s];
      val[at++] = this.counts[s] / norm;
      this.keys[s] = -1;
    }
    this.n = 0;
    return at;
  }
}
const counter = new Counter();

/**
 * The hashed feature indices of a featurized comment in text order, for explanations: each token's
 * unigram and bigram (with the token before; -1 for the first), and each char 2–5-gram with the text
 * position it starts at (forEachCharGram's order). One reused set (featurizing is synchronous): it holds
 * the indices of `owner`, and is filled again for another Featurized when asked (featureIndices).
 */
export interface FeatureIndices {
  owner: Featurized | null;
  uni: Int32Array;
  bi: Int32Array;
  grams: Int32Array;
  gramPos: Int32Array;
  gramCount: number;
}
const indices: FeatureIndices = {
  owner: null, uni: new Int32Array(256), bi: new Int32Array(256), grams: new Int32Array(4096), gramPos: new Int32Array(4096), gramCount: 0,
};

function fillIndices(tokens: Token[], view: string): FeatureIndices {
  if (indices.uni.length < tokens.length) {
    indices.uni = new Int32Array(tokens.length * 2);
    indices.bi = new Int32Array(tokens.length * 2);
  }
  const gramCapacity = 4 * view.length;
  if (indices.grams.length < gramCapacity) {
    indices.grams = new Int32Array(gramCapacity * 2);
    indices.gramPos = new Int32Array(gramCapacity * 2);
  }
  const { uni, bi, grams, gramPos } = indices;
  for (let t = 0; t < tokens.length; t++) {
    uni[t] = wordIndex(tokens[t].word);
    bi[t] = t > 0 ? bigramIndex(tokens[t - 1].word, tokens[t].word) : -1;
  }
  // the loop of forEachCharGram, inlined: this is the hot path
  let g = 0;
  for (let i = 0; i < view.length - 1; i++) {
    let h = Math.imul((0x811c9dc5 ^ CHAR_SEED) >>> 0 ^ view.charCodeAt(i), 16777619);
    for (let k = 1; k < 5 && i + k < view.length; k++) {
      h = Math.imul(h ^ view.charCodeAt(i + k), 16777619);
      grams[g] = fmix(h) & MASK;
      gramPos[g++] = i - 1;
    }
  }
  indices.gramCount = g;
  indices.owner = null;
  return indices;
}

/** The feature indices of f (those featurize left, or worked out again when another comment came since). */
export function featureIndices(f: Featurized): FeatureIndices {
  if (indices.owner !== f) {
    fillIndices(f.tokens, charView(f.text));
    indices.owner = f;
  }
  return indices;
}

// Scratch output of featurize, reused across calls (grown when a comment needs more): allocating
// worst-case-sized arrays per comment was most of the garbage the pipeline made. Only the filled part
// is copied out into the result.
let scratchIdx = new Int32Array(16384);
let scratchVal = new Float32Array(16384);

export interface Featurized {
  vec: SparseVec;
  /** The (clipped) text the features and rules saw, and its normalization. */
  clipped: string;
  norm: Normalized;
  /** The normalized text and its token list, for explanations. */
  text: string;
  map: number[];
  tokens: Token[];
  dense: Record<string, number>;
}

// Comment-spam cues that do not depend on one site's vocabulary (matched on the normalized, lowercased text):
// promoting one's own things, asking for clicks/likes/follows, and money offers.
const SELF_PROMOTION = /\b(?:my|our)\s+(?:new\s+|latest\s+|own\s+)?(?:channel|videos?|songs?|music|track|playlist|blog|page|covers?|website|site|shop|store|profile|app|book|podcast|stream|mixtape)\b/g;
const ENGAGEMENT = /\b(?:subscribe|subscribers|sub to|sub me|follow me|follow back|follow 4 follow|like this comment|thumbs up if|give it a like|like if|please share|share this|check (?:it )?out|check my|visit my|look up|search for|click (?:here|the link|this)|link in (?:my )?bio|dm me|message me|contact me|email me|whatsapp|telegram|plz share|go and share|share to vote)\b/g;
const MONEY = /\$\s?\d|\b(?:earn|earning|earned|cash|income|bitcoin|btc|crypto|giveaway|prize|promo code|discount|investment|profit|per hour|a day from home)\b/g;
const cueCount = (re: RegExp, text: string) => Math.min((text.match(re) ?? []).length, 3) / 3;

const SECOND_PERSON = new Set(['you', 'your', "you're", 'youre', 'yours', 'yourself', 'u', 'ur', 'ya']);
// Links, bare domains (also "site . com" with spaces) and phone numbers: ways to send a reader elsewhere.
const LINK = /https?:\/\/|www\.|\b[a-z0-9-]{2,}\s?\.\s?(?:com|net|org|info|biz|co|tv|xyz|io|ly|me|pl|ru|de|uk|us|ca)\b|\+?\d[\d -]{8,}\d/gi;

function ownDense(original: string, tokens: Token[], text: string): number[] {
  // character classes by code unit (ASCII fast path; other letters via their case mapping)
  let letters = 0, caps = 0, digits = 0, bangs = 0, questions = 0;
  for (let i = 0; i < original.length; i++) {
    const c = original.charCodeAt(i);
    if (c >= 97 && c <= 122) letters++;
    else if (c >= 65 && c <= 90) { letters++; caps++; }
    else if (c >= 48 && c <= 57) digits++;
    else if (c === 33) bangs++;
    else if (c === 63) questions++;
    else if (c > 127) {
      const ch = original[i];
      const lower = ch.toLowerCase();
      if (lower !== ch.toUpperCase()) { letters++; if (ch !== lower) caps++; }
    }
  }
  let second = 0;
  for (const t of tokens) if (SECOND_PERSON.has(t.word)) second++;
  const links = (original.match(LINK) ?? []).length;
  return [
    Math.log1p(original.length) / 8,
    letters >= 8 ? caps / letters : 0,
    Math.min(bangs, 5) / 5,
    Math.min(questions, 5) / 5,
    Math.min(second, 5) / 5,
    Math.min(links, 3) / 3,
    original.length ? Math.min(1, (digits / original.length) * 4) : 0,
    cueCount(SELF_PROMOTION, text),
    cueCount(ENGAGEMENT, text),
    cueCount(MONEY, text),
  ];
}

/** Rule features come as raw counts and sums: log-squash them to about [-1, 1]; scores and ratios stay. */
function squash(name: string, v: number): number {
  if (name.endsWith('_score') || name.endsWith('_ratio')) return v;
  return Math.sign(v) * Math.log1p(Math.abs(v)) / 3;
}

/** Rule feature name → its dense name ("rule_" + name), made once rather than a new string per comment. */
const ruleDenseNames = new Map<string, string>();
function ruleDenseName(name: string): string {
  let dense = ruleDenseNames.get(name);
  if (dense === undefined) ruleDenseNames.set(name, (dense = `rule_${name}`));
  return dense;
}

/**
 * Featurize one comment. `denseNames` fixes the dense slots (Parley's own, then rule features by name,
 * as stored with the model); it defaults to the names known now.
 */
export function featurize(original: string, denseNames?: string[]): Featurized {
  const clipped = original.length > MAX_CHARS ? original.slice(0, MAX_CHARS) : original;
  const norm = normalize(clipped);
  const text = norm.text;
  const tokens = words(text);
  const view = charView(text);
  const capacity = 2 * tokens.length + 4 * view.length + 64;
  counter.reserve(capacity);
  if (scratchIdx.length < capacity) {
    scratchIdx = new Int32Array(capacity);
    scratchVal = new Float32Array(capacity);
  }
  const idx = scratchIdx;
  const val = scratchVal;

  // The indices are kept (not only counted) so that explanations need not hash the comment again.
  const { uni, bi, grams, gramCount } = fillIndices(tokens, view);
  // word 1–2-grams
  for (let t = 0; t < tokens.length; t++) {
    counter.add(uni[t]);
    if (t > 0) counter.add(bi[t]);
  }
  let n = counter.flush(idx, val, 0);
  // char 2–5-grams
  for (let g = 0; g < gramCount; g++) counter.add(grams[g]);
  n = counter.flush(idx, val, n);

  // dense
  const rule = ruleFeatures(clipped, norm, tokens);
  const own = ownDense(clipped, tokens, text);
  const dense: Record<string, number> = { ...(denseTemplate ??= makeDenseTemplate()) };
  for (let i = 0; i < OWN_DENSE.length; i++) dense[OWN_DENSE[i]] = own[i];
  for (const k in rule) dense[ruleDenseName(k)] = squash(k, rule[k as keyof typeof rule]);
  const names = denseNames ?? denseNamesNow();
  for (let i = 0; i < names.length; i++) {
    const v = dense[names[i]];
    if (v) { idx[n] = HASH_DIM + i; val[n++] = Math.max(-1.5, Math.min(1.5, v)); }
  }

  const result: Featurized = { vec: { idx: idx.slice(0, n), val: val.slice(0, n) }, clipped, norm, text, map: norm.map, tokens, dense };
  indices.owner = result;
  return result;
}

/**
 * Every dense feature at 0, in the order featurize sets them, with fast properties: each comment's dense
 * record starts as a copy of it. A {} given its 31 properties one by one (keyed stores) turned into a
 * dictionary, a hash table grown several times per comment. JSON.parse builds objects with fast properties.
 */
let denseTemplate: Record<string, number> | undefined;
function makeDenseTemplate(): Record<string, number> {
  return JSON.parse(JSON.stringify(Object.fromEntries(denseNamesNow().map((name) => [name, 0])))) as Record<string, number>;
}

/** Dense feature names as the code defines them today (stored with each trained model). */
export function denseNamesNow(): string[] {
  const sample = 'You are an idiot!';
  return [...OWN_DENSE, ...Object.keys(ruleFeatures(sample, normalize(sample))).map((k) => `rule_${k}`)];
}

export function featureDim(denseNames: string[]): number {
  return HASH_DIM + denseNames.length;
}

// ---- sentences ---------------------------------------------------------------------------------------------
// A long comment with one insult in it reads as mostly civil to a model of the whole text (each block of
// features is normalized over the whole comment), while its reader sees the insult. The scorer also scores
// each sentence on its own and raises the comment's score towards its worst sentence's
// (src/models/sentences.ts); these give it the sentences and their feature vectors.

/** The comment's sentences as token ranges [from, to), in order; one range when it has a single sentence. */
export function sentenceRanges(f: Featurized): [number, number][] {
  const { tokens, text } = f;
  const ranges: [number, number][] = [];
  let from = 0;
  for (let t = 1; t < tokens.length; t++) {
    if (sentenceBreak(text, tokens[t - 1].end, tokens[t].start, tokens[t - 1].word)) {
      ranges.push([from, t]);
      from = t;
    }
  }
  if (tokens.length) ranges.push([from, tokens.length]);
  return ranges;
}

/**
 * Whether text[start, end) (the gap between two words) ends a sentence: . ! or ? before white space, or a line break.
 * The full stop right after an abbreviation or an initial (`before`, the word before the gap) does not count.
 */
function sentenceBreak(text: string, start: number, end: number, before: string): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    const stop = c === 33 || c === 63 || (c === 46 && !(i === start && isAbbreviation(before)));
    if (stop && i + 1 < end && WHITE_SPACE.test(text[i + 1])) return true;
  }
  return false;
}
const WHITE_SPACE = /\s/;

/**
 * Words that a full stop follows without ending the sentence: titles before a name ("Dr. Smith", "Gov. Ford"),
 * and "vs.". Left out on purpose: "no", "etc", "inc", "co", which end sentences in comments as often as not.
 */
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'vs', 'gov', 'sen', 'rep', 'gen', 'col', 'lt', 'sgt', 'capt', 'pres', 'rev', 'hon']);

/** Whether a full stop right after this word marks an abbreviation or an initial ("U.S. mayor", "J. R. Jones"). */
function isAbbreviation(word: string): boolean {
  // a single letter is an initial, except the pronoun "I" ("…than I. Then")
  return (word.length === 1 && word !== 'i' && word >= 'a' && word <= 'z') || ABBREVIATIONS.has(word);
}

/**
 * The feature vector of tokens [from, to) of a featurized comment, as featurize would make it for that
 * stretch of the normalized text alone: its word 1–2-grams, and the comment's char 2–5-grams that lie
 * within the stretch (from its first word to the next sentence, trailing white space trimmed) and the one
 * character on each side of it — as the space padding of a comment of its own would give them — with the
 * whole comment's dense features: they describe the comment (length, links, rule hits), and the rules are not
 * run again per sentence. Nothing is hashed again. The vector is scratch space, valid until the next call.
 */
export function partVector(f: Featurized, from: number, to: number): SparseVec {
  const { tokens, text } = f;
  const { uni, bi, grams, gramPos, gramCount } = featureIndices(f);
  const start = tokens[from].start;
  let end = to < tokens.length ? tokens[to].start : text.length;
  while (end > tokens[to - 1].end && WHITE_SPACE.test(text[end - 1])) end--;
  const dense = f.vec.idx.length - denseStart(f.vec);
  const capacity = 2 * (to - from) + 4 * (end - start + 2) + dense;
  counter.reserve(capacity);
  if (partIdx.length < capacity) {
    partIdx = new Int32Array(capacity * 2);
    partVal = new Float32Array(capacity * 2);
  }
  for (let t = from; t < to; t++) {
    counter.add(uni[t]);
    if (t > from) counter.add(bi[t]);
  }
  let n = counter.flush(partIdx, partVal, 0);
  // gramPos is the text position of a gram's first character (−1: the leading space) and never decreases;
  // one position's grams come one after the other, 2 to 5 characters long. A gram kept starts at or after
  // the character before the stretch and ends at or before the character after it.
  let lo = 0, hi = gramCount;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (gramPos[mid] < start - 1) lo = mid + 1; else hi = mid; }
  for (let g = lo, length = 2; g < gramCount && gramPos[g] <= end; g++) {
    length = g > lo && gramPos[g] === gramPos[g - 1] ? length + 1 : 2;
    if (gramPos[g] + length <= end + 1) counter.add(grams[g]);
  }
  n = counter.flush(partIdx, partVal, n);
  for (let k = f.vec.idx.length - dense; k < f.vec.idx.length; k++) { partIdx[n] = f.vec.idx[k]; partVal[n++] = f.vec.val[k]; }
  return { idx: partIdx.subarray(0, n), val: partVal.subarray(0, n) };
}
let partIdx = new Int32Array(4096);
let partVal = new Float32Array(4096);

/** Where the dense slots start in a featurized vector (they come last, at indices ≥ HASH_DIM). */
function denseStart(v: SparseVec): number {
  let k = v.idx.length;
  while (k > 0 && v.idx[k - 1] >= HASH_DIM) k--;
  return k;
}
