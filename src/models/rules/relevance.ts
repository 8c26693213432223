// Content words of a text for relevance: lowercase word tokens that are not stop words, stemmed.
// Story text and thread comments are shared by many comments, so their stems are cached per text.
import { normalizedText, wordsOfNormalized } from '../normalize.js';
import { STOP_WORDS } from '../lexicons/stopwords.js';
import { stem, type Analysis, type StoryText } from './common.js';

const LETTERS = /^[a-z][a-z']+$/;

export function contentStems(words: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const w of words) if (w.length >= 3 && LETTERS.test(w) && !STOP_WORDS.has(w)) out.add(stem(w));
  return out;
}

/** Text → its content stems, least recently used first. A story's title and body, and each comment of
 *  its thread, are stemmed once and reused by every comment posted under it until they drop out.
 *  Each text's stems are kept as one flat string, " stem stem … " (stems are letters and apostrophes, never
 *  a space): an entry lives long enough to be promoted, and a Set of ~30 strings was ~5 times the bytes
 *  every young-generation collection copied and promoted. */
const stemCache = new Map<string, string>();
const STEM_CACHE_SIZE = 1000;

function stemsOfText(text: string): string {
  const hit = stemCache.get(text);
  if (hit !== undefined) {
    stemCache.delete(text);
    stemCache.set(text, hit);
    return hit;
  }
  // join() makes a flat string (concatenation would keep a tree of pieces alive)
  const stems = ['', ...contentStems(wordsOfNormalized(normalizedText(text))), ''].join(' ');
  if (stemCache.size >= STEM_CACHE_SIZE) stemCache.delete(stemCache.keys().next().value!);
  stemCache.set(text, stems);
  return stems;
}

/** Whether `stem` is one of the space-separated stems of `stems` (" a b c "). */
function hasStem(stems: string, stem: string): boolean {
  for (let i = stems.indexOf(stem); i >= 0; i = stems.indexOf(stem, i + 1)) {
    if (stems.charCodeAt(i - 1) === 32 && stems.charCodeAt(i + stem.length) === 32) return true;
  }
  return false;
}

/** The content stems of a story's title and body and of each comment of its thread: one cached list per text,
 *  asked in turn (a union of them was a new set per comment). */
export class StoryStems {
  constructor(private readonly lists: readonly string[]) {}

  has(stem: string): boolean {
    for (const stems of this.lists) if (hasStem(stems, stem)) return true;
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
  const lists = [stemsOfText(story.title + '\n' + (story.body ?? ''))];
  if (story.thread) for (const t of story.thread) lists.push(stemsOfText(t));
  const stems = new StoryStems(lists);
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
