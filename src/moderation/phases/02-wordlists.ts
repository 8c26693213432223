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
    const banned = bannedWords.length ? findTerms(text, bannedWords) : [];
    if (banned.length) {
      const spans = banned.map((m): Span => [m.start, m.end]);
      return {
        reasons: [{ label: 'banned_word', score: 1, spans, detail: `Contains a word this site does not allow: ${quoteTerms(text, spans)}.` }],
        decision: { decision: 'reject', status: 'rejected' },
      };
    }
    const suspect = suspectWords.length ? findTerms(text, suspectWords) : [];
    if (!suspect.length) return {};
    const spans = suspect.map((m): Span => [m.start, m.end]);
    return { reasons: [{ label: 'suspect_word', score: 1, spans, detail: `Contains a word this site reviews: ${quoteTerms(text, spans)}.` }] };
  },
};
