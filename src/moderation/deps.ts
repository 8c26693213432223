// The models the pipeline uses, in one place. TEMPORARY local stand-ins until src/models/normalize.ts
// and src/models/scorer.ts land; then this file only re-exports them.
import { LABELS, type Label, type Span } from './types.js';

export interface LabelScore { score: number; spans: Span[] }
export interface Scorer {
  score(text: string, story?: { title: string; body?: string | null } | null, thread?: string[]): Record<Label, LabelScore>;
}

export function findTerms(original: string, terms: string[]): { term: string; start: number; end: number }[] {
  const out: { term: string; start: number; end: number }[] = [];
  const lower = original.toLowerCase();
  for (const term of terms) {
    const t = term.toLowerCase();
    if (!t) continue;
    for (let i = lower.indexOf(t); i >= 0; i = lower.indexOf(t, i + 1)) out.push({ term, start: i, end: i + t.length });
  }
  return out;
}

const WORDS: Partial<Record<Label, string[]>> = {
  toxicity: ['idiot', 'stupid', 'moron', 'shut up', 'fuck', 'shit'],
  attack: ['idiot', 'moron', 'you are stupid'],
  profanity: ['fuck', 'shit', 'damn'],
  threat: ['kill you', 'i will hurt'],
};

export function loadScorer(): Scorer {
  return {
    score(text) {
      const out = {} as Record<Label, LabelScore>;
      for (const label of LABELS) {
        const hits = findTerms(text, WORDS[label] ?? []);
        out[label] = { score: hits.length ? 0.7 : 0.02, spans: hits.map((h): Span => [h.start, h.end]) };
      }
      return out;
    },
  };
}
