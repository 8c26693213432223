// A one-hidden-layer network (ReLU) on a dense input — the pooled word vectors of a comment — trained
// with Adam on the weighted logistic loss. Small on purpose: 130 inputs × 32 hidden units is ~4,000
// multiply-adds per comment.
import { rng } from './datasets.js';
import { sigmoid } from './learner.js';

export interface Mlp {
  inputs: number;
  hidden: number;
  /** hidden × inputs, one row per hidden unit (w1[k·inputs + i]). Doubles: no float32 conversion in the inner loop. */
  w1: Float64Array;
  b1: Float64Array;
  w2: Float64Array;
  b2: number;
}

export interface MlpOptions {
  hidden?: number;
  epochs?: number;
  lr?: number;
  l2?: number;
  batch?: number;
  seed?: number;
  /** Per-example weights; normalized to mean 1. */
  weights?: number[];
}

/** The logit (before the sigmoid). `scratch` receives the hidden layer before ReLU (training reads it). */
export function mlpLogit(m: Mlp, x: Float32Array, scratch: Float64Array = new Float64Array(m.hidden)): number {
  const { inputs, hidden, w1, b1, w2 } = m;
  const tail = inputs & ~3;
  let z = m.b2;
  for (let k = 0; k < hidden; k++) {
    const row = k * inputs;
    // four partial sums: the additions of one long chain would wait on each other
    let a0 = b1[k], a1 = 0, a2 = 0, a3 = 0;
    let i = 0;
    for (; i < tail; i += 4) {
      a0 += w1[row + i] * x[i];
      a1 += w1[row + i + 1] * x[i + 1];
      a2 += w1[row + i + 2] * x[i + 2];
      a3 += w1[row + i + 3] * x[i + 3];
    }
    for (; i < inputs; i++) a0 += w1[row + i] * x[i];
    const a = a0 + a1 + (a2 + a3);
    scratch[k] = a;
    if (a > 0) z += w2[k] * a;
  }
  return z;
}

export function trainMlp(X: Float32Array[], y: number[], opts: MlpOptions = {}): Mlp {
  const { hidden = 32, epochs = 10, lr = 0.002, l2 = 1e-4, batch = 32, seed = 7 } = opts;
  const inputs = X[0].length;
  const rand = rng(seed);
  const limit = Math.sqrt(6 / (inputs + hidden));
  const m: Mlp = {
    inputs, hidden,
    w1: Float64Array.from({ length: inputs * hidden }, () => Math.fround((rand() * 2 - 1) * limit)),
    b1: new Float64Array(hidden),
    w2: Float64Array.from({ length: hidden }, () => Math.fround((rand() * 2 - 1) * 0.1)),
    b2: 0,
  };
  const meanWeight = opts.weights ? opts.weights.reduce((s, v) => s + v, 0) / opts.weights.length : 1;
  const weightOf = (i: number) => (opts.weights ? opts.weights[i] / meanWeight : 1);

  // Adam state for [w1, b1, w2] and b2
  const params = [m.w1, m.b1, m.w2];
  const grads = params.map((p) => new Float64Array(p.length));
  const first = params.map((p) => new Float64Array(p.length));
  const second = params.map((p) => new Float64Array(p.length));
  let gradB2 = 0, firstB2 = 0, secondB2 = 0;
  let step = 0;
  const h = new Float64Array(hidden);
  const order = Array.from({ length: X.length }, (_, i) => i);

  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let start = 0; start < order.length; start += batch) {
      const end = Math.min(order.length, start + batch);
      for (const g of grads) g.fill(0);
      gradB2 = 0;
      for (let q = start; q < end; q++) {
        const i = order[q];
        const x = X[i];
        const err = (sigmoid(mlpLogit(m, x, h)) - y[i]) * weightOf(i);
        gradB2 += err;
        for (let k = 0; k < hidden; k++) {
          if (h[k] <= 0) continue;
          grads[2][k] += err * h[k];
          const back = err * m.w2[k];
          grads[1][k] += back;
          for (let d = 0, row = k * inputs; d < inputs; d++) grads[0][row + d] += back * x[d];
        }
      }
      step++;
      const n = end - start;
      const c1 = 1 - 0.9 ** step;
      const c2 = 1 - 0.999 ** step;
      params.forEach((p, pi) => {
        const g = grads[pi], m1 = first[pi], m2 = second[pi];
        for (let j = 0; j < p.length; j++) {
          const gj = g[j] / n + l2 * p[j];
          m1[j] = 0.9 * m1[j] + 0.1 * gj;
          m2[j] = 0.999 * m2[j] + 0.001 * gj * gj;
          // kept at float32 precision: the stored model (float32) scores exactly as the trained one
          p[j] = Math.fround(p[j] - (lr * (m1[j] / c1)) / (Math.sqrt(m2[j] / c2) + 1e-8));
        }
      });
      const gb = gradB2 / n;
      firstB2 = 0.9 * firstB2 + 0.1 * gb;
      secondB2 = 0.999 * secondB2 + 0.001 * gb * gb;
      m.b2 = Math.fround(m.b2 - (lr * (firstB2 / c1)) / (Math.sqrt(secondB2 / c2) + 1e-8));
    }
  }
  return m;
}

// ---- storage: float32, "PRMP", inputs u32, hidden u32, b2 f32, then w1, b1, w2 ---------------------

export function encodeMlp(m: Mlp): Buffer {
  const head = Buffer.alloc(16);
  head.write('PRMP', 0, 'ascii');
  head.writeUInt32LE(m.inputs, 4);
  head.writeUInt32LE(m.hidden, 8);
  head.writeFloatLE(m.b2, 12);
  const body = Float32Array.from([...m.w1, ...m.b1, ...m.w2]);
  return Buffer.concat([head, Buffer.from(body.buffer)]);
}

export function decodeMlp(buf: Buffer): Mlp {
  if (buf.toString('ascii', 0, 4) !== 'PRMP') throw new Error('not a Parley network file');
  const inputs = buf.readUInt32LE(4);
  const hidden = buf.readUInt32LE(8);
  const b2 = buf.readFloatLE(12);
  const floats = new Float32Array(buf.buffer.slice(buf.byteOffset + 16, buf.byteOffset + 16 + (inputs * hidden + 2 * hidden) * 4));
  const part = (from: number, to: number) => Float64Array.from(floats.subarray(from, to));
  return { inputs, hidden, w1: part(0, inputs * hidden), b1: part(inputs * hidden, inputs * hidden + hidden), w2: part(inputs * hidden + hidden, inputs * hidden + 2 * hidden), b2 };
}
