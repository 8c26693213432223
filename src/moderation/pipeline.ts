// The moderation runner: phases run in their declared order, each sees what the earlier ones found.
// Scores merge by maximum, reasons collect (one per label, spans united), and the first phase that
// returns a decision ends the run. The trail records which phases ran.
import { LABELS, type CommentStatus, type Decision, type Label, type ModerationInput, type ModerationMode,
  type ModerationResult, type Nudge, type Reason, type Scores, type Span } from './types.js';
import type { LabelScore, Scorer } from './deps.js';
import { riskOf } from './assess.js';

/** What a phase decides when it ends the run. */
export interface PhaseDecision {
  decision: Decision;
  status: CommentStatus;
  nudge?: Nudge;
  flagged?: boolean;
}

/** What a phase returns: any of scores to merge, reasons to add, and a decision that ends the run. */
export interface PhaseResult {
  scores?: Partial<Scores>;
  reasons?: Reason[];
  decision?: PhaseDecision;
}

/** The run so far, shared by the phases (read it; return what you add). */
export interface PipelineState {
  readonly scorer: Scorer;
  /** The effective mode: the story's, else the site's. */
  readonly mode: ModerationMode;
  readonly scores: Scores;
  readonly reasons: Reason[];
  readonly trail: string[];
  /** The models' scores for the comment (computed once, on first use). */
  model(): Record<Label, LabelScore>;
}

export interface Phase {
  name: string;
  run(input: ModerationInput, state: PipelineState): PhaseResult;
}

export function emptyScores(): Scores {
  const scores = {} as Scores;
  for (const l of LABELS) scores[l] = 0;
  return scores;
}

/** Sorted, de-duplicated spans; overlapping or touching ranges are joined. */
export function mergeSpans(spans: Span[]): Span[] {
  if (spans.length < 2) return spans.length && spans[0][1] > spans[0][0] ? [[spans[0][0], spans[0][1]]] : []; // the usual case
  const sorted = spans.filter((s) => s[1] > s[0]).map((s): Span => [s[0], s[1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push(s);
  }
  return out;
}

/** Adds a reason with the given score, joining it with an earlier reason of the same label (max score, united spans). */
function addReason(reasons: Reason[], reason: Reason, score: number): void {
  let same: Reason | undefined;
  for (const r of reasons) if (r.label === reason.label) { same = r; break; }
  if (!same) {
    reasons.push({ ...reason, score, spans: mergeSpans(reason.spans) });
    return;
  }
  same.score = Math.max(same.score, score);
  same.spans = mergeSpans([...same.spans, ...reason.spans]);
  if (reason.detail && reason.detail !== same.detail) same.detail = same.detail ? `${same.detail} ${reason.detail}` : reason.detail;
}

const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

export function effectiveMode(input: ModerationInput): ModerationMode {
  return input.story.mode ?? input.policy.mode;
}

export function runPipeline(input: ModerationInput, phases: readonly Phase[], scorer: Scorer): ModerationResult {
  const scores = emptyScores();
  const reasons: Reason[] = [];
  const trail: string[] = [];
  let modelMemo: Record<Label, LabelScore> | undefined;
  const story = input.story.title || input.story.body ? { title: input.story.title, body: input.story.body ?? null } : null;
  const state: PipelineState = {
    scorer,
    mode: effectiveMode(input),
    scores,
    reasons,
    trail,
    model: () => (modelMemo ??= scorer.score(input.comment.text, story, input.thread)),
  };

  let decided: PhaseDecision | undefined;
  for (const phase of phases) {
    trail.push(phase.name);
    const out = phase.run(input, state);
    const phaseScores = out.scores as Record<Label, number> | undefined;
    for (const label in phaseScores) scores[label as Label] = Math.max(scores[label as Label], clamp01(phaseScores[label as Label]));
    if (out.reasons) for (const reason of out.reasons) addReason(reasons, reason, clamp01(reason.score));
    if (out.decision) {
      decided = out.decision;
      break;
    }
  }
  // The policy phase always decides; a phase list without one leaves the comment for a human.
  decided ??= { decision: 'review', status: 'pending' };

  const result: ModerationResult = {
    decision: decided.decision,
    status: decided.status,
    scores,
    reasons: reasons.length > 1 ? reasons.sort((a, b) => b.score - a.score) : reasons,
    risk: riskOf(scores, reasons),
    flagged: decided.flagged ?? false,
    trail,
  };
  if (decided.nudge) result.nudge = decided.nudge;
  return result;
}
