// Shared pieces of the rule-based labels: the rule signature, one analysis per comment (normalized
// text + word tokens), phrase lists matched on tokens, and how several hits combine into one score.
import { normalize, originalEnd, tokensOfNormalized, type Normalized, type Token } from '../normalize.js';

/** A half-open character range [start, end) in the comment's original text. */
export type Span = [number, number];

export interface StoryText {
  title: string;
  body?: string | null;
  /** Parent comment and recent comments of the thread. */
  thread?: string[];
}

export interface RuleResult {
  /** 0..1 */
  score: number;
  spans: Span[];
  features?: Record<string, number>;
}

export type Rule = (text: string, n?: Normalized, story?: StoryText) => RuleResult;

export interface Analysis {
  text: string;
  n: Normalized;
  tokens: Token[];
  words: string[];
  /** Content stems of the words (relevance.ts), once asked. */
  stems?: Set<string>;
}

const recentAnalyses: (Analysis | undefined)[] = [undefined, undefined, undefined, undefined];
let nextSlot = 0;
let lastUnnormalized: Analysis | undefined;

/**
 * The analysis of a comment whose normalized text is already split into words (the features' tokens,
 * positions in n.text): the same words, their spans mapped to the original text, without a second scan.
 */
export function analyzeTokens(text: string, n: Normalized, normalizedTokens: readonly Token[]): Analysis {
  for (let k = 0; k < recentAnalyses.length; k++) {
    const cached = recentAnalyses[k];
    if (cached && cached.n === n && cached.text === text) return cached;
  }
  const tokens: Token[] = new Array(normalizedTokens.length);
  const words: string[] = new Array(normalizedTokens.length);
  for (let i = 0; i < normalizedTokens.length; i++) {
    const t = normalizedTokens[i];
    tokens[i] = { word: t.word, start: n.map[t.start], end: originalEnd(text, n.map[t.end - 1]) };
    words[i] = t.word;
  }
  return remember({ text, n, tokens, words });
}

/** Normalize and tokenize once per comment, however many rules look at it. */
export function analyze(text: string, n?: Normalized): Analysis {
  if (!n) {
    if (lastUnnormalized?.text === text) return lastUnnormalized;
    lastUnnormalized = build(text, normalize(text));
    return lastUnnormalized;
  }
  // The last few normalizations seen (the rules of one comment ask in turn): a WeakMap entry per
  // comment kept young objects alive through scavenges (ephemerons in an old table).
  for (let k = 0; k < recentAnalyses.length; k++) {
    const cached = recentAnalyses[k];
    if (cached && cached.n === n && cached.text === text) return cached;
  }
  return remember(build(text, n));
}

function remember(analysis: Analysis): Analysis {
  recentAnalyses[nextSlot] = analysis;
  nextSlot = (nextSlot + 1) % recentAnalyses.length;
  return analysis;
}

function build(text: string, n: Normalized): Analysis {
  const tokens = tokensOfNormalized(text, n);
  return { text, n, tokens, words: tokens.map((t) => t.word) };
}

/** Probability that at least one of several independent hits is real: 1 − Π(1 − wᵢ). */
export function noisyOr(weights: Iterable<number>): number {
  let keep = 1;
  for (const w of weights) keep *= 1 - Math.min(1, Math.max(0, w));
  return 1 - keep;
}

export function spanOf(tokens: Token[], first: number, last: number): Span {
  return [tokens[first].start, tokens[last].end];
}

