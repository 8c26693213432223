// Phase 1: rate and repetition. The same text again from the same author is rejected; bursts from one
// author or one network address are held for a human.
import type { Phase } from '../pipeline.js';
import type { Reason } from '../types.js';

/** Same text within this window counts as a repeat (a double post or a copy-paste campaign). */
const REPEAT_WINDOW_MS = 24 * 60 * 60 * 1000;
/** More than this many comments from one author in the last minute / ten minutes is a burst. */
const AUTHOR_PER_MINUTE = 3;
const AUTHOR_PER_TEN_MINUTES = 10;
/** More than this many comments from one address in ten minutes (a newsroom or school may share one). */
const ADDRESS_PER_TEN_MINUTES = 20;

/** Compares texts by their words only: case, punctuation and spacing do not make a text new. */
export function sameTextKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * sameTextKey, remembered for the last ~1–2 thousand texts (two generations: the young map becomes the
 * old one when full, the previous old one is dropped). An author's new comment is one of their "recent"
 * texts when they post again, so most keys of recent texts are already known.
 */
const KEY_GENERATION = 1024;
const KEY_CACHE_MAX_CHARS = 2000;
let youngKeys = new Map<string, string>();
let oldKeys = new Map<string, string>();
function cachedKey(text: string): string {
  let key = youngKeys.get(text);
  if (key !== undefined) return key;
  key = oldKeys.get(text) ?? sameTextKey(text);
  if (text.length > KEY_CACHE_MAX_CHARS) return key; // long texts are rare; keep the cache's memory small
  if (youngKeys.size >= KEY_GENERATION) {
    oldKeys = youngKeys;
    youngKeys = new Map();
  }
  youngKeys.set(text, key);
  return key;
}

const isAsciiAlnum = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * sameTextKey(a) === sameTextKey(b) for ASCII texts, without building either key: NFKC leaves ASCII as it
 * is, so both keys are their letter-and-digit runs, lowercased, one space between runs.
 */
function sameAsciiKey(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && !isAsciiAlnum(a.charCodeAt(i))) i++;
    while (j < b.length && !isAsciiAlnum(b.charCodeAt(j))) j++;
    if (i >= a.length || j >= b.length) return i >= a.length && j >= b.length;
    // one run in each, letter by letter (| 32 lowercases a letter and leaves a digit as it is)
    for (;;) {
      const inA = i < a.length && isAsciiAlnum(a.charCodeAt(i));
      const inB = j < b.length && isAsciiAlnum(b.charCodeAt(j));
      if (inA !== inB) return false;
      if (!inA) break;
      if ((a.charCodeAt(i) | 32) !== (b.charCodeAt(j) | 32)) return false;
      i++;
      j++;
    }
  }
}

/** Whether the text has a key at all (a text of punctuation or emoji only repeats nothing). */
function hasKey(text: string): boolean {
  if (!isAscii(text)) return cachedKey(text) !== '';
  for (let i = 0; i < text.length; i++) if (isAsciiAlnum(text.charCodeAt(i))) return true;
  return false;
}

/** Same key; ASCII texts (most) are compared in place, others through their (remembered) keys. */
function sameText(a: string, b: string): boolean {
  return isAscii(a) && isAscii(b) ? sameAsciiKey(a, b) : cachedKey(a) === cachedKey(b);
}

export const ratePhase: Phase = {
  name: 'rate',
  run(input) {
    const now = input.comment.createdAt.getTime();
    const text = input.comment.text;
    // Loops over the author's recent comments rather than filtered copies and closures: this runs on every comment.
    const recent = input.author.recent;
    let inWindow = 0;
    let perMinute = 0;
    let perTen = 0;
    for (const r of recent) {
      const age = now - r.createdAt.getTime();
      if (age < REPEAT_WINDOW_MS) inWindow++;
      if (age < 60_000) perMinute++;
      if (age < 600_000) perTen++;
    }

    // Keys are only compared when there is an earlier comment to compare with.
    if (inWindow && hasKey(text)) {
      for (const earlier of recent) {
        if (!(now - earlier.createdAt.getTime() < REPEAT_WINDOW_MS) || !sameText(text, earlier.text)) continue;
        const minutes = Math.max(0, Math.round((now - earlier.createdAt.getTime()) / 60000));
        return {
          reasons: [{ label: 'repeat', score: 1, spans: [[0, text.length]], detail: `The same author posted the same text ${minutes} minute(s) earlier.` }],
          decision: { decision: 'reject', status: 'rejected' },
        };
      }
    }

    const reasons: Reason[] = [];
    if (perMinute >= AUTHOR_PER_MINUTE || perTen >= AUTHOR_PER_TEN_MINUTES) {
      reasons.push({ label: 'burst', score: 1, spans: [[0, text.length]],
        detail: `The author posted ${perMinute} comment(s) in the last minute and ${perTen} in the last ten minutes.` });
    }
    if (input.author.recentFromAddress >= ADDRESS_PER_TEN_MINUTES) {
      reasons.push({ label: 'burst', score: 1, spans: [[0, text.length]],
        detail: `${input.author.recentFromAddress} comments came from the same network address in the last ten minutes.` });
    }
    return { reasons };
  },
};
