// The scorer: the committed learned models (toxicity, hate, spam) plus the rule scores, combined into
// Parley's nine labels, each with the spans of the original text that raised it.
//
// Score scale: each learned probability is shifted in logit space so that the threshold chosen on its
// validation split maps to 0.5 — "≥ 0.5" means "yes, at the validated operating point" for every label.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Label, Span } from '../moderation/types.js';
import { featureIndices, featurize, HASH_DIM, type Featurized } from './features.js';
import { decodeModel, sigmoid, type LinearModel } from './learner.js';
import { forEachSentenceVector, raiseToWorstSentence } from './sentences.js';
import { EMBEDDINGS_FILE, loadEmbeddings, pool, pooledSize, type Embeddings } from './embeddings.js';
import { decodeMlp, mlpLogit, type Mlp } from './mlp.js';
import { attack as attackRule, hate as hateRule, offTopic, profanity as profanityRule, threat as threatRule, unsubstantial, type Rule, type StoryText } from './rules/index.js';
import { mergeSpans } from './rules/common.js';
import { STOP_WORDS } from './lexicons/stopwords.js';
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

interface LoadedModel {
  model: LinearModel;
  shift: number;
  dense: Manifest['labels'][LearnedLabel]['dense'];
  /** The word-vector network and its weight in logit space, when the label has one. */
  network?: { net: Mlp; weight: number };
  /** How far the comment's logit is raised towards its worst sentence's (0: scored as a whole). */
  sentenceWeight: number;
}

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
  let embeddings: Embeddings | null = null;
  for (const [label, entry] of Object.entries(manifest.labels) as [LearnedLabel, Manifest['labels'][LearnedLabel]][]) {
    models[label] = { model: decodeModel(readFileSync(join(root, entry.file))), shift: logit(clampP(entry.threshold)), dense: entry.dense, sentenceWeight: entry.sentences?.weight ?? 0 };
    if (entry.embedding) {
      if (!embeddings) {
        const path = join(root, EMBEDDINGS_FILE);
        if (!existsSync(path)) throw new Error(`${path} is missing: the ${label} model in ${root} reads the word vectors (parley train copies them beside the models)`);
        embeddings = loadEmbeddings(path);
      }
      models[label].network = { net: decodeMlp(readFileSync(join(root, entry.embedding.file))), weight: entry.embedding.weight };
    }
  }
  const scorer = new ModelScorer(manifest, models, embeddings);
  cache.set(root, scorer);
  return scorer;
}

class ModelScorer implements Scorer {
  /** Learned labels in the order of the interleaved weights. */
  private readonly order: readonly LearnedLabel[] = ['toxicity', 'hate', 'spam'];
  /** The three models' weights interleaved (w[j·3 + m]): one cache line per feature instead of three misses. */
  private readonly interleaved: Float32Array;

  /** Scratch for the pooled word vectors and a network's hidden layer (scoring is synchronous). */
  private readonly pooled: Float32Array | null;
  private readonly hidden: Float64Array;
  /** Whether any label is raised towards its worst sentence, and scratch for the sentences' highest n-gram logits. */
  private readonly sentenceWeights: boolean;
  private readonly worstSentence = new Float64Array(3);

  constructor(private manifest: Manifest, private models: Record<LearnedLabel, LoadedModel>, private embeddings: Embeddings | null) {
    this.pooled = embeddings ? new Float32Array(pooledSize(embeddings.dims)) : null;
    this.sentenceWeights = Object.values(models).some((m) => m.sentenceWeight > 0);
    this.hidden = new Float64Array(Math.max(1, ...Object.values(models).map((m) => m.network?.net.hidden ?? 0)));
    const dim = models.toxicity.model.w.length;
    this.interleaved = new Float32Array(dim * 3);
    this.order.forEach((label, m) => {
      const w = models[label].model.w;
      for (let j = 0; j < dim; j++) this.interleaved[j * 3 + m] = w[j];
      // every reader (probs, explain) uses the interleaved copy: drop the label's own 2 MB array
      models[label].model = { w: new Float32Array(0), b: models[label].model.b };
    });
  }

