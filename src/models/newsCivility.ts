// Parley's own hand-written news-comment set (src/models/corpus/news-civility.txt, the project's license):
// mild incivility as it appears under news stories (insults at commenters, condescension, dismissiveness,
// sarcasm, name-calling, unfair generalisation, hostility without swearing) against civil comments,
// including hard negatives (strong disagreement, quoted insults, violent words in reporting).
// It is allowed for training (it is ours), and it is the development set for news-comment design decisions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { split } from './datasets.js';
import { repoRoot } from './scorer.js';

export interface NewsComment {
  text: string;
  /** 1 = uncivil */
  uncivil: number;
  /** 1 = adds something to the discussion */
  constructive: number;
  kind: string;
}

/** Found from the repository root, so that the bundled CLI (dist/) reads the same file as the sources. */
export const NEWS_CIVILITY_FILE = join(repoRoot(), 'src', 'models', 'corpus', 'news-civility.txt');
/** Fixed split seed: half trains the toxicity model, half is held out for choosing its weight. */
export const NEWS_SPLIT_SEED = 20261124;

export function parseNewsCivility(content: string): NewsComment[] {
  return parseSections(content, 'news-civility', /^## (uncivil|civil) (\S+)\s*$/, /^([+-]) (.+)$/, '"+ text" or "- text" inside a "## civil|uncivil kind" section',
    (head, item) => ({ text: item[2].trim(), uncivil: head[1] === 'uncivil' ? 1 : 0, constructive: item[1] === '+' ? 1 : 0, kind: head[2] }));
}

/**
 * The hand-written sets' shared layout: "## <label> <kind>" headings, then one item per line; lines starting
 * with "#" and blank lines are skipped. `make` builds an item from its heading's match and its own.
 */
function parseSections<T>(content: string, name: string, heading: RegExp, item: RegExp, expected: string, make: (head: RegExpExecArray, item: RegExpExecArray) => T): T[] {
  const out: T[] = [];
  let head: RegExpExecArray | null = null;
  content.split('\n').forEach((line, i) => {
    const section = heading.exec(line);
    if (section) { head = section; return; }
    if (!line.trim() || line.startsWith('#')) return;
    const match = item.exec(line);
    if (!match || !head) throw new Error(`${name} line ${i + 1}: expected ${expected}`);
    out.push(make(head, match));
  });
  return out;
}

/** Seeded split, stratified by the 0/1 label so both halves stay balanced: 50% train, 50% dev. */
function stratifiedHalves<T>(all: T[], label: (e: T) => number, seed: number): { train: T[]; dev: T[] } {
  const parts = [0, 1].map((c) => split(all.filter((e) => label(e) === c), seed + c, 0.5, 0.5));
  return { train: parts.flatMap((p) => p.train), dev: parts.flatMap((p) => p.val) };
}

let cached: NewsComment[] | null = null;
export function loadNewsCivility(): NewsComment[] {
  return (cached ??= parseNewsCivility(readFileSync(NEWS_CIVILITY_FILE, 'utf8')));
}

/** Seeded split, stratified by civil/uncivil: 50% train, 50% dev. */
export function newsCivilitySplit(): { train: NewsComment[]; dev: NewsComment[] } {
  return stratifiedHalves(loadNewsCivility(), (e) => e.uncivil, NEWS_SPLIT_SEED);
}

/** Parley's own comment-spam examples (src/models/corpus/comment-spam.txt): one spam comment per line. */
export const COMMENT_SPAM_FILE = join(repoRoot(), 'src', 'models', 'corpus', 'comment-spam.txt');
export function loadCommentSpam(): string[] {
  return readFileSync(COMMENT_SPAM_FILE, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

/**
 * Parley's own identity-hate set (src/models/corpus/identity-hate.txt): comments that attack people for who
 * they are (religion, ethnicity, nationality, gender, sexuality, disability) without slurs, against hard
 * negatives that name the same groups (neutral mentions, condemnation, quotes, policy criticism, insults
 * that are not about identity). Half trains the hate model, half is its dev set (as for news civility).
 */
export interface IdentityHateComment { text: string; hate: number; kind: string }
export const IDENTITY_HATE_FILE = join(repoRoot(), 'src', 'models', 'corpus', 'identity-hate.txt');
export const IDENTITY_HATE_SPLIT_SEED = 20261125;

export function parseIdentityHate(content: string): IdentityHateComment[] {
  return parseSections(content, 'identity-hate', /^## (hate|not_hate) (\S+)\s*$/, /^- (.+)$/, '"- text" inside a "## hate|not_hate kind" section',
    (head, item) => ({ text: item[1].trim(), hate: head[1] === 'hate' ? 1 : 0, kind: head[2] }));
}

let cachedHate: IdentityHateComment[] | null = null;
export function loadIdentityHate(): IdentityHateComment[] {
  return (cachedHate ??= parseIdentityHate(readFileSync(IDENTITY_HATE_FILE, 'utf8')));
}

/** Seeded split, stratified by hate/not: 50% train, 50% dev. */
export function identityHateSplit(): { train: IdentityHateComment[]; dev: IdentityHateComment[] } {
  return stratifiedHalves(loadIdentityHate(), (e) => e.hate, IDENTITY_HATE_SPLIT_SEED);
}
