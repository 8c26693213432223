// Content words of a text for relevance: lowercase word tokens that are not stop words, stemmed.
// Story text and thread comments are shared by many comments, so their stems are cached per text.
import { normalize, wordsOfNormalized } from '../normalize.js';
import { STOP_WORDS } from '../lexicons/stopwords.js';
import { stem, type Analysis, type StoryText } from './common.js';

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
  const stems = contentStems(wordsOfNormalized(normalize(text).text));
  if (stemCache.size >= STEM_CACHE_SIZE) stemCache.delete(stemCache.keys().next().value!);
  stemCache.set(text, stems);
  return stems;
}

/** The content stems of a story's title and body and of each comment of its thread: one cached set per text,
 *  asked in turn (a union of them was a new set per comment). */
export class StoryStems {
  constructor(private readonly sets: readonly Set<string>[]) {}

  has(stem: string): boolean {
    for (const set of this.sets) if (set.has(stem)) return true;
    return false;
  }
}

/** The last story seen and its stems: the off-topic and unsubstantial rules ask for the same one in turn. */
let last: { story: StoryText; title: string; body: string | null | undefined; thread: readonly string[] | undefined; threadLength: number; stems: StoryStems } | undefined;

/** Content stems of the story's title, body and thread (read-only: shared between calls). */
export function storyStems(story: StoryText): StoryStems {
  const threadLength = story.thread?.length ?? 0;
  if (last && last.story === story && last.title === story.title && last.body === story.body && last.thread === story.thread && last.threadLength === threadLength) {
    return last.stems;
  }
  const sets = [stemsOfText(story.title + '\n' + (story.body ?? ''))];
  if (story.thread) for (const t of story.thread) sets.push(stemsOfText(t));
  const stems = new StoryStems(sets);
  last = { story, title: story.title, body: story.body, thread: story.thread, threadLength, stems };
  return stems;
}

/** The comment's content stems, worked out once per analysis (the off-topic and unsubstantial rules both ask). */
export function commentStems(a: Analysis): Set<string> {
  return (a.stems ??= contentStems(a.words));
}

export function hasStoryText(story?: StoryText): story is StoryText {
  return !!story && (story.title.trim().length > 0 || !!story.body?.trim() || (story.thread?.length ?? 0) > 0);
}
