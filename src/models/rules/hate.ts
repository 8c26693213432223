// Identity hate cues: a mention of a group is not hate, what is said about it may be. Scored:
//  - slurs,
//  - a group term next to dehumanizing words ("X are animals", "vermin"),
//  - generalizing frames with a negative word ("all X are ...", "these X ...", "typical X"),
//  - calls for exclusion ("go back to", "deport them all") or violence near a group term,
//  - with a very small weight, a bare group mention (it lets the learned model combine it).
import type { Normalized } from '../normalize.js';
import { DEHUMANIZING, EXCLUSION_PHRASES, GENERALIZERS, IDENTITY_TERMS, SLURS } from '../lexicons/identity.js';
import { VIOLENCE_VERBS } from '../lexicons/threats.js';
import { INSULT_NOUNS } from '../lexicons/insults.js';
import { analyze, mergeSpans, noisyOr, PhraseSet, spanOf, type RuleResult, type Span } from './common.js';
import { wordValence } from './valence.js';

const identity = new PhraseSet(IDENTITY_TERMS);
const slurs = new PhraseSet(SLURS);
const dehumanizing = new PhraseSet(DEHUMANIZING);
const exclusion = new PhraseSet(EXCLUSION_PHRASES);
const violence = new PhraseSet(VIOLENCE_VERBS);
const insults = new PhraseSet(INSULT_NOUNS);
const generalizers = new Set(GENERALIZERS);
const COPULA = new Set(['are', 'r', 'were', 'is', 'be', "they're", 'all']);

export const WEIGHTS = {
  slur: 0.85,
  dehumanizingNearGroup: 0.7,
  generalizingNegative: 0.6,
  exclusionNearGroup: 0.65,
  exclusionAlone: 0.25,
  violenceNearGroup: 0.6,
  insultNearGroup: 0.45,
  mention: 0.04,
};
const NEAR = 5;

export function hate(text: string, n?: Normalized): RuleResult {
  const { tokens, words } = analyze(text, n);
  const weights: number[] = [];
  const spans: Span[] = [];
  const groups = identity.find(words);
  const f = { identity_mentions: groups.length, identity_negative_pairs: 0, slur_hits: 0 };

  for (const h of slurs.find(words)) {
    f.slur_hits++;
    weights.push(WEIGHTS.slur);
    spans.push(spanOf(tokens, h.index, h.index + h.length - 1));
  }
  const near = (index: number) => groups.find((g) => Math.abs(g.index - index) <= NEAR);
  const pair = (weight: number, group: { index: number }, index: number, length: number) => {
    f.identity_negative_pairs++;
    weights.push(weight);
    spans.push(spanOf(tokens, Math.min(group.index, index), Math.max(group.index, index + length - 1)));
  };
  if (groups.length > 0) {
    for (const h of dehumanizing.find(words)) {
      const g = near(h.index);
      if (g) pair(WEIGHTS.dehumanizingNearGroup, g, h.index, h.length);
    }
    for (const h of violence.find(words)) {
      const g = near(h.index);
      if (g) pair(WEIGHTS.violenceNearGroup, g, h.index, h.length);
    }
    for (const h of insults.find(words)) {
      const g = near(h.index);
      if (g) pair(WEIGHTS.insultNearGroup, g, h.index, h.length);
    }
    for (const g of groups) {
      weights.push(WEIGHTS.mention);
      // "all X are ...", "these X ...", "X are all ...": a generalization, hateful when negative.
      const before = g.index > 0 ? words[g.index - 1] : '';
      const after = words[g.index + g.length] ?? '';
      if (generalizers.has(before) || COPULA.has(after)) {
        const from = g.index + g.length;
        const to = Math.min(words.length, from + 6);
        for (let k = from; k < to; k++) {
          if (wordValence(words[k]) <= -2) {
            pair(WEIGHTS.generalizingNegative, g, k, 1);
            break;
          }
        }
      }
    }
  }
  for (const h of exclusion.find(words)) {
    const g = groups.find((x) => Math.abs(x.index - h.index) <= NEAR + 3);
    if (g) pair(WEIGHTS.exclusionNearGroup, g, h.index, h.length);
    else {
      weights.push(WEIGHTS.exclusionAlone);
      spans.push(spanOf(tokens, h.index, h.index + h.length - 1));
    }
  }
  return { score: noisyOr(weights), spans: mergeSpans(spans), features: f };
}