  /** Calibrated probabilities of toxicity, hate, spam: n-gram model mixed with the dense model, shifted. */
  private probs(f: Featurized): [number, number, number] {
    const W = this.interleaved;
    const { idx, val } = f.vec;
    let z0 = 0, z1 = 0, z2 = 0;
    const zd = [0, 0, 0];
    for (let k = 0; k < idx.length; k++) {
      const j = idx[k];
      const v = val[k];
      const o = j * 3;
      z0 += W[o] * v;
      z1 += W[o + 1] * v;
      z2 += W[o + 2] * v;
      if (j >= HASH_DIM) for (let m = 0; m < 3; m++) zd[m] += this.models[this.order[m]].dense.w[j - HASH_DIM] * v;
    }
    const z = [z0, z1, z2];
    // the comment's pooled word vectors, once, if any label has a network
    if (this.embeddings && this.pooled) pool(this.embeddings, f.tokens, this.pooled);
    // each sentence's n-gram logits (before the bias), all three labels in one pass, if any label uses them
    const worst = this.worstSentence;
    worst.fill(-Infinity);
    const sentences = this.sentenceWeights && forEachSentenceVector(f, (x) => {
      let s0 = 0, s1 = 0, s2 = 0;
      for (let k = 0; k < x.idx.length; k++) {
        const o = x.idx[k] * 3;
        const v = x.val[k];
        s0 += W[o] * v;
        s1 += W[o + 1] * v;
        s2 += W[o + 2] * v;
      }
      if (s0 > worst[0]) worst[0] = s0;
      if (s1 > worst[1]) worst[1] = s1;
      if (s2 > worst[2]) worst[2] = s2;
    });
    const p = (m: number) => {
      const { model, shift, dense, network, sentenceWeight } = this.models[this.order[m]];
      const zn = network ? network.weight * mlpLogit(network.net, this.pooled!, this.hidden) : 0;
      // the dense model and the network read the whole comment; the n-gram part is also taken per sentence
      const rest = dense.weight * (zd[m] + dense.b) + zn;
      const whole = (1 - dense.weight) * (z[m] + model.b) + rest;
      const worstLogit = sentences && sentenceWeight ? (1 - dense.weight) * (worst[m] + model.b) + rest : null;
      return sigmoid(raiseToWorstSentence(whole, worstLogit, sentenceWeight) - shift);
    };
    return [p(0), p(1), p(2)];
  }

  score(text: string, story?: StoryContext | null, thread?: string[]): Record<Label, LabelScore> {
    const f = featurize(text, this.manifest.denseNames);
    // No word at all (empty, emoji, punctuation): nothing for the learned models to judge; their intercepts
    // and length features alone would put such a comment near 0.5.
    const [tox, hateModel, spam] = f.tokens.length ? this.probs(f) : [0, 0, 0];
    const learnedSpans = (label: LearnedLabel) => () => this.explain(label, f);

    // The rule scores of profanity, threat, attack and hate were computed once for the features
    // (ruleFeatures); their spans are worked out only when read, and only when the rule fired.
    const d = f.dense;
    const ruleProfanity = d.rule_profanity_score ?? 0;
    const ruleThreat = d.rule_threat_score ?? 0;
    const ruleAttack = d.rule_attack_score ?? 0;
    const ruleHate = d.rule_hate_score ?? 0;
    const spansOf = (rule: Rule, score: number) => () => (score > 0 ? rule(f.clipped, f.norm).spans : []);
    const storyText: StoryText | undefined = story
      ? { title: story.title, body: story.body, thread }
      : thread?.length ? { title: '', thread } : undefined;
    const off = offTopic(f.clipped, f.norm, storyText);
    const uns = unsubstantial(f.clipped, f.norm, storyText, tox);

    // Labels without training data: rule evidence, gated or raised by the learned toxicity.
    const threat = ruleThreat * (0.5 + 0.5 * tox);
    const attack = anyOf(ruleAttack * (0.4 + 0.6 * tox), tox * 0.6 * ruleAttack);
    const profanity = ruleProfanity;
    // Identity hate needs a target: the learned hate score (Davidson) counts fully only when the comment
    // names an identity group or uses a slur; otherwise it is mostly plain offensiveness.
    const target = d.rule_identity_mentions > 0 || d.rule_slur_hits > 0 ? 1 : 0.35;
    const hate = anyOf(hateModel * tox * target, ruleHate * (0.4 + 0.6 * tox));
    const severe = tox * Math.max(threat, hate, profanity * tox, attack * tox);

    const threatSpans = spansOf(threatRule, ruleThreat);
    const hateSpans = spansOf(hateRule, ruleHate);
    const profanitySpans = spansOf(profanityRule, ruleProfanity);
    return {
      toxicity: lazySpans(tox, learnedSpans('toxicity')),
      severe_toxicity: lazySpans(severe, () => mergeSpans([...threatSpans(), ...hateSpans(), ...profanitySpans()])),
      attack: lazySpans(attack, spansOf(attackRule, ruleAttack)),
      threat: lazySpans(threat, threatSpans),
      hate: lazySpans(hate, () => (ruleHate > 0 ? hateSpans() : this.explain('hate', f))),
      profanity: lazySpans(profanity, profanitySpans),
      spam: lazySpans(spam, learnedSpans('spam')),
      off_topic: { score: off.score, spans: off.spans },
      unsubstantial: { score: uns.score, spans: uns.spans },
    };
  }

