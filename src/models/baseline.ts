// The reference baseline that `parley eval` trains in the same run, on the same training data:
// TF-IDF of word 1–2-grams and character 2–5-grams of the raw lowercased text (no de-obfuscation),
// sublinear tf, smoothed idf, each block L2-normalized (scikit-learn's TfidfVectorizer defaults),
// and logistic regression. The classic strong baseline, and the design of Perspective's fast model.
import { predict, trainLogistic, type LinearModel, type SparseVec } from './learner.js';
import { bestF1Threshold } from './metrics.js';
import type { Example } from './datasets.js';

/** scikit-learn's default token pattern \b\w\w+\b on lowercased text. */
function wordGrams(text: string): string[] {
  const tokens = text.toLowerCase().match(/\b\w\w+\b/g) ?? [];
  const grams = tokens.slice();
  for (let i = 1; i < tokens.length; i++) grams.push(tokens[i - 1] + ' ' + tokens[i]);
  return grams;
}

/** analyzer='char', ngram_range=(2, 5): whitespace runs become one space first, as scikit-learn does. */
function charGrams(text: string): string[] {
  const s = text.toLowerCase().replace(/\s\s+/g, ' ');
  const grams: string[] = [];
  for (let n = 2; n <= 5; n++) for (let i = 0; i + n <= s.length; i++) grams.push(s.slice(i, i + n));
  return grams;
}

class TfidfBlock {
  vocab = new Map<string, number>();
  idf: Float64Array = new Float64Array(0);
  constructor(private analyze: (t: string) => string[], private minDf: number, private maxFeatures: number) {}

  fit(texts: string[]): void {
    const df = new Map<string, number>();
    for (const t of texts) for (const g of new Set(this.analyze(t))) df.set(g, (df.get(g) ?? 0) + 1);
    const kept = [...df].filter(([, c]) => c >= this.minDf).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, this.maxFeatures);
    this.idf = new Float64Array(kept.length);
    kept.forEach(([g, c], i) => {
      this.vocab.set(g, i);
      this.idf[i] = Math.log((1 + texts.length) / (1 + c)) + 1;
    });
  }

  get size(): number { return this.idf.length; }

  transform(text: string, offset: number, idx: number[], val: number[]): void {
    const tf = new Map<number, number>();
    for (const g of this.analyze(text)) {
      const j = this.vocab.get(g);
      if (j !== undefined) tf.set(j, (tf.get(j) ?? 0) + 1);
    }
    let norm = 0;
    const vals: [number, number][] = [];
    for (const [j, c] of tf) {
      const v = (1 + Math.log(c)) * this.idf[j];
      vals.push([j, v]);
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [j, v] of vals) { idx.push(offset + j); val.push(v / norm); }
  }
}

export class TfidfBaseline {
  private words = new TfidfBlock(wordGrams, 2, 200_000);
  private chars = new TfidfBlock(charGrams, 2, 300_000);
  model: LinearModel | null = null;
  threshold = 0.5;

  vectorize(text: string): SparseVec {
    const idx: number[] = [];
    const val: number[] = [];
    this.words.transform(text, 0, idx, val);
    this.chars.transform(text, this.words.size, idx, val);
    return { idx: Int32Array.from(idx), val: Float32Array.from(val) };
  }

  /** Fit vocabulary and weights on `train`; choose the F1 threshold on `val`. */
  fit(train: Example[], val: Example[], weights?: number[]): this {
    const texts = train.map((e) => e.text);
    this.words.fit(texts);
    this.chars.fit(texts);
    const dim = this.words.size + this.chars.size;
    this.model = trainLogistic(texts.map((t) => this.vectorize(t)), train.map((e) => e.y), dim, { epochs: 4, lr: 0.2, l2: 1e-5, weights });
    if (val.length) this.threshold = bestF1Threshold(val.map((e) => e.y), val.map((e) => this.predict(e.text))).threshold;
    return this;
  }

  predict(text: string): number {
    if (!this.model) throw new Error('baseline not trained');
    return predict(this.model, this.vectorize(text));
  }
}
