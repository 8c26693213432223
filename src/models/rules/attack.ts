// Attack / insult: a negative judgement aimed at a person — the reader ("you are an idiot", "your stupid
// article"), the author ("the author is a moron") or a named person ("Smith is a liar") — rather than at
// an idea. Also scored: insults used as a vocative ("what an idiot"), "f*** you", and, with a small
// weight, dismissive and condescending phrases ("educate yourself", "nobody cares").
import type { Normalized } from '../normalize.js';
import { INSULT_ADJECTIVES, INSULT_NOUNS } from '../lexicons/insults.js';
import { DISMISSIVE_PHRASES, TAUNT_WORDS } from '../lexicons/dismissive.js';
import { analyze, mergeSpans, noisyOr, PhraseSet, SECOND_PERSON, spanOf, type RuleResult, type Span } from './common.js';
import { wordRoots } from './profanity.js';
import { STOP_WORDS } from '../lexicons/stopwords.js';

const insultNouns = new PhraseSet(INSULT_NOUNS);
const insultAdjectives = new Set(INSULT_ADJECTIVES);
const dismissive = new PhraseSet(DISMISSIVE_PHRASES);
const taunts = new Set(TAUNT_WORDS);

/** Words that may sit between the target and the insult: "you are such a complete idiot". */
const FILLERS = new Set([
  'are', 'is', 'r', 're', 'was', 'were', 'be', 'being', 'am', 'a', 'an', 'the', 'such', 'so', 'just', 'really',
  'truly', 'very', 'absolute', 'absolutely', 'complete', 'completely', 'total', 'totally', 'utter', 'utterly',
  'real', 'little', 'big', 'biggest', 'sound', 'sounds', 'look', 'looks', 'seem', 'seems', 'act', 'acting',
  'like', 'one', 'of', 'most', 'pure', 'clearly', 'obviously', 'nothing', 'but', 'still', 'an', 'typical',
  'bunch', 'pathetic', 'ignorant', 'stupid', 'dumb', 'fucking', 'freaking', 'bloody', 'damn', 'stinking',
]);
/** Third persons a comment attacks: the author, the people it reports on. */
const THIRD_PERSON = new Set([
  'he', 'she', 'they', "he's", "she's", "they're", 'author', 'writer', 'reporter', 'journalist', 'editor',
  'columnist', 'guy', 'man', 'woman', 'poster', 'commenter', 'commentator', 'minister', 'premier', 'president',
  'mayor', 'leader', 'pm', 'government', 'people', 'these', 'those', 'liberals',
  'conservatives',
]);
const SUCKS = new Set(['suck', 'sucks', 'sucked', 'stink', 'stinks', 'blows']);
const SWEAR_AT = new Set(['fuck', 'screw', 'damn', 'f', 'stfu', 'gtfo', 'fuk']);

export const WEIGHTS = {
  secondPersonNoun: 0.9,
  secondPersonAdjective: 0.75,
  secondPersonPossessive: 0.55,
  thirdPersonNoun: 0.75,
  thirdPersonAdjective: 0.45,
  vocative: 0.7,
  swearAt: 0.85,
  bareNoun: 0.5,
  bareAdjective: 0.25,
  sucks: 0.6,
  dismissive: 0.3,
  taunt: 0.06,
};

function isInsultAt(words: string[], i: number): 'noun' | 'adjective' | null {
  if (insultNouns.has(words[i])) return 'noun';
  if (insultAdjectives.has(words[i])) return 'adjective';
  const root = wordRoots(words)[i];
  return root && root !== 'fuck' && root !== 'shit' ? 'noun' : null;
}

