// `parley eval`: Parley's committed models and the reference baseline (trained here, on the same
// training data) on every evaluation set, side by side; plus the scorer's latency on one core.
//
// Which Parley score answers which set is fixed by design, never picked by looking at the results:
//   jigsaw/toxic, jigsaw-obfuscated/toxic, ucc/*, sfu/toxicity → toxicity; ethos/hate → hate;
//   youtube/spam → spam; sfu/constructive → 1 − unsubstantial (the baseline has no such model:
//   its column is 1 − its toxicity, and a comment-length-only score is reported beside it).
import { TfidfBaseline } from './baseline.js';
import { loadEthos, loadSfu, loadUcc, type Example } from './datasets.js';
import { bestF1Threshold, f1At, percentile, prAuc, rocAuc, rocPoints } from './metrics.js';
import { obfuscate } from './obfuscate.js';
import { defaultModelsDir, loadScorer, type Scorer } from './scorer.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { trainingSets, type Manifest } from './train.js';
import type { Label } from '../moderation/types.js';

export interface SetMetrics { roc_auc: number; pr_auc: number; f1: number }
export interface SetResult {
  parley: SetMetrics;
  baseline: SetMetrics;
  length_only?: { roc_auc: number };
  n: number;
  positives: number;
}
export interface EvalResult {
  sets: Record<string, SetResult>;
  latency_ms: { p50: number; p99: number };
  load_ms: number;
}
export interface EvalDetail extends EvalResult {
  curves: Record<string, { parley: [number, number][]; baseline: [number, number][]; length_only?: [number, number][] }>;
  notes: string[];
}

export const OBFUSCATION_SEED = 3;

/** One evaluation set: texts with labels, how Parley and the baseline score each text. */
interface EvalSpec {
  key: string;
  examples: (Example & { title?: string })[];
  parley: (s: Record<Label, { score: number }>) => number;
  baseline: 'toxicity' | 'hate' | 'spam' | 'not_toxicity';
  parleyThreshold: number;
  lengthOnly?: boolean;
}

export type EvalProgress = (done: number, total: number, step: string) => void;

function metrics(y: number[], s: number[], threshold: number): SetMetrics {
  return { roc_auc: rocAuc(y, s), pr_auc: prAuc(y, s), f1: f1At(y, s, threshold) };
}