/** Merge overlapping spans and sort them. */
export function mergeSpans(spans: Span[]): Span[] {
  if (spans.length < 2) return spans;
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Span[] = [[...sorted[0]] as Span];
  for (const [s, e] of sorted.slice(1)) {
    const last = out[out.length - 1];
    if (s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

export interface PhraseHit {
  /** index of the first token */
  index: number;
  length: number;
  phrase: string;
}

// The rules ask some ten phrase sets about the same words of a comment in turn. One map from a first word
// to a bit per set that has a phrase starting with it lets each set skip the words it has nothing for,
// instead of a map lookup per word per set.
const firstWordSets = new Map<string, number>();
let setCount = 0;
let wordBitsOf: string[] | null = null;
let wordBitsSets = -1;
let wordBitsLength = -1;
let wordBits = new Int32Array(256);

/** For each word, the bits of the sets with a phrase starting with it (worked out once per word list). */
function firstWordBits(words: string[]): Int32Array {
  if (wordBitsOf !== words || wordBitsSets !== setCount || wordBitsLength !== words.length) {
    if (words.length > wordBits.length) wordBits = new Int32Array(words.length * 2);
    for (let i = 0; i < words.length; i++) wordBits[i] = firstWordSets.get(words[i]) ?? 0;
    wordBitsOf = words;
    wordBitsSets = setCount;
    wordBitsLength = words.length;
  }
  return wordBits;
}

/**
 * Phrases matched word by word on tokens. A word ending in '*' matches any word starting with it.
 * Phrases are split on spaces and hyphens, the way the tokenizer splits text.
 */
export class PhraseSet {
  private readonly byFirst = new Map<string, { phrase: string; words: string[] }[]>();
  private readonly prefixed: { phrase: string; words: string[] }[] = [];
  readonly size: number;
  /** This set's bit in firstWordSets (0 past 31 sets: then every word is looked up). */
  private readonly bit: number;

  constructor(phrases: Iterable<string>) {
    let size = 0;
    for (const phrase of phrases) {
      const words = phrase.toLowerCase().split(/[\s-]+/).filter(Boolean);
      if (words.length === 0) continue;
      size++;
      const entry = { phrase, words };
      if (words[0].endsWith('*')) this.prefixed.push(entry);
      else {
        const list = this.byFirst.get(words[0]) ?? [];
        list.push(entry);
        this.byFirst.set(words[0], list);
      }
    }
    this.size = size;
    this.bit = setCount < 31 ? 1 << setCount : 0;
    setCount++;
    if (this.bit) for (const first of this.byFirst.keys()) firstWordSets.set(first, (firstWordSets.get(first) ?? 0) | this.bit);
  }

  has(word: string): boolean {
    return this.byFirst.get(word)?.some((e) => e.words.length === 1) ?? false;
  }

  /** All hits, longest first at each position. */
  find(words: string[]): PhraseHit[] {
    const hits: PhraseHit[] = [];
    const bits = this.bit ? firstWordBits(words) : null;
    for (let i = 0; i < words.length; i++) {
      const list = bits === null || (bits[i] & this.bit) !== 0 ? this.byFirst.get(words[i]) : undefined;
      if (list) for (const e of list) if (matchesAt(words, i, e.words)) hits.push({ index: i, length: e.words.length, phrase: e.phrase });
      for (const e of this.prefixed) if (matchesAt(words, i, e.words)) hits.push({ index: i, length: e.words.length, phrase: e.phrase });
    }
    return hits;
  }
}

function matchesAt(words: string[], i: number, pattern: string[]): boolean {
  if (i + pattern.length > words.length) return false;
  for (let k = 0; k < pattern.length; k++) {
    const p = pattern[k];
    const w = words[i + k];
    if (p.endsWith('*') ? !w.startsWith(p.slice(0, -1)) : p !== w) return false;
  }
  return true;
}

/** Words that address the reader or the person replied to. */
export const SECOND_PERSON: ReadonlySet<string> = new Set([
  'you', 'u', 'ya', 'ye', 'your', 'ur', "you're", 'youre', 'yourself', 'yourselves', "you've", "you'll", "you'd", 'yo',
]);

const SUFFIXES: [string, string][] = [
  ['ational', 'ate'], ['ization', 'ize'], ['ations', 'ate'], ['ation', 'ate'], ['iveness', 'ive'], ['fulness', 'ful'],
  ['ousness', 'ous'], ['ments', ''], ['ment', ''], ['ness', ''], ['ings', ''], ['ing', ''], ['ies', 'y'], ['ied', 'y'],
  ['edly', ''], ['ers', ''], ['ed', ''], ['es', ''], ['er', ''], ['ly', ''], ['s', ''],
];

/** SUFFIXES by their last letter, in list order: only those can match (the first that does wins). */
const SUFFIXES_BY_LAST = new Map<number, [string, string][]>();
for (const entry of SUFFIXES) {
  const last = entry[0].charCodeAt(entry[0].length - 1);
  SUFFIXES_BY_LAST.set(last, [...(SUFFIXES_BY_LAST.get(last) ?? []), entry]);
}
const NO_SUFFIXES: [string, string][] = [];

/** A light suffix-stripping stemmer: "taxes", "taxed", "taxing" → "tax". Crude, but the same on both sides. */
export function stem(word: string): string {
  let w = word.endsWith("'s") ? word.slice(0, -2) : word;
  if (w.length <= 3) return w;
  for (const [suffix, replacement] of SUFFIXES_BY_LAST.get(w.charCodeAt(w.length - 1)) ?? NO_SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length) + replacement;
      break;
    }
  }
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** ASCII letters, ASCII capitals and '!' in the text: the counts of /[A-Za-z]/g, /[A-Z]/g and /!/g without
 *  building an array of one-letter strings (these ran on every comment, twice). */
export function asciiLetterCounts(text: string): { letters: number; upper: number; bangs: number } {
  let letters = 0, upper = 0, bangs = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) { letters++; upper++; }
    else if (c >= 97 && c <= 122) letters++;
    else if (c === 33) bangs++;
  }
  return { letters, upper, bangs };
}