export function attack(text: string, n?: Normalized): RuleResult {
  const { tokens, words } = analyze(text, n);
  const weights: number[] = [];
  const spans: Span[] = [];
  const f = { insult_hits: 0, second_person_insults: 0, third_person_insults: 0, dismissive_hits: 0, second_person: 0 };
  const used = new Set<number>();

  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (SECOND_PERSON.has(w)) f.second_person++;
    const isSecond = SECOND_PERSON.has(w);
    const isThird = THIRD_PERSON.has(w) || isNameAt(text, tokens, i);
    if (!isSecond && !isThird) continue;
    // Walk over fillers to the first content word after the target.
    for (let k = i + 1; k < words.length && k <= i + 5; k++) {
      let kind = isInsultAt(words, k);
      if (kind === 'adjective') {
        // "you stupid idiot": the noun after the adjective is the stronger insult.
        for (let j = k + 1; j < words.length && j <= k + 2; j++) {
          if (isInsultAt(words, j) === 'noun') {
            used.add(k);
            k = j;
            kind = 'noun';
            break;
          }
        }
      }
      if (kind) {
        used.add(k);
        const possessive = w === 'your' || w === 'ur';
        const weight = isSecond
          ? possessive
            ? WEIGHTS.secondPersonPossessive
            : kind === 'noun' ? WEIGHTS.secondPersonNoun : WEIGHTS.secondPersonAdjective
          : kind === 'noun' ? WEIGHTS.thirdPersonNoun : WEIGHTS.thirdPersonAdjective;
        weights.push(weight);
        spans.push(spanOf(tokens, i, k));
        if (isSecond) f.second_person_insults++;
        else f.third_person_insults++;
        break;
      }
      if (!FILLERS.has(words[k])) break;
    }
  }
  // "you suck", "this article sucks", "he sucks"
  for (let i = 1; i < words.length; i++) {
    if (!SUCKS.has(words[i])) continue;
    const who = words[i - 1];
    if (SECOND_PERSON.has(who) || THIRD_PERSON.has(who) || isNameAt(text, tokens, i - 1) || who === 'article' || who === 'this' || who === 'it') {
      weights.push(WEIGHTS.sucks);
      spans.push(spanOf(tokens, i - 1, i));
      f.insult_hits++;
    }
  }
  // "fuck you", "screw you", "f off"
  for (let i = 0; i + 1 < words.length; i++) {
    if (SWEAR_AT.has(words[i]) && (SECOND_PERSON.has(words[i + 1]) || words[i + 1] === 'off' || words[i + 1] === 'u')) {
      weights.push(WEIGHTS.swearAt);
      spans.push(spanOf(tokens, i, i + 1));
    } else if (words[i] === 'stfu' || words[i] === 'gtfo') {
      weights.push(WEIGHTS.swearAt);
      spans.push(spanOf(tokens, i, i));
    }
  }
  for (let i = 0; i < words.length; i++) {
    const kind = isInsultAt(words, i);
    if (!kind) continue;
    f.insult_hits++;
    if (used.has(i)) continue;
    const vocative = i > 0 && (words[i - 1] === 'what' || words[i - 1] === 'such') || (i > 1 && (words[i - 2] === 'what' || words[i - 2] === 'such') && (words[i - 1] === 'a' || words[i - 1] === 'an'));
    if (vocative && kind === 'noun') {
      weights.push(WEIGHTS.vocative);
      spans.push(spanOf(tokens, Math.max(0, i - 2), i));
    } else {
      weights.push(kind === 'noun' ? WEIGHTS.bareNoun : WEIGHTS.bareAdjective);
      spans.push(spanOf(tokens, i, i));
    }
  }
  for (const h of dismissive.find(words)) {
    f.dismissive_hits++;
    weights.push(WEIGHTS.dismissive);
    spans.push(spanOf(tokens, h.index, h.index + h.length - 1));
  }
  for (const w of words) if (taunts.has(w)) weights.push(WEIGHTS.taunt);
  return { score: noisyOr(weights), spans: mergeSpans(spans), features: f };
}

/** A capitalized word that is not a common word: most likely a name ("Smith is a liar"). */
function isNameAt(text: string, tokens: { start: number; word: string }[], i: number): boolean {
  const c = text.charCodeAt(tokens[i].start);
  return c >= 65 && c <= 90 && !STOP_WORDS.has(tokens[i].word);
}