export function evaluate(dataDir: string, modelsDir: string | undefined, progress: EvalProgress = () => {}): EvalDetail {
  const t0 = performance.now();
  const scorer = loadScorer(modelsDir);
  const loadMs = performance.now() - t0;

  // Toxicity: Jigsaw train + Davidson at full weight, as in the calibration run. Spam: the same
  // YouTube + Jigsaw-as-ham data at the weight Parley's spam model was trained with.
  const manifest = readManifest(modelsDir);
  // Hate: Davidson + Parley's identity-hate train half at the weight Parley's hate model was trained with.
  const sets = trainingSets(dataDir, 1, Number(manifest.labels.toxicity.hyper.news ?? 0), Number(manifest.labels.hate.hyper.own ?? 0));
  const spamAux = Number(manifest.labels.spam.hyper.aux ?? 0);
  sets.spam = trainingSets(dataDir, spamAux).spam;
  const ucc = loadUcc(dataDir);
  const sfu = loadSfu(dataDir);
  const ethos = loadEthos(dataDir);
  const jigTest = sets.toxicity.test;
  const steps = 3 + 8 + 1;
  let done = 0;
  const step = (name: string) => progress(done++, steps, name);

  // Latency first, on a quiet heap (the baseline's vocabularies would add GC pauses to the timings).
  step('latency');
  const latency = measureLatency(scorer, [...jigTest, ...ucc.hostile.slice(0, 2000)].map((e) => e.text));

  // The baseline: same training data as Parley's models (Davidson at full weight, as in the calibration run).
  step('baseline: toxicity');
  const baseTox = new TfidfBaseline().fit(sets.toxicity.train, sets.toxicity.val, sets.toxicity.weights);
  step('baseline: hate');
  const baseHate = new TfidfBaseline().fit(sets.hate.train, sets.hate.val, sets.hate.weights);
  step('baseline: spam');
  // The same protocol as Parley's spam model: threshold from the pooled leave-one-video-out scores, then all four videos.
  const oof: { y: number[]; s: number[] } = { y: [], s: [] };
  for (const fold of sets.spam.folds ?? []) {
    const m = new TfidfBaseline().fit(fold.train, [], fold.weights);
    for (const e of fold.val) { oof.y.push(e.y); oof.s.push(m.predict(e.text)); }
  }
  const baseSpam = new TfidfBaseline().fit(sets.spam.train, [], sets.spam.weights);
  if (oof.y.length) baseSpam.threshold = bestF1Threshold(oof.y, oof.s).threshold;
  const baseline = { toxicity: baseTox, hate: baseHate, spam: baseSpam };

  const specs: EvalSpec[] = [
    { key: 'jigsaw/toxic', examples: jigTest, parley: (s) => s.toxicity.score, baseline: 'toxicity', parleyThreshold: 0.5 },
    {
      key: 'jigsaw-obfuscated/toxic',
      examples: jigTest.map((e, i) => ({ text: obfuscate(e.text, OBFUSCATION_SEED * 100_003 + i), y: e.y })),
      parley: (s) => s.toxicity.score, baseline: 'toxicity', parleyThreshold: 0.5,
    },
    { key: 'ucc/hostile', examples: ucc.hostile, parley: (s) => s.toxicity.score, baseline: 'toxicity', parleyThreshold: 0.5 },
    { key: 'ucc/unhealthy', examples: ucc.unhealthy, parley: (s) => s.toxicity.score, baseline: 'toxicity', parleyThreshold: 0.5 },
    { key: 'sfu/toxicity', examples: sfu.toxicity, parley: (s) => s.toxicity.score, baseline: 'toxicity', parleyThreshold: 0.5 },
    {
      key: 'sfu/constructive', examples: sfu.constructive, parley: (s) => 1 - s.unsubstantial.score,
      baseline: 'not_toxicity', parleyThreshold: 0.5, lengthOnly: true,
    },
    { key: 'ethos/hate', examples: ethos, parley: (s) => s.hate.score, baseline: 'hate', parleyThreshold: 0.5 },
    { key: 'youtube/spam', examples: sets.spam.test, parley: (s) => s.spam.score, baseline: 'spam', parleyThreshold: 0.5 },
  ];

  const notes = [
    'Which Parley score answers which set was fixed before evaluating: toxicity for jigsaw, ucc/hostile, ucc/unhealthy and sfu/toxicity; hate for ethos/hate; spam for youtube/spam; 1 − unsubstantial for sfu/constructive (with the article title as the story).',
    'Baseline data: toxicity on Jigsaw train + Davidson train (offensive or hate = toxic, full weight, as in the issue\'s calibration run) + the train half of Parley\'s news-civility set at Parley\'s weight; hate on Davidson train + the train half of Parley\'s identity-hate set at Parley\'s weight; spam on the same data as Parley (four YouTube videos, Parley\'s comment-spam and news comments, Jigsaw train as ham at Parley\'s weight), threshold from the same leave-one-video-out folds. It has no constructiveness model: its sfu/constructive column is 1 − its toxicity.',
    `jigsaw-obfuscated: every comment of the Jigsaw test split passed through obfuscate(text, ${OBFUSCATION_SEED} × 100003 + i) (src/models/obfuscate.ts: masked letters, leetspeak, stretched and spaced letters, zero-width characters, look-alike letters; 90% of lexicon words and 10% of other words).`,
    'youtube/spam: trained on Psy, KatyPerry, LMFAO, Eminem (hyperparameters and thresholds by leave-one-video-out over those four); scored here on the held-out Shakira video.',
    'UCC: val + test merged (8,852 comments); unhealthy = healthy == 0. SFU: toxicity level (answer 1) ≥ 2; constructive yes vs no. ETHOS: isHate ≥ 0.5.',
  ];
  const result: EvalDetail = { sets: {}, latency_ms: latency, load_ms: loadMs, curves: {}, notes };
  for (const spec of specs) {
    step(`score ${spec.key}`);
    const y = spec.examples.map((e) => e.y);
    const ps = spec.examples.map((e) => spec.parley(scorer.score(e.text, e.title ? { title: e.title } : null)));
    const model = spec.baseline === 'not_toxicity' ? baseline.toxicity : baseline[spec.baseline];
    const bs = spec.examples.map((e) => {
      const p = model.predict(e.text);
      return spec.baseline === 'not_toxicity' ? 1 - p : p;
    });
    const bThreshold = spec.baseline === 'not_toxicity' ? 1 - model.threshold : model.threshold;
    const entry: SetResult = {
      parley: metrics(y, ps, spec.parleyThreshold),
      baseline: metrics(y, bs, bThreshold),
      n: y.length,
      positives: y.filter((v) => v === 1).length,
    };
    result.curves[spec.key] = { parley: rocPoints(y, ps), baseline: rocPoints(y, bs) };
    if (spec.lengthOnly) {
      const ls = spec.examples.map((e) => e.text.length);
      entry.length_only = { roc_auc: rocAuc(y, ls) };
      result.curves[spec.key].length_only = rocPoints(y, ls);
    }
    result.sets[spec.key] = entry;
  }

  progress(steps, steps, 'done');
  return result;
}

/**
 * Per-comment scoring time on this (single) thread: median and p99 in milliseconds. Each comment is
 * timed `repeats` times and its fastest run counts (as timeit does), so that a busy shared machine's
 * preemptions do not pass for the scorer's own cost.
 */
export function measureLatency(scorer: Scorer, texts: string[], repeats = 3): { p50: number; p99: number } {
  const story = { title: 'City council approves new budget for public transit', body: null };
  for (const t of texts.slice(0, 200)) scorer.score(t, story); // warm-up (JIT)
  const best = new Array<number>(texts.length).fill(Infinity);
  for (let r = 0; r < repeats; r++) {
    texts.forEach((t, i) => {
      const start = process.hrtime.bigint();
      scorer.score(t, story);
      best[i] = Math.min(best[i], Number(process.hrtime.bigint() - start) / 1e6);
    });
  }
  return { p50: percentile(best, 50), p99: percentile(best, 99) };
}

function readManifest(modelsDir?: string): Manifest {
  return JSON.parse(readFileSync(join(modelsDir ?? defaultModelsDir(), 'manifest.json'), 'utf8')) as Manifest;
}

/** The JSON the contract asks for (`parley eval --json`). */
export function toJson(r: EvalResult): object {
  const sets: Record<string, object> = {};
  const round = (m: SetMetrics) => ({ roc_auc: r4(m.roc_auc), pr_auc: r4(m.pr_auc), f1: r4(m.f1) });
  for (const [key, s] of Object.entries(r.sets)) {
    sets[key] = {
      parley: round(s.parley),
      baseline: round(s.baseline),
      ...(s.length_only ? { length_only: { roc_auc: r4(s.length_only.roc_auc) } } : {}),
      n: s.n,
      positives: s.positives,
    };
  }
  return { sets, latency_ms: { p50: r4(r.latency_ms.p50), p99: r4(r.latency_ms.p99) }, load_ms: Math.round(r.load_ms * 10) / 10 };
}

const r4 = (v: number) => (Number.isFinite(v) ? Math.round(v * 10000) / 10000 : null);
