// Phase 2: the site's word lists. A banned word rejects the comment; a suspect word holds it for
// review. Matching sees through obfuscation (masked letters, leetspeak, stretched or spaced-out
// letters, zero-width characters, look-alike letters); spans point into the original text.
import type { Phase } from '../pipeline.js';
import type { Span } from '../types.js';
import { findTerms } from '../deps.js';

function quoteTerms(text: string, spans: Span[]): string {
  return [...new Set(spans.map(([s, e]) => `"${text.slice(s, e)}"`))].join(', ');
}

export const wordListPhase: Phase = {
  name: 'wordlists',
  run(input) {
    const text = input.comment.text;
    const { bannedWords, suspectWords } = input.policy;
    if (!bannedWords.length && !suspectWords.length) return {};
    // One pass over the text for both lists; a word on both lists counts as banned.
    const found = findTerms(text, [...bannedWords, ...suspectWords]);
    if (!found.length) return {}; // most comments
    const banned = new Set(bannedWords.map((w) => w.toLowerCase()));
    const spansOf = (isBanned: boolean): Span[] =>
      found.filter((m) => banned.has(m.term.toLowerCase()) === isBanned).map((m): Span => [m.start, m.end]);

    const bannedSpans = spansOf(true);
    if (bannedSpans.length) {
      return {
        reasons: [{ label: 'banned_word', score: 1, spans: bannedSpans, detail: `Contains a word this site does not allow: ${quoteTerms(text, bannedSpans)}.` }],
        decision: { decision: 'reject', status: 'rejected' },
      };
    }
    const suspectSpans = spansOf(false);
    if (!suspectSpans.length) return {};
    return { reasons: [{ label: 'suspect_word', score: 1, spans: suspectSpans, detail: `Contains a word this site reviews: ${quoteTerms(text, suspectSpans)}.` }] };
  },
};
