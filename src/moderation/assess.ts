// How scores and reasons turn into an action, shared by the nudge and policy phases so that both
// agree on what "would be held" means. Thresholds are the site's (policy.thresholds).
import type { Label, Reason, Scores, Thresholds } from './types.js';

export type Action = 'reject' | 'hold' | 'note';

/** Clear violations: held at the review threshold, rejected at the reject threshold. */
const REJECTABLE: readonly Label[] = ['severe_toxicity', 'threat', 'hate', 'spam'];
/**
 * Held at the review threshold but never rejected on their own. Swearing is a matter of tone; and the
 * broad toxicity and attack scores measure rudeness, not severity: the models give "What a damn mess,
 * the planners screwed this up." 0.97 toxicity. Rude comments are the nudge's case (the author may
 * reword); a rude comment that is also severe is rejected through severe_toxicity, which the scorer
 * raises only when rudeness comes with threat, hate, swearing or a personal attack.
 */
const HOLD_ONLY: Partial<Record<Label, 'review' | 'reject'>> = { toxicity: 'review', attack: 'review', profanity: 'review' };
// off_topic and unsubstantial never hold a comment: they are about quality, not harm. They are shown
// as reasons and raise the queue order (risk), and a site in premod sees them first-hand. (Measured on
// the SFU news comments, holding clear off-topic ones would have held a quarter of on-topic comments
// whose story had only a title.)
/** The only labels the nudge may be about: incivility the author can fix by rewording. */
export const INCIVILITY: readonly string[] = ['toxicity', 'attack', 'profanity'];
/** Phase reasons (not model labels) that hold a comment for review. */
const HOLDING_REASONS: readonly string[] = ['suspect_word', 'too_many_links', 'burst', 'author_history', 'nudge_acknowledged', 'model_error'];

export interface Assessment {
  action: Action;
  /** The labels / reasons behind the action (empty for 'note'). */
  because: string[];
  /** Rejected (only) as spam: stored with status spam. */
  spam: boolean;
}

export function actionFor(label: string, score: number, t: Thresholds): Action {
  if ((REJECTABLE as readonly string[]).includes(label)) {
    if (score >= t.reject) return 'reject';
    return score >= t.review ? 'hold' : 'note';
  }
  const holdAt = HOLD_ONLY[label as Label];
  if (holdAt) return score >= t[holdAt] ? 'hold' : 'note';
  return HOLDING_REASONS.includes(label) ? 'hold' : 'note';
}

export function assess(scores: Scores, reasons: readonly Reason[], t: Thresholds): Assessment {
  const rejects: string[] = [];
  const holds: string[] = [];
  // Each label once: a reason first (with the larger of its score and the label's), then the scores.
  // (Loops rather than a Set, a closure and Object.entries: this runs twice per comment.)
  const seen: string[] = [];
  const all = scores as Record<string, number>;
  for (const r of reasons) {
    if (seen.includes(r.label)) continue;
    seen.push(r.label);
    sortAction(r.label, actionFor(r.label, Math.max(r.score, all[r.label] ?? 0), t), rejects, holds);
  }
  for (const label in scores) {
    if (seen.includes(label)) continue;
    sortAction(label, actionFor(label, all[label]!, t), rejects, holds);
  }
  if (rejects.length) return { action: 'reject', because: rejects, spam: rejects.every((l) => l === 'spam') };
  if (holds.length) return { action: 'hold', because: holds, spam: false };
  return { action: 'note', because: [], spam: false };
}

function sortAction(label: string, action: Action, rejects: string[], holds: string[]): void {
  if (action === 'reject') rejects.push(label);
  else if (action === 'hold') holds.push(label);
}

/** Held only for incivility (toxicity, attack, profanity below the reject threshold): the nudge's case. */
export function heldOnlyForIncivility(a: Assessment): boolean {
  return a.action === 'hold' && a.because.length > 0 && a.because.every((l) => INCIVILITY.includes(l));
}

/** Weight of each label in the queue's risk order: harm first, quality last. */
const RISK_WEIGHT: Record<Label, number> = {
  toxicity: 1, severe_toxicity: 1, attack: 1, threat: 1, hate: 1, profanity: 0.7, spam: 1, off_topic: 0.4, unsubstantial: 0.2,
};
const REASON_RISK: Record<string, number> = {
  banned_word: 1, banned_author: 1, repeat: 0.9, suspect_word: 0.8, too_many_links: 0.7, burst: 0.7,
  author_history: 0.6, nudge_acknowledged: 0.6, model_error: 0.5, first_comment: 0.3,
};

/** 0..1: how urgently a moderator should look. The strongest signal counts, weighted by kind. */
export function riskOf(scores: Scores, reasons: readonly Reason[]): number {
  let risk = 0;
  for (const label in RISK_WEIGHT) risk = Math.max(risk, RISK_WEIGHT[label as Label] * scores[label as Label]);
  for (const r of reasons) {
    const w = REASON_RISK[r.label];
    if (w !== undefined) risk = Math.max(risk, w * r.score);
  }
  return Math.round(risk * 1e4) / 1e4;
}
