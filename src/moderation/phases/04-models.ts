// Phase 4: the models. Toxicity, severe toxicity, attack (insult), threat, identity hate, profanity
// and spam from the scorer; every label at or above the site's review threshold becomes a reason
// with the spans (words) that raised it.
import type { Phase } from '../pipeline.js';
import type { Label, Reason } from '../types.js';
import type { LabelScore } from '../deps.js';

export const HARM_LABELS: readonly Label[] = ['toxicity', 'severe_toxicity', 'attack', 'threat', 'hate', 'profanity', 'spam'];

const DETAIL: Partial<Record<Label, string>> = {
  toxicity: 'The model finds the comment rude or disrespectful.',
  severe_toxicity: 'The model finds the comment very hateful or aggressive.',
  attack: 'The model finds an insult or attack on a person.',
  threat: 'The model finds a threat of violence.',
  hate: 'The model finds hate against a group (identity attack).',
  profanity: 'The model finds swearing or obscene words.',
  spam: 'The model finds the comment looks like spam.',
  off_topic: 'The model finds the comment unrelated to the story and its thread.',
  unsubstantial: 'The model finds the comment adds little to the discussion.',
};

/** Scores and reasons for some labels of the scorer's output (shared with the relevance phase). */
export function modelOutput(labels: readonly Label[], model: Record<Label, LabelScore>, review: number, text: string) {
  const scores: Partial<Record<Label, number>> = {};
  const reasons: Reason[] = [];
  for (const label of labels) {
    const { score } = model[label];
    scores[label] = score;
    if (score < review) continue;
    // Spans are read only here: the scorer works them out lazily, and most labels never need them.
    const spans = model[label].spans;
    // A judgement of the comment as a whole (no particular words) points at the whole comment.
    reasons.push({ label, score, spans: spans.length ? spans : [[0, text.length]], detail: DETAIL[label] });
  }
  return { scores, reasons };
}

export const modelPhase: Phase = {
  name: 'models',
  run(input, state) {
    let model: Record<Label, LabelScore>;
    try {
      model = state.model();
    } catch (err) {
      // Broken or missing model files must not lose a reader's comment: a human decides instead.
      const why = err instanceof Error ? err.message : String(err);
      return { reasons: [{ label: 'model_error', score: 1, spans: [[0, input.comment.text.length]], detail: `The models could not score this comment (${why}); a moderator should look.` }] };
    }
    return modelOutput(HARM_LABELS, model, input.policy.thresholds.review, input.comment.text);
  },
};
