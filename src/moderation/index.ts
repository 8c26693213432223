// The one moderation entry point every new or edited comment goes through: the phases below, in
// this order (see pipeline.ts for how they combine). Pure and synchronous: the comment domain
// gathers the author's history, the story, the thread and the site's policy and passes them in.
import { DEFAULT_POLICY, type ModerationInput, type ModerationMode, type ModerationResult } from './types.js';
import { runPipeline, type Phase } from './pipeline.js';
import { loadScorer, type Scorer } from './deps.js';
import { ratePhase } from './phases/01-rate.js';
import { wordListPhase } from './phases/02-wordlists.js';
import { linkPhase } from './phases/03-links.js';
import { modelPhase } from './phases/04-models.js';
import { relevancePhase } from './phases/05-relevance.js';
import { trustPhase } from './phases/06-trust.js';
import { nudgePhase } from './phases/07-nudge.js';
import { policyPhase } from './phases/08-policy.js';

export * from './types.js';

/** The declared order. A phase that decides (reject, nudge, the policy) ends the run. */
export const PHASES: readonly Phase[] = [
  ratePhase, wordListPhase, linkPhase, modelPhase, relevancePhase, trustPhase, nudgePhase, policyPhase,
];

let scorer: Scorer | undefined;

/** The models, loaded once (from the committed model files) on first use. */
export function moderationScorer(): Scorer {
  return (scorer ??= loadScorer());
}

export function moderateComment(input: ModerationInput): ModerationResult {
  return runPipeline(input, PHASES, moderationScorer());
}

/** Input for text scored on its own (`parley classify`, the Perspective endpoint): no author history,
 *  no word lists, the default thresholds. */
export function standaloneInput(
  text: string,
  opts: { mode?: ModerationMode; authorName?: string; story?: { title?: string; body?: string | null } | null } = {},
): ModerationInput {
  return {
    comment: { text, authorName: opts.authorName, createdAt: new Date() },
    author: { approved: 0, rejected: 0, spam: 0, pending: 0, banned: false, recent: [], recentFromAddress: 0, unknown: true },
    story: { title: opts.story?.title ?? '', body: opts.story?.body ?? null },
    policy: { ...DEFAULT_POLICY, mode: opts.mode ?? 'auto' },
  };
}
