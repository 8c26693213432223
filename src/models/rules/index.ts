// The rule-based labels, and the numeric features the learned models can add to their own.
// Every rule has the same shape: (text, normalized?, story?) → { score 0..1, spans in the original text, features }.
import { normalize, type Normalized, type Token } from '../normalize.js';
import { analyze, analyzeTokens, asciiLetterCounts, type Rule, type RuleResult, type StoryText } from './common.js';
import { attack } from './attack.js';
import { hate } from './hate.js';
import { offTopic } from './off_topic.js';
import { profanity } from './profanity.js';
import { threat } from './threat.js';
import { unsubstantial } from './unsubstantial.js';
import { valenceSums } from './valence.js';

export type { Rule, RuleResult, Span, StoryText } from './common.js';
export { attack, hate, offTopic, profanity, threat, unsubstantial };
export { constructiveness, constructivenessFeatures } from './unsubstantial.js';

/** Rule per label, in the names of src/moderation/types.ts. */
export const RULES = {
  profanity,
  threat,
  attack,
  hate,
  off_topic: offTopic,
  unsubstantial,
} as const satisfies Record<string, Rule>;

export type RuleLabel = keyof typeof RULES;

/** Run every rule on one comment, normalizing once. */
export function runRules(text: string, n: Normalized = normalize(text), story?: StoryText): Record<RuleLabel, RuleResult> {
  return {
    profanity: profanity(text, n),
    threat: threat(text, n),
    attack: attack(text, n),
    hate: hate(text, n),
    off_topic: offTopic(text, n, story),
    unsubstantial: unsubstantial(text, n, story),
  };
}


/** Names of the features ruleFeatures returns, in a fixed order (for a learner's feature vector). */
export const RULE_FEATURE_NAMES = [
  'profanity_hits', 'mild_profanity_hits', 'insult_hits', 'second_person_insults', 'third_person_insults',
  'dismissive_hits', 'second_person', 'threat_pattern_hits', 'violence_words', 'identity_mentions',
  'identity_negative_pairs', 'slur_hits', 'afinn_negative', 'afinn_positive', 'caps_ratio', 'exclamations',
  'words', 'profanity_score', 'attack_score', 'threat_score', 'hate_score',
] as const;

/**
 * Numeric features for the learned models: counts of lexicon and pattern hits, AFINN valence sums,
 * shouting. Raw counts (not squashed): the learner scales them.
 */
export function ruleFeatures(text: string, n: Normalized = normalize(text), normalizedTokens?: readonly Token[]): Record<(typeof RULE_FEATURE_NAMES)[number], number> {
  // The features' words of n.text, when given, spare the rules a second tokenizer pass.
  const { words } = normalizedTokens ? analyzeTokens(text, n, normalizedTokens) : analyze(text, n);
  const p = profanity(text, n);
  const a = attack(text, n);
  const t = threat(text, n);
  const h = hate(text, n);
  const { negative, positive } = valenceSums(words);
  const { letters, upper, bangs } = asciiLetterCounts(text);
  return {
    profanity_hits: p.features!.profanity_hits,
    mild_profanity_hits: p.features!.mild_profanity_hits,
    insult_hits: a.features!.insult_hits,
    second_person_insults: a.features!.second_person_insults,
    third_person_insults: a.features!.third_person_insults,
    dismissive_hits: a.features!.dismissive_hits,
    second_person: a.features!.second_person,
    threat_pattern_hits: t.features!.threat_pattern_hits,
    violence_words: t.features!.violence_words,
    identity_mentions: h.features!.identity_mentions,
    identity_negative_pairs: h.features!.identity_negative_pairs,
    slur_hits: h.features!.slur_hits,
    afinn_negative: negative,
    afinn_positive: positive,
    caps_ratio: letters === 0 ? 0 : upper / letters,
    exclamations: bangs,
    words: words.length,
    profanity_score: p.score,
    attack_score: a.score,
    threat_score: t.score,
    hate_score: h.score,
  };
}
