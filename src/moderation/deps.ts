// The models the pipeline uses, in one place: the normalizer's term finder and the scorer.
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

export { loadScorer, type LabelScore, type Scorer } from '../models/scorer.js';
