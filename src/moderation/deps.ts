// The models the pipeline uses, in one place. The scorer is a TEMPORARY local stand-in until
// src/models/scorer.ts lands; then this file only re-exports it.
import { LABELS, type Label, type Span } from './types.js';
import { findTerms as findTermsIn } from '../models/normalize.js';

/** Same word list → same array instance, so the normalizer's compiled matcher is reused per list. */
const listCache = new Map<string, string[]>();
const MAX_LISTS = 256;

/** The site's terms found in the text through obfuscation; spans in the original text. */
export function findTerms(original: string, terms: string[]): { term: string; start: number; end: number }[] {
  const key = terms.join('\n');
  let list = listCache.get(key);
  if (!list) {
    if (listCache.size >= MAX_LISTS) listCache.delete(listCache.keys().next().value!);
    list = [...terms];
    listCache.set(key, list);
  }
  return findTermsIn(original, list);
}

export interface LabelScore { score: number; spans: Span[] }
export interface Scorer {
  score(text: string, story?: { title: string; body?: string | null } | null, thread?: string[]): Record<Label, LabelScore>;
}

const WORDS: Partial<Record<Label, string[]>> = {
  toxicity: ['idiot', 'stupid', 'moron', 'shut up', 'fuck', 'shit'],
  attack: ['idiot', 'moron', 'you are stupid'],
  profanity: ['fuck', 'shit', 'damn'],
  threat: ['kill you', 'i will hurt'],
};

export function loadScorer(): Scorer {
  return {
    score(text) {
      const out = {} as Record<Label, LabelScore>;
      for (const label of LABELS) {
        const hits = findTerms(text, WORDS[label] ?? []);
        out[label] = { score: hits.length ? 0.7 : 0.02, spans: hits.map((h): Span => [h.start, h.end]) };
      }
      return out;
    },
  };
}
