// The adversary for the obfuscated copy of the toxic test split: rewrites words the way people dodge
// word filters. Deterministic for a given seed (mulberry32). Toxic words (profanity, insults, slurs) are
// disguised first and almost always, as real evaders do; a fraction of the other words too, so that the
// disguise is not itself a toxicity signal. Every form the issue names is produced:
// masked letters, leetspeak, stretched letters, spaced-out letters, zero-width characters, look-alike
// Unicode letters (Cyrillic/Greek, fullwidth), and mixes of two of them.
import { INSULT_ADJECTIVES, INSULT_NOUNS } from './lexicons/insults.js';
import { SLURS } from './lexicons/identity.js';
import { profaneRoot } from './rules/profanity.js';
import { mulberry32 } from './random.js';

export const OBFUSCATION_FORMS = ['masked', 'leetspeak', 'stretched', 'spaced', 'zero_width', 'lookalike', 'mixed'] as const;
export type ObfuscationForm = (typeof OBFUSCATION_FORMS)[number];
type SingleForm = Exclude<ObfuscationForm, 'mixed'>;
const SINGLE_FORMS: SingleForm[] = ['masked', 'leetspeak', 'stretched', 'spaced', 'zero_width', 'lookalike'];

export interface ObfuscateOptions {
  /** Share of toxic-lexicon words disguised (default 0.9). */
  toxicRate?: number;
  /** Share of other words of 3+ letters disguised (default 0.1). */
  otherRate?: number;
  /** When given, counts how often each form was used. */
  stats?: Partial<Record<ObfuscationForm, number>>;
}

export { mulberry32 } from './random.js';

const toxicWords = new Set([...INSULT_NOUNS, ...INSULT_ADJECTIVES, ...SLURS].filter((w) => !w.includes(' ')));
function isToxic(word: string): boolean {
  const lower = word.toLowerCase();
  return toxicWords.has(lower) || profaneRoot(lower) !== null;
}

const LEET: Record<string, string[]> = { a: ['4', '@'], e: ['3'], i: ['1', '!'], o: ['0'], s: ['5', '$'], t: ['7'], l: ['1'], g: ['9'], b: ['8'] };
const LOOKALIKE: Record<string, string[]> = {
  a: ['а', 'α'], c: ['с', 'ϲ'], e: ['е'], h: ['һ'], i: ['і', 'ι'], j: ['ј'], k: ['κ'], o: ['о', 'ο'], p: ['р', 'ρ'],
  s: ['ѕ'], x: ['х', 'χ'], y: ['у'], A: ['А', 'Α'], B: ['В', 'Β'], C: ['С'], E: ['Е', 'Ε'], H: ['Н', 'Η'], I: ['І', 'Ι'],
  K: ['К', 'Κ'], M: ['М', 'Μ'], O: ['О', 'Ο'], P: ['Р', 'Ρ'], T: ['Т', 'Τ'], X: ['Х', 'Χ'], Y: ['Υ'],
};
const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];
const MASKS = ['*', '*', '*', '_', '#'];
const SEPARATORS = [' ', '.', '-', ' '];
const VOWELS = /[aeiouyAEIOUY]/;

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)];

function masked(word: string, rand: Rand): string {
  if (word.length < 3) return word;
  const chars = [...word];
  const keepLast = rand() < 0.7;
  const last = keepLast ? chars.length - 2 : chars.length - 1;
  const count = 1 + Math.floor(rand() * last);
  const mask = pick(rand, MASKS);
  // Mask `count` letters starting at a random interior position.
  const start = 1 + Math.floor(rand() * (last - count + 1));
  for (let k = start; k < start + count && k <= last; k++) chars[k] = mask;
  return chars.join('');
}

function leetspeak(word: string, rand: Rand): string {
  const chars = [...word];
  const eligible = chars.map((c, i) => (LEET[c.toLowerCase()] ? i : -1)).filter((i) => i >= 0);
  if (eligible.length === 0) return word;
  let changed = false;
  for (const i of eligible) {
    if (rand() < 0.6) {
      chars[i] = pick(rand, LEET[chars[i].toLowerCase()]);
      changed = true;
    }
  }
  if (!changed) {
    const i = pick(rand, eligible);
    chars[i] = pick(rand, LEET[chars[i].toLowerCase()]);
  }
  return chars.join('');
}

function stretched(word: string, rand: Rand): string {
  const chars = [...word];
  const vowels = chars.map((c, i) => (VOWELS.test(c) ? i : -1)).filter((i) => i >= 0);
  const at = vowels.length > 0 ? pick(rand, vowels) : Math.floor(rand() * chars.length);
  chars[at] = chars[at].repeat(3 + Math.floor(rand() * 4));
  return chars.join('');
}

function spaced(word: string, rand: Rand): string {
  return [...word].join(pick(rand, SEPARATORS));
}

function zeroWidth(word: string, rand: Rand): string {
  const chars = [...word];
  if (chars.length < 2) return word;
  const inserts = 1 + Math.floor(rand() * Math.min(3, chars.length - 1));
  for (let k = 0; k < inserts; k++) {
    const at = 1 + Math.floor(rand() * (chars.length - 1));
    chars[at - 1] += pick(rand, ZERO_WIDTH);
  }
  return chars.join('');
}

function lookalike(word: string, rand: Rand): string {
  // One word in five goes fullwidth (ｆｕｃｋ); the others swap some letters for Cyrillic/Greek twins.
  if (rand() < 0.2) {
    return [...word].map((c) => (/[!-~]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
  }
  const chars = [...word];
  const eligible = chars.map((c, i) => (LOOKALIKE[c] ? i : -1)).filter((i) => i >= 0);
  if (eligible.length === 0) return word;
  let changed = false;
  for (const i of eligible) {
    if (rand() < 0.5) {
      chars[i] = pick(rand, LOOKALIKE[chars[i]]);
      changed = true;
    }
  }
  if (!changed) {
    const i = pick(rand, eligible);
    chars[i] = pick(rand, LOOKALIKE[chars[i]]);
  }
  return chars.join('');
}

const APPLY: Record<SingleForm, (word: string, rand: Rand) => string> = {
  masked,
  leetspeak,
  stretched,
  spaced,
  zero_width: zeroWidth,
  lookalike,
};

/** Disguise one word with one form ('mixed' = two different forms, one after the other). */
export function obfuscateWord(word: string, form: ObfuscationForm, rand: Rand): string {
  if (form !== 'mixed') return APPLY[form](word, rand);
  // Spaced-out and masked letters first (they need plain letters), then a character-level form.
  const first = pick(rand, ['masked', 'leetspeak', 'stretched', 'spaced'] as const);
  const second = pick(rand, ['zero_width', 'lookalike', ...(first === 'leetspeak' ? [] : (['leetspeak'] as const))] as const);
  return APPLY[second](APPLY[first](word, rand), rand);
}

const WORD = /[A-Za-z]+/g;

/** Deterministic obfuscation of a text: the same text and seed always give the same result. */
export function obfuscate(text: string, seed: number, options: ObfuscateOptions = {}): string {
  const rand = mulberry32(seed);
  const toxicRate = options.toxicRate ?? 0.9;
  const otherRate = options.otherRate ?? 0.1;
  return text.replace(WORD, (word) => {
    const toxic = isToxic(word);
    const rate = toxic ? toxicRate : word.length >= 3 ? otherRate : 0;
    if (rand() >= rate) return word;
    const form = pick(rand, OBFUSCATION_FORMS);
    if (options.stats) options.stats[form] = (options.stats[form] ?? 0) + 1;
    return obfuscateWord(word, form, rand);
  });
}
