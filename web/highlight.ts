// Splits a text into plain and marked pieces from [start, end) spans (the moderation engine's
// spans index into the comment's original text). The pieces are rendered as text nodes, never HTML.

export interface Piece {
  text: string;
  marked: boolean;
}

export function highlight(text: string, spans: readonly (readonly [number, number])[]): Piece[] {
  // Clamp, drop empty or malformed ranges, sort, and merge overlaps.
  const ranges = spans
    .filter((s) => Array.isArray(s) && Number.isInteger(s[0]) && Number.isInteger(s[1]))
    .map(([a, b]) => [Math.max(0, Math.min(a, text.length)), Math.max(0, Math.min(b, text.length))] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const pieces: Piece[] = [];
  let at = 0;
  for (const [a, b] of merged) {
    if (a > at) pieces.push({ text: text.slice(at, a), marked: false });
    pieces.push({ text: text.slice(a, b), marked: true });
    at = b;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), marked: false });
  return pieces;
}

/** A website link is only ever http(s); anything else (javascript:, data:) is shown as plain text. */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
