// Phase 8: the site's (or story's) policy makes the decision.
// premod: everything waits for a human ("All comments are reviewed before being published"); the risk
//         orders the queue. auto: publish clean comments, hold borderline ones, reject clear
//         violations (clear spam is stored as spam). postmod: publish, and flag risky ones.
import type { Phase } from '../pipeline.js';
import { assess } from '../assess.js';

export const policyPhase: Phase = {
  name: 'policy',
  run(input, state) {
    const a = assess(state.scores, state.reasons, input.policy.thresholds);
    switch (state.mode) {
      case 'premod':
        // The moderator sees why a clean comment waits too: the policy itself.
        return {
          reasons: [{ label: 'premod', score: 0, spans: [[0, input.comment.text.length]], detail: 'All comments are reviewed before being published.' }],
          decision: { decision: 'review', status: 'pending' },
        };
      case 'postmod':
        return { decision: { decision: 'publish', status: 'approved', flagged: a.action !== 'note' } };
      case 'auto':
      default:
        if (a.action === 'reject') return { decision: { decision: 'reject', status: a.spam ? 'spam' : 'rejected' } };
        if (a.action === 'hold') return { decision: { decision: 'review', status: 'pending' } };
        return { decision: { decision: 'publish', status: 'approved' } };
    }
  },
};
