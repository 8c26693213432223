// The scorer: the committed learned models (toxicity, hate, spam) plus the rule scores, combined into
// Parley's nine labels, each with the spans of the original text that raised it.
//
// Score scale: each learned probability is shifted in logit space so that the threshold chosen on its
// validation split maps to 0.5 — "≥ 0.5" means "yes, at the validated operating point" for every label.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Label, Span } from '../moderation/types.js';
import { charView, featurize, forEachCharGram, HASH_DIM, wordIndex, bigramIndex, type Featurized } from './features.js';
import { decodeModel, sigmoid, type LinearModel } from './learner.js';
import { runRules } from './rules/index.js';
import { mergeSpans } from './rules/common.js';
import type { LearnedLabel, Manifest } from './train.js';

export interface LabelScore { score: number; spans: Span[] }
export interface StoryContext { title: string; body?: string | null }
export interface Scorer {
  score(text: string, story?: StoryContext | null, thread?: string[]): Record<Label, LabelScore>;
}

/** The repository root: the nearest folder above this module that holds package.json (works from src/ and dist/). */
export function repoRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

export function defaultModelsDir(): string {
  return join(repoRoot(), 'models');
}

interface LoadedModel { model: LinearModel; shift: number; dense: Manifest['labels'][LearnedLabel]['dense'] }

const logit = (p: number) => Math.log(p / (1 - p));
const clampP = (p: number) => Math.min(1 - 1e-6, Math.max(1e-6, p));

/** Noisy-OR: at least one of independent signals fires. */
const anyOf = (...ps: number[]) => 1 - ps.reduce((acc, p) => acc * (1 - p), 1);

const cache = new Map<string, Scorer>();

export function loadScorer(dir?: string): Scorer {
  const root = resolve(dir ?? defaultModelsDir());
  const hit = cache.get(root);
  if (hit) return hit;
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as Manifest;
  const models = {} as Record<LearnedLabel, LoadedModel>;
  for (const [label, entry] of Object.entries(manifest.labels) as [LearnedLabel, Manifest['labels'][LearnedLabel]][]) {
    models[label] = { model: decodeModel(readFileSync(join(root, entry.file))), shift: logit(clampP(entry.threshold)), dense: entry.dense };
  }
  const scorer = new ModelScorer(manifest, models);
  cache.set(root, scorer);
  return scorer;
}

class ModelScorer implements Scorer {
  constructor(private manifest: Manifest, private models: Record<LearnedLabel, LoadedModel>) {}

  /** Calibrated probability of a learned label for a featurized comment. */
  private prob(label: LearnedLabel, f: Featurized): number {
    const { model, shift, dense } = this.models[label];
    let z = model.b;
    let zd = dense.b;
    const { idx, val } = f.vec;
    for (let k = 0; k < idx.length; k++) {
      z += model.w[idx[k]] * val[k];
      if (idx[k] >= HASH_DIM) zd += dense.w[idx[k] - HASH_DIM] * val[k];
    }
    return sigmoid((1 - dense.weight) * z + dense.weight * zd - shift);
  }

