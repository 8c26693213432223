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
  const out: NewsComment[] = [];
  let uncivil = -1;
  let kind = '';
  content.split('\n').forEach((line, i) => {
    const section = /^## (uncivil|civil) (\S+)\s*$/.exec(line);
    if (section) { uncivil = section[1] === 'uncivil' ? 1 : 0; kind = section[2]; return; }
    if (!line.trim() || line.startsWith('#')) return;
    const item = /^([+-]) (.+)$/.exec(line);
    if (!item || uncivil < 0) throw new Error(`news-civility line ${i + 1}: expected "+ text" or "- text" inside a "## civil|uncivil kind" section`);
    out.push({ text: item[2].trim(), uncivil, constructive: item[1] === '+' ? 1 : 0, kind });
  });
  return out;
}

let cached: NewsComment[] | null = null;
export function loadNewsCivility(): NewsComment[] {
  return (cached ??= parseNewsCivility(readFileSync(NEWS_CIVILITY_FILE, 'utf8')));
}

/** Seeded split, stratified by civil/uncivil so both halves stay balanced: 50% train, 50% dev. */
export function newsCivilitySplit(): { train: NewsComment[]; dev: NewsComment[] } {
  const all = loadNewsCivility();
  const parts = [0, 1].map((c) => split(all.filter((e) => e.uncivil === c), NEWS_SPLIT_SEED + c, 0.5, 0.5));
  return { train: parts.flatMap((p) => p.train), dev: parts.flatMap((p) => p.val) };
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
  const out: IdentityHateComment[] = [];
  let hate = -1;
  let kind = '';
  content.split('\n').forEach((line, i) => {
    const section = /^## (hate|not_hate) (\S+)\s*$/.exec(line);
    if (section) { hate = section[1] === 'hate' ? 1 : 0; kind = section[2]; return; }
    if (!line.trim() || line.startsWith('#')) return;
    const item = /^- (.+)$/.exec(line);
    if (!item || hate < 0) throw new Error(`identity-hate line ${i + 1}: expected "- text" inside a "## hate|not_hate kind" section`);
    out.push({ text: item[1].trim(), hate, kind });
  });
  return out;
}

let cachedHate: IdentityHateComment[] | null = null;
export function loadIdentityHate(): IdentityHateComment[] {
  return (cachedHate ??= parseIdentityHate(readFileSync(IDENTITY_HATE_FILE, 'utf8')));
}

/** Seeded split, stratified by hate/not: 50% train, 50% dev. */
export function identityHateSplit(): { train: IdentityHateComment[]; dev: IdentityHateComment[] } {
  const all = loadIdentityHate();
  const parts = [0, 1].map((c) => split(all.filter((e) => e.hate === c), IDENTITY_HATE_SPLIT_SEED + c, 0.5, 0.5));
  return { train: parts.flatMap((p) => p.train), dev: parts.flatMap((p) => p.val) };
}
