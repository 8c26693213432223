// Logistic regression on sparse vectors, hand-written: per-coordinate Adagrad SGD with L2,
// optionally on naive-Bayes-scaled features (NBSVM, Wang & Manning 2012). The NB ratios are folded
// into the final weights, so a trained model is always a plain linear model: p = σ(b + Σ w_j x_j).
import { rng } from './datasets.js';

export interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
}

export interface LinearModel {
  w: Float32Array;
  b: number;
}

export interface TrainOptions {
  epochs?: number;
  /** Adagrad base learning rate. */
  lr?: number;
  /** L2 strength, applied to the coordinates an example touches. */
  l2?: number;
  /** NB log-count-ratio scaling of the first `nbDims` coordinates (the hashed n-grams). */
  nb?: boolean;
  nbDims?: number;
  /** Per-example weights (e.g. to down-weight an auxiliary set). */
  weights?: number[];
  seed?: number;
  onEpoch?: (epoch: number) => void;
}

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function dot(model: LinearModel, x: SparseVec): number {
  let z = model.b;
  for (let k = 0; k < x.idx.length; k++) z += model.w[x.idx[k]] * x.val[k];
  return z;
}

export function predict(model: LinearModel, x: SparseVec): number {
  return sigmoid(dot(model, x));
}

/** NB log-count ratios r_j = log((p_j/|p|) / (q_j/|q|)) with add-one smoothing; 1 beyond nbDims. */
export function nbRatios(X: SparseVec[], y: number[], dim: number, nbDims: number, weights?: number[]): Float32Array {
  const p = new Float64Array(nbDims).fill(1);
  const q = new Float64Array(nbDims).fill(1);
  X.forEach((x, i) => {
    const target = y[i] === 1 ? p : q;
    const sw = weights ? weights[i] : 1;
    for (let k = 0; k < x.idx.length; k++) if (x.idx[k] < nbDims) target[x.idx[k]] += sw * (x.val[k] > 0 ? 1 : 0);
  });
  let ps = 0, qs = 0;
  for (let j = 0; j < nbDims; j++) { ps += p[j]; qs += q[j]; }
  const r = new Float32Array(dim).fill(1);
  for (let j = 0; j < nbDims; j++) r[j] = Math.log(p[j] / ps / (q[j] / qs));
  return r;
}

export function trainLogistic(X: SparseVec[], y: number[], dim: number, opts: TrainOptions = {}): LinearModel {
  const { epochs = 4, lr = 0.1, l2 = 1e-6, nb = false, seed = 7 } = opts;
  const scale = nb ? nbRatios(X, y, dim, opts.nbDims ?? dim, opts.weights) : null;
  const w = new Float32Array(dim);
  const g2 = new Float32Array(dim).fill(1e-8);
  let b = 0;
  let bg2 = 1e-8;
  const order = Array.from({ length: X.length }, (_, i) => i);
  const rand = rng(seed);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const i of order) {
      const x = X[i];
      let z = b;
      for (let k = 0; k < x.idx.length; k++) {
        const j = x.idx[k];
        z += w[j] * x.val[k] * (scale ? scale[j] : 1);
      }
      const err = (sigmoid(z) - y[i]) * (opts.weights ? opts.weights[i] : 1);
      for (let k = 0; k < x.idx.length; k++) {
        const j = x.idx[k];
        const g = err * x.val[k] * (scale ? scale[j] : 1) + l2 * w[j];
        g2[j] += g * g;
        w[j] -= (lr * g) / Math.sqrt(g2[j]);
      }
      bg2 += err * err;
      b -= (lr * err) / Math.sqrt(bg2);
    }
    opts.onEpoch?.(epoch + 1);
  }
  if (scale) for (let j = 0; j < dim; j++) w[j] *= scale[j];
  return { w, b };
}

// ---- compact storage: int16-quantized weights, one scale per model -----------------------------

export function encodeModel(model: LinearModel): Buffer {
  let max = 0;
  for (const v of model.w) max = Math.max(max, Math.abs(v));
  const scale = max / 32767 || 1;
  const q = new Int16Array(model.w.length);
  for (let j = 0; j < q.length; j++) q[j] = Math.round(model.w[j] / scale);
  const head = Buffer.alloc(16);
  head.write('PRLY', 0, 'ascii');
  head.writeUInt32LE(model.w.length, 4);
  head.writeFloatLE(scale, 8);
  head.writeFloatLE(model.b, 12);
  return Buffer.concat([head, Buffer.from(q.buffer)]);
}

export function decodeModel(buf: Buffer): LinearModel {
  if (buf.toString('ascii', 0, 4) !== 'PRLY') throw new Error('not a Parley model file');
  const dim = buf.readUInt32LE(4);
  const scale = buf.readFloatLE(8);
  const b = buf.readFloatLE(12);
  const body = buf.subarray(16, 16 + dim * 2);
  const q = new Int16Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength));
  const w = new Float32Array(dim);
  for (let j = 0; j < dim; j++) w[j] = q[j] * scale;
  return { w, b };
}