  /**
   * The words (in the original text) with the largest positive contribution to a learned label:
   * each word gets its unigram, half of each bigram it is in, and the char-grams starting inside it.
   */
  private explain(label: LearnedLabel, f: Featurized): Span[] {
    // The label's weights read from the interleaved copy (the same float32 values): probs() has just
    // brought those cache lines in, while the label's own array would miss on nearly every feature.
    const W = this.interleaved;
    const stride = this.order.length;
    const m = this.order.indexOf(label);
    const tokens = f.tokens;
    // the comment's feature indices, as featurize hashed them
    const { uni, bi, grams: gramIdx, gramPos, gramCount: grams } = featureIndices(f);
    const table = explainTable;
    table.reset(f.vec.idx.length + 2 * tokens.length + grams);
    // each hashed feature's value (word and char blocks may share an index: values add up)
    for (let k = 0; k < f.vec.idx.length; k++) if (f.vec.idx[k] < HASH_DIM) table.addValue(f.vec.idx[k], f.vec.val[k]);
    // occurrences, to split a feature's value among its occurrences
    for (let i = 0; i < tokens.length; i++) table.addSeen(uni[i]);
    for (let i = 0; i < tokens.length; i++) if (bi[i] >= 0) table.addSeen(bi[i]);
    for (let g = 0; g < grams; g++) table.addSeen(gramIdx[g]);
    const share = (j: number) => {
      const slot = table.find(j);
      const wj = W[j * stride + m];
      return slot < 0 ? (wj * 0) / 1 : (wj * table.values[slot]) / (table.seen[slot] || 1);
    };
    const contrib: number[] = new Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      contrib[i] = share(uni[i]) + (bi[i] >= 0 ? share(bi[i]) / 2 : 0) + (i + 1 < tokens.length ? share(bi[i + 1]) / 2 : 0);
    }
    let t = 0;
    for (let g = 0; g < grams; g++) {
      const pos = gramPos[g];
      while (t < tokens.length && tokens[t].end <= pos) t++;
      if (t < tokens.length && pos >= tokens[t].start) contrib[t] += share(gramIdx[g]);
    }
    // Function words ("is", "the", "you") are a poor thing to name to an author: content words first, and
    // function words only when no content word pushed the score up.
    const positive = contrib.map((c, i) => [c, i] as const).filter(([c]) => c > 0).sort((a, b) => b[0] - a[0]);
    const content = positive.filter(([, i]) => !STOP_WORDS.has(tokens[i].word));
    const ranked = content.length ? content : positive;
    if (!ranked.length) return [];
    const top = ranked[0][0];
    return ranked
      .filter(([c]) => c >= top * 0.35)
      .slice(0, 3)
      .map(([, i]) => toOriginal(f.map, tokens[i].start, tokens[i].end))
      .sort((a, b) => a[0] - b[0]);
  }
}

/**
 * Feature index → summed value and occurrence count, for explain: an open-addressing table reused across
 * calls (scoring is synchronous) instead of two Maps and a tuple per char-gram for every explained comment.
 */
class ExplainTable {
  keys = new Int32Array(8192).fill(-1);
  values = new Float64Array(8192);
  seen = new Int32Array(8192);
  private used = new Int32Array(4096);
  private n = 0;
  private mask = 8191;

  /** Empty the table and make room for `distinct` keys at a load factor of at most one half. */
  reset(distinct: number): void {
    for (let k = 0; k < this.n; k++) this.keys[this.used[k]] = -1;
    this.n = 0;
    if (distinct * 2 <= this.keys.length) return;
    let size = this.keys.length;
    while (size < distinct * 2) size *= 2;
    this.keys = new Int32Array(size).fill(-1);
    this.values = new Float64Array(size);
    this.seen = new Int32Array(size);
    this.used = new Int32Array(size / 2);
    this.mask = size - 1;
  }

  private slot(j: number): number {
    let s = j & this.mask;
    for (;;) {
      const k = this.keys[s];
      if (k === j) return s;
      if (k === -1) {
        this.keys[s] = j;
        this.values[s] = 0;
        this.seen[s] = 0;
        this.used[this.n++] = s;
        return s;
      }
      s = (s + 1) & this.mask;
    }
  }

  addValue(j: number, v: number): void { this.values[this.slot(j)] += v; }
  addSeen(j: number): void { this.seen[this.slot(j)] += 1; }

  find(j: number): number {
    let s = j & this.mask;
    for (;;) {
      const k = this.keys[s];
      if (k === j) return s;
      if (k === -1) return -1;
      s = (s + 1) & this.mask;
    }
  }
}
const explainTable = new ExplainTable();

/** Map a [start, end) range of the normalized text to the original text through normalize's index map. */
function toOriginal(map: number[], start: number, end: number): Span {
  const s = map[start] ?? start;
  const e = (map[end - 1] ?? end - 1) + 1;
  return [s, Math.max(e, s + 1)];
}

/**
 * Spans are only worked out when someone reads them (most comments never need them). A class, not an
 * object literal with its own get/set: such literals (fresh accessor closures per object) kept every
 * comment's features alive through young-generation GCs (~10% of all allocation promoted; 4-8 ms scavenges).
 */
class LazySpans implements LabelScore {
  private memo: Span[] | null = null;
  constructor(public score: number, private compute: (() => Span[]) | null) {}
  get spans(): Span[] {
    if (this.memo === null) {
      this.memo = this.compute!();
      this.compute = null;
    }
    return this.memo;
  }
  set spans(v: Span[]) {
    this.memo = v;
    this.compute = null;
  }
  toJSON(): { score: number; spans: Span[] } {
    return { score: this.score, spans: this.spans };
  }
}

function lazySpans(score: number, compute: () => Span[]): LabelScore {
  return new LazySpans(score, compute);
}
