// Phase 6: author trust. A banned author's comment is rejected; an author whose comments are mostly
// rejected or spam is held for review; a first comment is noted (it raises the queue order a little).
import type { Phase } from '../pipeline.js';
import type { Reason } from '../types.js';

/** Rejected + spam comments before a poor record counts (one bad day is not a pattern). */
const MIN_BAD = 2;

export const trustPhase: Phase = {
  name: 'trust',
  run(input) {
    const a = input.author;
    const whole: [number, number][] = [[0, input.comment.text.length]];
    if (a.banned) {
      return {
        reasons: [{ label: 'banned_author', score: 1, spans: whole, detail: 'The author is banned from commenting on this site.' }],
        decision: { decision: 'reject', status: 'rejected' },
      };
    }
    const reasons: Reason[] = [];
    const bad = a.rejected + a.spam;
    if (bad >= MIN_BAD && bad >= a.approved) {
      reasons.push({ label: 'author_history', score: bad / (bad + a.approved), spans: whole,
        detail: `The author has ${bad} rejected or spam comment(s) and ${a.approved} approved.` });
    }
    if (!a.unknown && a.approved + bad + a.pending === 0 && a.recent.length === 0) {
      reasons.push({ label: 'first_comment', score: 1, spans: [], detail: "The author's first comment on this site." });
    }
    return { reasons };
  },
};
