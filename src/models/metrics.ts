// Ranking and classification metrics for binary labels (y ∈ {0,1}, higher score = more positive).

/** Indices sorted by descending score. */
function byScoreDesc(scores: ArrayLike<number>): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
}

/** ROC-AUC via the rank-sum (Mann–Whitney U), ties counted as one half. NaN when a class is missing. */
export function rocAuc(y: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let pos = 0;
  let rankSumPos = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    const avgRank = (i + j) / 2 + 1; // 1-based average rank of the tie group
    for (let k = i; k <= j; k++) if (y[order[k]] === 1) { pos++; rankSumPos += avgRank; }
    i = j + 1;
  }
  const neg = order.length - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** PR-AUC as average precision (sklearn's definition: Σ (R_n − R_{n−1}) P_n over distinct thresholds). */
export function prAuc(y: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = byScoreDesc(scores);
  let totalPos = 0;
  for (let i = 0; i < y.length; i++) totalPos += y[i] === 1 ? 1 : 0;
  if (totalPos === 0) return NaN;
  let tp = 0;
  let fp = 0;
  let ap = 0;
  let prevRecall = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && scores[order[j]] === scores[order[i]]) {
      if (y[order[j]] === 1) tp++; else fp++;
      j++;
    }
    const recall = tp / totalPos;
    ap += (recall - prevRecall) * (tp / (tp + fp));
    prevRecall = recall;
    i = j;
  }
  return ap;
}

/** F1 of the decision score ≥ threshold. */
export function f1At(y: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): number {
  let tp = 0, fp = 0, fn = 0;
  for (let i = 0; i < y.length; i++) {
    const p = scores[i] >= threshold;
    if (p && y[i] === 1) tp++;
    else if (p) fp++;
    else if (y[i] === 1) fn++;
  }
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/** The threshold that maximizes F1 (used on validation splits only), and that F1. */
export function bestF1Threshold(y: ArrayLike<number>, scores: ArrayLike<number>): { threshold: number; f1: number } {
  const order = byScoreDesc(scores);
  let totalPos = 0;
  for (let i = 0; i < y.length; i++) totalPos += y[i] === 1 ? 1 : 0;
  let tp = 0, fp = 0;
  let best = { threshold: 0.5, f1: 0 };
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && scores[order[j]] === scores[order[i]]) {
      if (y[order[j]] === 1) tp++; else fp++;
      j++;
    }
    const f1 = tp === 0 ? 0 : (2 * tp) / (tp + fp + totalPos);
    if (f1 > best.f1) best = { threshold: scores[order[i]], f1 };
    i = j;
  }
  return best;
}

/** ROC curve points (false-positive rate, true-positive rate), from (0,0) to (1,1), one per distinct score. */
export function rocPoints(y: ArrayLike<number>, scores: ArrayLike<number>): [number, number][] {
  const order = byScoreDesc(scores);
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i] === 1 ? 1 : 0;
  const neg = y.length - pos;
  const points: [number, number][] = [[0, 0]];
  let tp = 0, fp = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && scores[order[j]] === scores[order[i]]) {
      if (y[order[j]] === 1) tp++; else fp++;
      j++;
    }
    points.push([neg ? fp / neg : 0, pos ? tp / pos : 0]);
    i = j;
  }
  return points;
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const s = values.slice().sort((a, b) => a - b);
  const idx = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[idx];
}
