// Phase 7: the nudge. In auto mode, a comment that would be held only for incivility (toxicity,
// attack or profanity between the review and reject thresholds; never threats, hate, spam or the
// site's word lists) goes back to its author once, naming the words that raised it, so they can
// reword it. Nothing is stored. If the author posts it anyway (nudgeAcknowledged), it waits for review.
import type { Phase } from '../pipeline.js';
import type { Reason, Span } from '../types.js';
import { assess, heldOnlyForIncivility, INCIVILITY } from '../assess.js';
import { mergeSpans } from '../pipeline.js';

/** Up to this many quoted words in the message; the spans carry all of them. */
const MAX_QUOTED = 5;
const MAX_QUOTE_CHARS = 40;

/** The words and short phrases to name: a span over the whole comment names nothing in particular. */
export function nameableWords(text: string, reasons: Reason[]): string[] {
  const short = ([s, e]: Span): boolean => e - s <= MAX_QUOTE_CHARS && e - s < text.length;
  const spans = mergeSpans(reasons.flatMap((r) => r.spans).filter(short)).filter(short);
  return [...new Set(spans.map(([s, e]: Span) => text.slice(s, e).trim()).filter(Boolean))];
}

// Worded for a new comment and an edit alike (the engine is not told which): "keep it as it is" is
// what the author does by posting, or by saving an edit, anyway.
export function nudgeMessage(text: string, reasons: Reason[]): string {
  const words = nameableWords(text, reasons).slice(0, MAX_QUOTED);
  const which = words.length ? `, especially ${words.map((w) => `"${w}"`).join(', ')}` : '';
  return `Your comment may come across as uncivil${which}. Would you like to reword it? ` +
    'If you keep it as it is, a moderator will review it before it is published.';
}

export const nudgePhase: Phase = {
  name: 'nudge',
  run(input, state) {
    if (state.mode !== 'auto') return {};
    const a = assess(state.scores, state.reasons, input.policy.thresholds);
    if (!heldOnlyForIncivility(a)) return {};
    const whole: Span[] = [[0, input.comment.text.length]];
    if (input.comment.nudgeAcknowledged) {
      return { reasons: [{ label: 'nudge_acknowledged', score: 1, spans: whole,
        detail: 'The author was asked to reword this comment and chose to keep it as it is.' }] };
    }
    const reasons = state.reasons.filter((r) => INCIVILITY.includes(r.label)).map((r) => ({ ...r, spans: [...r.spans] }));
    // The nudge names the words that raised it; when the models point at no particular words there
    // is nothing to reword, and a moderator decides instead.
    if (!nameableWords(input.comment.text, reasons).length) return {};
    return { decision: { decision: 'review', status: 'pending', nudge: { message: nudgeMessage(input.comment.text, reasons), reasons } } };
  },
};
