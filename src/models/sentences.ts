// A comment is as uncivil as its worst sentence, too. Under a news story many uncivil comments are long and
// reasoned around one hostile remark ("…and only an idiot would miss that"); a model of the whole text
// spreads that remark's weight over every other word. So a label's score also takes each sentence's words
// on their own and raises the whole comment's logit towards the worst sentence's:
//
//   z = z_comment + weight · max(0, z_worst − z_comment)
//
// where a sentence's logit is the comment's with the n-gram part taken over the sentence alone: the dense
// features and the word-vector network stay the comment's (a network per sentence cost a third more scoring
// time for about the same toxicity criterion: 0.9429 against 0.9425).
// `parley train` chooses each label's weight on that label's criterion (manifest: sentences.weight) through
// worstSentenceLogit; the scorer takes the three labels' sentence logits in one pass over
// forEachSentenceVector, and test/models-sentences.test.ts checks that the two agree.
import { partVector, sentenceRanges, type Featurized } from './features.js';
import type { SparseVec } from './learner.js';

/** A label's logit for one sentence's feature vector. */
export type PartLogit = (vec: SparseVec) => number;

/** Calls `visit` with each sentence's feature vector (scratch: used at once); false, and no call, for one sentence. */
export function forEachSentenceVector(f: Featurized, visit: (vec: SparseVec) => void): boolean {
  const ranges = sentenceRanges(f);
  if (ranges.length < 2) return false;
  for (const [from, to] of ranges) visit(partVector(f, from, to));
  return true;
}

/** The highest logit among the comment's sentences, or null when it has fewer than two. */
export function worstSentenceLogit(f: Featurized, logitOf: PartLogit): number | null {
  let worst = -Infinity;
  return forEachSentenceVector(f, (vec) => { worst = Math.max(worst, logitOf(vec)); }) ? worst : null;
}

/** The comment's logit raised towards its worst sentence's by `weight` (0 leaves it as it is). */
export function raiseToWorstSentence(z: number, worst: number | null, weight: number): number {
  return worst === null || weight === 0 ? z : z + weight * Math.max(0, worst - z);
}
