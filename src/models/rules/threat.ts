// Threat: an intention or wish to hurt someone. News comments talk about killings all the time, so a
// violence word alone is worth little; what counts is who does it to whom:
//  - first person + intent + violence verb + target ("I will kill you", "we're gonna find and shoot them"),
//  - a modal wish in the passive ("you should be shot", "they deserve to be hanged"),
//  - wishes of death and menaces ("hope you die", "watch your back", "we know where you live"),
//  - an imperative aimed at someone ("kill them all", "shoot him").
import type { Normalized } from '../normalize.js';
import { FIRST_PERSON, HARM_WISHES, INTENT_WORDS, MENACES, TARGETS, VIOLENCE_VERBS } from '../lexicons/threats.js';
import { analyze, mergeSpans, noisyOr, PhraseSet, spanOf, type RuleResult, type Span } from './common.js';

const violence = new PhraseSet(VIOLENCE_VERBS);
const wishes = new PhraseSet(HARM_WISHES);
const menaces = new PhraseSet(MENACES);
const firstPerson = new Set(FIRST_PERSON);
const intent = new Set(INTENT_WORDS);
const targets = new Set(TARGETS);
const MODALS = new Set(['should', 'must', 'ought', 'need', 'needs', 'deserve', 'deserves', 'deserved', 'gotta', 'shall', 'will', 'would', 'to']);
const IMPERATIVE_LEAD = new Set(['just', 'go', "let's", 'lets', 'please', 'somebody', 'someone', 'pls']);
/** For each token, whether a clause ends between it and the token before: [.!?;\n] in the text between. */
function clauseBreaks(text: string, tokens: readonly { start: number; end: number }[]): boolean[] {
  const breaks = new Array<boolean>(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    let found = false;
    if (i > 0) {
      for (let p = tokens[i - 1].end; p < tokens[i].start && !found; p++) {
        const c = text.charCodeAt(p);
        found = c === 46 || c === 33 || c === 63 || c === 59 || c === 10; // . ! ? ; \n
      }
    }
    breaks[i] = found;
  }
  return breaks;
}
const SEE = new Set(['see', 'watch', 'let', 'make', 'seeing', 'watching']);

export const WEIGHTS = {
  firstPersonWithTarget: 0.9,
  passiveWish: 0.85,
  wish: 0.85,
  menace: 0.75,
  imperative: 0.6,
  verbWithTarget: 0.3,
  violenceWord: 0.06,
};

export function threat(text: string, n?: Normalized): RuleResult {
  const { tokens, words } = analyze(text, n);
  const weights: number[] = [];
  const spans: Span[] = [];
  const counts = { threat_pattern_hits: 0, violence_words: 0 };

  for (const h of wishes.find(words)) {
    weights.push(WEIGHTS.wish);
    spans.push(spanOf(tokens, h.index, h.index + h.length - 1));
    counts.threat_pattern_hits++;
  }
  for (const h of menaces.find(words)) {
    weights.push(WEIGHTS.menace);
    spans.push(spanOf(tokens, h.index, h.index + h.length - 1));
    counts.threat_pattern_hits++;
  }
  // Clause boundaries between tokens: a pattern must not run across a sentence end. Worked out only when
  // a violence word needs them (most comments have none).
  const hits = violence.find(words);
  const breakBefore = hits.length ? clauseBreaks(text, tokens) : [];
  const sameClause = (a: number, b: number) => {
    for (let k = a + 1; k <= b; k++) if (breakBefore[k]) return false;
    return true;
  };

  for (const h of hits) {
    counts.violence_words++;
    const verbEnd = h.index + h.length - 1;
    const lookBack = Math.max(0, h.index - 6);
    let subject = -1;
    let modal = -1;
    let passive = false;
    for (let k = h.index - 1; k >= lookBack && sameClause(k, h.index); k--) {
      if (firstPerson.has(words[k]) && subject < 0) subject = k;
      if ((intent.has(words[k]) || MODALS.has(words[k])) && modal < 0) modal = k;
      if ((words[k] === 'be' || words[k] === 'get' || words[k] === 'been') && k >= h.index - 2) passive = true;
    }
    let target = -1;
    for (let k = verbEnd + 1; k <= Math.min(words.length - 1, verbEnd + 3) && sameClause(verbEnd, k); k++) {
      if (targets.has(words[k])) {
        target = k;
        break;
      }
    }
    // "I'd love to see him hang", "let them burn": someone made to suffer it.
    const seen = h.index >= 2 && targets.has(words[h.index - 1]) && SEE.has(words[h.index - 2]);
    const atClauseStart = h.index === 0 || breakBefore[h.index] || IMPERATIVE_LEAD.has(words[h.index - 1]);
    if (subject >= 0 && target >= 0 && (modal >= 0 || words[subject].includes("'"))) {
      weights.push(WEIGHTS.firstPersonWithTarget);
      spans.push(spanOf(tokens, subject, target));
      counts.threat_pattern_hits++;
    } else if (seen && (subject >= 0 || words[h.index - 2] === 'let')) {
      weights.push(WEIGHTS.wish);
      spans.push(spanOf(tokens, h.index - 2, verbEnd));
      counts.threat_pattern_hits++;
    } else if (passive && modal >= 0 && words[modal] !== 'to') {
      weights.push(WEIGHTS.passiveWish);
      spans.push(spanOf(tokens, modal, verbEnd));
      counts.threat_pattern_hits++;
    } else if (atClauseStart && target >= 0) {
      weights.push(WEIGHTS.imperative);
      spans.push(spanOf(tokens, h.index, target));
      counts.threat_pattern_hits++;
    } else if (target >= 0) {
      weights.push(WEIGHTS.verbWithTarget);
      spans.push(spanOf(tokens, h.index, target));
    } else {
      weights.push(WEIGHTS.violenceWord);
      spans.push(spanOf(tokens, h.index, verbEnd));
    }
  }
  return { score: noisyOr(weights), spans: mergeSpans(spans), features: counts };
}
