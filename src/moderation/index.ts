// The one moderation entry point every new or edited comment goes through.
// Until the engine lands this is the policy "All comments are reviewed before being published":
// every comment waits for a human. The moderation engine replaces the body of moderateComment.
import { LABELS, type ModerationInput, type ModerationResult, type Scores } from './types.js';

export * from './types.js';

export function moderateComment(input: ModerationInput): ModerationResult {
  const scores = Object.fromEntries(LABELS.map((l) => [l, 0])) as Scores;
  void input;
  return { decision: 'review', status: 'pending', scores, reasons: [], risk: 0, flagged: false, trail: ['premod'] };
}
