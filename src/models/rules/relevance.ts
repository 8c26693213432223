// Content words of a text for relevance: lowercase word tokens that are not stop words, stemmed.
// Story text is long and shared by many comments, so its stems are cached.
import { normalize, tokensOfNormalized } from '../normalize.js';
import { STOP_WORDS } from '../lexicons/stopwords.js';
import { stem, type StoryText } from './common.js';

const LETTERS = /^[a-z][a-z']+$/;

export function contentStems(words: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const w of words) if (w.length >= 3 && LETTERS.test(w) && !STOP_WORDS.has(w)) out.add(stem(w));
  return out;
}

const storyCache = new Map<string, Set<string>>();

function stemsOfText(text: string): Set<string> {
  return contentStems(tokensOfNormalized(text, normalize(text)).map((t) => t.word));
}

/** Content stems of the story's title, body and thread (title and body cached). */
export function storyStems(story: StoryText): Set<string> {
  const key = story.title + '\u0000' + (story.body ?? '');
  let stems = storyCache.get(key);
  if (!stems) {
    stems = stemsOfText(key.replace('\u0000', '\n'));
    if (storyCache.size >= 200) storyCache.delete(storyCache.keys().next().value!);
    storyCache.set(key, stems);
  }
  if (!story.thread || story.thread.length === 0) return stems;
  const all = new Set(stems);
  for (const t of story.thread) for (const s of stemsOfText(t)) all.add(s);
  return all;
}

export function hasStoryText(story?: StoryText): story is StoryText {
  return !!story && (story.title.trim().length > 0 || !!story.body?.trim() || (story.thread?.length ?? 0) > 0);
}
