// Off-topic: the comment is about nothing in the story or its thread. Measured as shared content words
// (stemmed, stop words removed) with the story's title, body and thread. Only scored when story text
// is given, and not for short replies ("Agreed.", "Source?"), which are the unsubstantial rule's business.
import type { Normalized } from '../normalize.js';
import { analyze, type RuleResult, type StoryText } from './common.js';
import { commentStems, hasStoryText, storyStems } from './relevance.js';

/** Fewer content words than this: a short reply, not judged for relevance. */
export const MIN_CONTENT_WORDS = 4;

export function offTopic(text: string, n?: Normalized, story?: StoryText): RuleResult {
  if (!hasStoryText(story)) return { score: 0, spans: [], features: {} };
  const comment = commentStems(analyze(text, n));
  const reference = storyStems(story);
  let shared = 0;
  for (const s of comment) if (reference.has(s)) shared++;
  const features = { content_words: comment.size, story_shared_words: shared };
  if (comment.size < MIN_CONTENT_WORDS) return { score: 0.1, spans: [], features };
  // No shared word at all is the signal; each shared word makes it much less likely.
  const lengthConfidence = Math.min(1, comment.size / 8);
  const score = 0.9 * lengthConfidence * Math.exp(-1.5 * shared);
  return { score, spans: [], features };
}
