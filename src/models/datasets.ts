// Loaders for the labelled sets in ../shared/datasets (each folder's README was read; notes inline)
// and the fixed, seeded splits used by `parley train` and `parley eval`.
//
// Licenses decide the role of each set:
//   train + ship: Jigsaw sample (CC0 / CC BY-SA), Davidson (MIT), YouTube spam (CC BY 4.0)
//   evaluation only (never train, tune or select on them): UCC, SFU (CC BY-NC-SA), ETHOS (GPL-3.0)
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mulberry32 as rng } from './random.js';

export interface Example {
  text: string;
  /** 0 or 1 */
  y: number;
}

/** Minimal RFC 4180 CSV reader: quoted fields, doubled quotes, newlines inside quotes. */
export function parseCsv(content: string, separator = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  if (content.charCodeAt(0) === 0xfeff) i = 1; // file BOM
  for (; i < content.length; i++) {
    const c = content[i];
    if (quoted) {
      if (c === '"') {
        if (content[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && content[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

function readTable(path: string, separator = ','): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'), separator);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** Deterministic PRNG (mulberry32) so every split is the same on every machine. */
export { rng };

export function shuffled<T>(items: T[], seed: number): T[] {
  const out = items.slice();
  const rand = rng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function dedupe(examples: Example[]): Example[] {
  const seen = new Set<string>();
  return examples.filter((e) => {
    const key = e.text.trim();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Split after a seeded shuffle: fractions of train and val, the rest is test. */
export function split<T>(items: T[], seed: number, trainFrac: number, valFrac: number): { train: T[]; val: T[]; test: T[] } {
  const s = shuffled(items, seed);
  const a = Math.round(s.length * trainFrac);
  const b = Math.round(s.length * (trainFrac + valFrac));
  return { train: s.slice(0, a), val: s.slice(a, b), test: s.slice(b) };
}

export const SPLIT_SEED = 20261122;

export function defaultDataDir(): string {
  return resolve(process.cwd(), '../shared/datasets');
}

export function hasDatasets(dir: string): boolean {
  return existsSync(join(dir, 'jigsaw-toxic-binary-sample'));
}

// ---- training sets -------------------------------------------------------------------------

/** Jigsaw balanced binary sample: no header, columns text,label. Deduped, then 80/10/10. */
export function loadJigsaw(dir: string) {
  const rows = parseCsv(readFileSync(join(dir, 'jigsaw-toxic-binary-sample/jigsaw_binary_balanced.csv'), 'utf8'));
  const all = dedupe(rows.filter((r) => r.length >= 2).map((r) => ({ text: r[0], y: Number(r[1]) === 1 ? 1 : 0 })));
  return split(all, SPLIT_SEED, 0.8, 0.1);
}

/**
 * Wikipedia talk-page markup that news comments never have (templates, tables, [[links]], == headings ==,
 * signatures and timestamps, indentation colons). Stripped from the Jigsaw TRAINING texts only, so that the
 * model learns what was said rather than "wiki markup = clean"; validation and test keep the raw text.
 */
export function stripWikiMarkup(text: string): string {
  return text
    .replace(/\{\{[^}]*\}\}/g, ' ')
    .replace(/\{\|[\s\S]*?\|\}/g, ' ')
    .replace(/\[\[(?:[^|\]]*\|)?([^\]]*)\]\]/g, '$1')
    .replace(/==+/g, ' ')
    .replace(/\(UTC\)/g, ' ')
    .replace(/\d\d:\d\d, \d{1,2} \w+ \d{4}/g, ' ')
    .replace(/~~~~/g, ' ')
    .replace(/^[:*#]+/gm, '')
    .replace(/'''?/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Davidson tweets: class 0 hate, 1 offensive, 2 neither. Tweet noise (RT @user, &amp;, URLs) cleaned. */
export interface DavidsonExample { text: string; cls: 0 | 1 | 2 }
export function cleanTweet(text: string): string {
  return text
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#\d+;/g, ' ')
    .replace(/\bRT\b/g, ' ').replace(/@\w+:?/g, ' ').replace(/https?:\/\/\S+/g, ' ')
    .replace(/\s+/g, ' ').trim();
}
export function loadDavidson(dir: string) {
  const rows = readTable(join(dir, 'davidson-hate-offensive/labeled_data.csv'));
  const all: DavidsonExample[] = rows.map((r) => ({ text: cleanTweet(r.tweet), cls: Number(r.class) as 0 | 1 | 2 }));
  return split(all, SPLIT_SEED + 1, 0.9, 0.1);
}

/** YouTube spam: five videos. Train on 01–03, validate on 04, test on the held-out 05. */
export const YOUTUBE_VIDEOS = ['Youtube01-Psy', 'Youtube02-KatyPerry', 'Youtube03-LMFAO', 'Youtube04-Eminem', 'Youtube05-Shakira'];
export const YOUTUBE_SPLIT = { train: YOUTUBE_VIDEOS.slice(0, 3), val: [YOUTUBE_VIDEOS[3]], test: [YOUTUBE_VIDEOS[4]] };
export function cleanYoutube(text: string): string {
  return text
    .replace(/\ufeff/g, '')
    .replace(/<br\s*\/?>/gi, ' ').replace(/<a [^>]*>|<\/a>/gi, ' ')
    .replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&')
    .trim();
}
function loadYoutubeVideos(dir: string, videos: string[]): Example[] {
  return videos.flatMap((v) =>
    readTable(join(dir, `youtube-spam/${v}.csv`)).map((r) => ({ text: cleanYoutube(r.CONTENT), y: Number(r.label) === 1 ? 1 : 0 })),
  );
}
/**
 * The spam protocol: leave-one-video-out cross-validation over the first four videos (hyperparameters and
 * threshold), then one model on all four; Shakira is scored once, held out.
 */
export const YOUTUBE_SPAM_CV = { train: YOUTUBE_VIDEOS.slice(0, 4), test: YOUTUBE_VIDEOS[4] };
export function loadYoutubeVideo(dir: string, video: string): Example[] {
  return loadYoutubeVideos(dir, [video]);
}
export function loadYoutube(dir: string) {
  return {
    train: dedupe(loadYoutubeVideos(dir, YOUTUBE_SPLIT.train)),
    val: loadYoutubeVideos(dir, YOUTUBE_SPLIT.val),
    test: loadYoutubeVideos(dir, YOUTUBE_SPLIT.test),
  };
}

// ---- evaluation-only sets (never used for training, tuning or selection) -------------------

/** UCC val+test merged; hostile, and unhealthy = healthy == 0. */
export function loadUcc(dir: string) {
  const rows = ['val.csv', 'test.csv'].flatMap((f) => readTable(join(dir, 'ucc-unhealthy-comments', f)));
  return {
    hostile: rows.map((r) => ({ text: r.comment, y: Number(r.hostile) >= 1 ? 1 : 0 })),
    unhealthy: rows.map((r) => ({ text: r.comment, y: Number(r.healthy) === 0 ? 1 : 0 })),
  };
}

/** SFU: toxicity level (answer 1) ≥ 2, constructive yes vs no (not_sure dropped); the story title rides along. */
export interface SfuExample extends Example { title: string }
export function loadSfu(dir: string) {
  const rows = readTable(join(dir, 'sfu-constructiveness-toxicity/SFU_constructiveness_toxicity.csv'));
  return {
    toxicity: rows.map((r) => ({ text: r.comment, title: r.title, y: Number(r.is_toxic_popular_answer_1) >= 2 ? 1 : 0 })),
    constructive: rows
      .filter((r) => r.is_constructive === 'yes' || r.is_constructive === 'no')
      .map((r) => ({ text: r.comment, title: r.title, y: r.is_constructive === 'yes' ? 1 : 0 })),
  };
}

/** ETHOS binary (semicolon-separated): isHate is an annotator fraction, ≥ 0.5 → hate. */
export function loadEthos(dir: string): Example[] {
  return readTable(join(dir, 'ethos-hate-speech/Ethos_Dataset_Binary.csv'), ';').map((r) => ({
    text: r.comment,
    y: Number(r.isHate) >= 0.5 ? 1 : 0,
  }));
}