  score(text: string, story?: StoryContext | null, thread?: string[]): Record<Label, LabelScore> {
    const f = featurize(text, this.manifest.denseNames);
    const rules = runRules(f.clipped, f.norm, story ? { title: story.title, body: story.body, thread } : thread?.length ? { title: '', thread } : undefined);
    const tox = this.prob('toxicity', f);
    const hateModel = this.prob('hate', f);
    const spam = this.prob('spam', f);
    const learnedSpans = (label: LearnedLabel) => () => this.explain(label, f);

    // Labels without training data: rule evidence, gated or raised by the learned toxicity.
    const threat = rules.threat.score * (0.5 + 0.5 * tox);
    const attack = anyOf(rules.attack.score * (0.4 + 0.6 * tox), tox * 0.6 * rules.attack.score);
    const profanity = rules.profanity.score;
    // Identity hate needs a target: the learned hate score (Davidson) counts fully only when the comment
    // names an identity group or uses a slur; otherwise it is mostly plain offensiveness.
    const target = f.dense.rule_identity_mentions > 0 || f.dense.rule_slur_hits > 0 ? 1 : 0.35;
    const hate = anyOf(hateModel * tox * target, rules.hate.score * (0.4 + 0.6 * tox));
    const severe = tox * Math.max(threat, hate, profanity * tox, attack * tox);

    return {
      toxicity: lazySpans(tox, learnedSpans('toxicity')),
      severe_toxicity: { score: severe, spans: mergeSpans([...rules.threat.spans, ...rules.hate.spans, ...rules.profanity.spans]) },
      attack: { score: attack, spans: rules.attack.spans },
      threat: { score: threat, spans: rules.threat.spans },
      hate: rules.hate.spans.length ? { score: hate, spans: rules.hate.spans } : lazySpans(hate, learnedSpans('hate')),
      profanity: { score: profanity, spans: rules.profanity.spans },
      spam: lazySpans(spam, learnedSpans('spam')),
      off_topic: { score: rules.off_topic.score, spans: rules.off_topic.spans },
      unsubstantial: { score: rules.unsubstantial.score, spans: rules.unsubstantial.spans },
    };
  }

  /**
   * The words (in the original text) with the largest positive contribution to a learned label:
   * each word gets its unigram, half of each bigram it is in, and the char-grams starting inside it.
   */
  private explain(label: LearnedLabel, f: Featurized): Span[] {
    const { w } = this.models[label].model;
    const value = new Map<number, number>();
    for (let k = 0; k < f.vec.idx.length; k++) if (f.vec.idx[k] < HASH_DIM) value.set(f.vec.idx[k], (value.get(f.vec.idx[k]) ?? 0) + f.vec.val[k]);
    // occurrences, to split a feature's value among its occurrences
    const seen = new Map<number, number>();
    const occ = (j: number) => seen.set(j, (seen.get(j) ?? 0) + 1);
    const tokens = f.tokens;
    const uni = tokens.map((t) => wordIndex(t.word));
    const bi = tokens.map((t, i) => (i ? bigramIndex(tokens[i - 1].word, t.word) : -1));
    uni.forEach(occ);
    bi.forEach((j) => j >= 0 && occ(j));
    const grams: [number, number][] = [];
    forEachCharGram(charView(f.text), (j, pos) => { grams.push([j, pos - 1]); occ(j); });
    const share = (j: number) => (w[j] * (value.get(j) ?? 0)) / (seen.get(j) ?? 1);
    const contrib = tokens.map((_, i) => share(uni[i]) + (bi[i] >= 0 ? share(bi[i]) / 2 : 0) + (i + 1 < tokens.length ? share(bi[i + 1]) / 2 : 0));
    let t = 0;
    for (const [j, pos] of grams) {
      while (t < tokens.length && tokens[t].end <= pos) t++;
      if (t < tokens.length && pos >= tokens[t].start) contrib[t] += share(j);
    }
    const ranked = contrib.map((c, i) => [c, i] as const).filter(([c]) => c > 0).sort((a, b) => b[0] - a[0]);
    if (!ranked.length) return [];
    const top = ranked[0][0];
    return ranked
      .filter(([c]) => c >= top * 0.35)
      .slice(0, 3)
      .map(([, i]) => toOriginal(f.map, tokens[i].start, tokens[i].end))
      .sort((a, b) => a[0] - b[0]);
  }
}

/** Map a [start, end) range of the normalized text to the original text through normalize's index map. */
function toOriginal(map: number[], start: number, end: number): Span {
  const s = map[start] ?? start;
  const e = (map[end - 1] ?? end - 1) + 1;
  return [s, Math.max(e, s + 1)];
}

/** Spans are only worked out when someone reads them (most comments never need them). */
function lazySpans(score: number, compute: () => Span[]): LabelScore {
  let spans: Span[] | null = null;
  return {
    score,
    get spans() { return (spans ??= compute()); },
    set spans(v: Span[]) { spans = v; },
  };
}
