// Profanity: swearwords and obscenities found through the normalizer (so f**k, sh1t, f u c k count),
// from the obscenity lexicon (see lexicons/profanity.ts), whole words or word parts as its patterns say,
// with its whitelist so that "assess", "cockney", "Scunthorpe" and "therapist" stay clean.
import type { Normalized } from '../normalize.js';
import { MILD_PROFANITY, OBSCENITY_WHITELIST, PARLEY_WHITELIST, profaneRoot } from '../lexicons/profanity.js';
import { analyze, mergeSpans, noisyOr, PhraseSet, spanOf, type RuleResult, type Span } from './common.js';

export { profaneRoot };

const whitelist = [...OBSCENITY_WHITELIST, ...PARLEY_WHITELIST];
const mild = new PhraseSet(MILD_PROFANITY);

/** A whitelisted term covering the word, looking at its neighbours too ("kung fu", "van dyke"). */
function isWhitelisted(words: string[], i: number): boolean {
  const word = words[i];
  const before = i > 0 ? words[i - 1] + ' ' : '';
  const window = before + word + (i + 1 < words.length ? ' ' + words[i + 1] : '');
  const from = before.length;
  const to = from + word.length;
  for (const term of whitelist) {
    for (let at = window.indexOf(term); at >= 0; at = window.indexOf(term, at + 1)) {
      if (at < to && at + term.length > from) return true;
    }
  }
  return false;
}

export interface ProfanityHits {
  strong: { index: number; root: string }[];
  mild: { index: number; length: number }[];
}

/** The last word list's profane roots: the profanity and attack rules both ask for every word of a comment. */
let rootsOf: string[] | null = null;
let roots: (string | null)[] = [];

/** profaneRoot of each word (read-only; worked out once per word list). */
export function wordRoots(words: string[]): readonly (string | null)[] {
  if (rootsOf !== words || roots.length !== words.length) {
    roots = words.map(profaneRoot);
    rootsOf = words;
  }
  return roots;
}

export function profanityHits(words: string[]): ProfanityHits {
  const strong: { index: number; root: string }[] = [];
  const rootOfWord = wordRoots(words);
  for (let i = 0; i < words.length; i++) {
    const root = rootOfWord[i];
    if (root && !isWhitelisted(words, i)) strong.push({ index: i, root });
  }
  const mildHits = mild.find(words).map((h) => ({ index: h.index, length: h.length }));
  return { strong, mild: mildHits };
}

export function profanity(text: string, n?: Normalized): RuleResult {
  const { tokens, words } = analyze(text, n);
  const hits = profanityHits(words);
  // Loops rather than spreads of mapped arrays: this runs on every comment, and the arrays' element kinds
  // (empty, or of objects, or of numbers) changed from comment to comment.
  const spans: Span[] = [];
  const weights: number[] = [];
  for (const h of hits.strong) {
    spans.push(spanOf(tokens, h.index, h.index));
    weights.push(0.85);
  }
  for (const h of hits.mild) {
    spans.push(spanOf(tokens, h.index, h.index + h.length - 1));
    weights.push(0.4);
  }
  const score = noisyOr(weights);
  return {
    score,
    spans: mergeSpans(spans),
    features: { profanity_hits: hits.strong.length, mild_profanity_hits: hits.mild.length },
  };
}
