// Content words of a text for relevance: lowercase word tokens that are not stop words, stemmed.
// Story text and thread comments are shared by many comments, so their stems are cached per text.
import { normalize, tokensOfNormalized } from '../normalize.js';
import { STOP_WORDS } from '../lexicons/stopwords.js';
import { stem, type StoryText } from './common.js';

const LETTERS = /^[a-z][a-z']+$/;

export function contentStems(words: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const w of words) if (w.length >= 3 && LETTERS.test(w) && !STOP_WORDS.has(w)) out.add(stem(w));
  return out;
}

/** Text → its content stems, least recently used first. A story's title and body, and each comment of
 *  its thread, are stemmed once and reused by every comment posted under it until they drop out. */
const stemCache = new Map<string, Set<string>>();
const STEM_CACHE_SIZE = 1000;

function stemsOfText(text: string): Set<string> {
  const hit = stemCache.get(text);
  if (hit) {
    stemCache.delete(text);
    stemCache.set(text, hit);
    return hit;
  }
  const stems = contentStems(tokensOfNormalized(text, normalize(text)).map((t) => t.word));
  if (stemCache.size >= STEM_CACHE_SIZE) stemCache.delete(stemCache.keys().next().value!);
  stemCache.set(text, stems);
  return stems;
}

/** The last story seen and its stems: the off-topic and unsubstantial rules ask for the same one in turn. */
let last: { story: StoryText; title: string; body: string | null | undefined; thread: readonly string[] | undefined; threadLength: number; stems: Set<string> } | undefined;

/** Content stems of the story's title, body and thread (read-only: shared between calls). */
export function storyStems(story: StoryText): Set<string> {
  const threadLength = story.thread?.length ?? 0;
  if (last && last.story === story && last.title === story.title && last.body === story.body && last.thread === story.thread && last.threadLength === threadLength) {
    return last.stems;
  }
  const base = stemsOfText(story.title + '\n' + (story.body ?? ''));
  let stems = base;
  if (story.thread?.length) {
    stems = new Set(base);
    for (const t of story.thread) for (const s of stemsOfText(t)) stems.add(s);
  }
  last = { story, title: story.title, body: story.body, thread: story.thread, threadLength, stems };
  return stems;
}

export function hasStoryText(story?: StoryText): story is StoryText {
  return !!story && (story.title.trim().length > 0 || !!story.body?.trim() || (story.thread?.length ?? 0) > 0);
}
