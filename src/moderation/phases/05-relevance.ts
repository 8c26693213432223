// Phase 5: relevance to the story. Off-topic (about nothing in the story or its thread) and
// unsubstantial (adds nothing: "I agree 100%", a slogan), scored by the model against the story's
// title and body and the thread.
import type { Phase } from '../pipeline.js';
import { modelOutput } from './04-models.js';

export const relevancePhase: Phase = {
  name: 'relevance',
  run(input, state) {
    // When the models failed, the models phase has already said so.
    if (state.reasons.some((r) => r.label === 'model_error')) return {};
    return modelOutput(['off_topic', 'unsubstantial'], state.model(), input.policy.thresholds.review, input.comment.text);
  },
};
