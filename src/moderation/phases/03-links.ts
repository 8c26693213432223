// Phase 3: links and spam signals. Counts links against the site's limit and scores the classic
// signs of comment spam: link shorteners, "check out my channel", contact details, money offers in
// capitals. Each signal carries the span that raised it; the spam score is their noisy-or.
import type { Phase } from '../pipeline.js';
import type { Reason, Span } from '../types.js';

const TLDS = 'com|net|org|io|ly|co|info|biz|xyz|me|tv|gl|gd|at|cc|ru|tk|top|site|online|shop|link|click|store|live|app';
const LINK = new RegExp(
  String.raw`\bhttps?:\/\/[^\s<>"'\])]+|\bwww\.[^\s<>"'\])]+|(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:${TLDS})\b(?:\/[^\s<>"'\])]*)?`,
  'giu',
);
const SHORTENERS = new Set(['bit.ly', 'tinyurl.com', 'goo.gl', 't.co', 'ow.ly', 'is.gd', 'buff.ly', 'rebrand.ly', 'cutt.ly',
  'shorturl.at', 'tiny.cc', 'rb.gy', 'bl.ink', 't.ly', 'v.gd', 'qr.ae', 'adf.ly', 'shorte.st']);

/** [pattern, score, what a moderator reads] — phrases comment spam is made of. Scores were set so
 *  that no single weak signal holds an ordinary news comment (checked on the UCC and SFU news comments:
 *  people do talk about getting paid or making money); strong ones, or two together, do. */
const PHRASES: [RegExp, number, string, string[]][] = [
  [/\b(?:check(?:\s*out)?|visit|see|watch|listen to|subscribe to|sub to|follow)\s+(?:out\s+)?my\s+(?:new\s+)?(?:channel|page|profile|website|site|blog|videos?|vids?|music|songs?|playlist|instagram|insta|tiktok|youtube|shop|store)\b/giu, 0.9, 'self-promotion', ['my']],
  [/\b(?:please\s+)?subscribe\b/giu, 0.45, 'asks for subscriptions', ['subscrib']],
  [/\b(?:click\s+(?:here|the\s+link|this\s+link|on\s+my\s+name)|link\s+in\s+(?:my\s+)?bio)\b/giu, 0.7, 'click-bait', ['click', 'bio']],
  [/\b(?:work(?:ing)?\s+from\s+home|easy\s+money|free\s+money|passive\s+income|crypto\s+(?:investment|trading|signals)|forex\s+(?:trading|signals)|investment\s+opportunity|no\s+experience\s+(?:needed|required))\b/giu, 0.75, 'money offer', ['home', 'money', 'income', 'crypto', 'forex', 'opportunit', 'experience']],
  [/\b(?:get\s+paid|make\s+money|making\s+money|earn\s+(?:money|cash|extra))\b/giu, 0.3, 'talk of money', ['paid', 'money', 'earn']],
  [/(?:\$\s?\d[\d,.]*\s*(?:per|a|an|\/)\s*(?:hour|day|week|hr))\b/giu, 0.45, 'money per hour or day', ['$']],
  [/\b(?:dm|message|text|call|contact|whatsapp|telegram)\s+me\b/giu, 0.4, 'asks to be contacted', ['me']],
  [/\$\$+/gu, 0.35, 'money signs', ['$$']],
];
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/gu;
/** Phone numbers as people write them: +44 7700 900123, (555) 123-4567, 555.123.4567. */
const PHONE = /(?<![\w.$])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\d{2,5}[\s.-])\d{3,4}[\s.-]?\d{3,4}(?![\w.%])/gu;
const MONEY_WORD = /\$\s?\d|\b(?:money|cash|winner|prize|earn|income|bitcoin|profit|bonus|giveaway)\b/iu;
/** Runs of capitalised text (words, digits, punctuation) at least this many letters long. */
const CAPS_RUN = /[A-Z0-9$][A-Z0-9$!%.,'&\s-]{10,}[A-Z0-9$!%]/gu;

function isPhoneNumber(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (digits.length < 9 || digits.length > 15) return false;
  // A list of years or a big plain number ("1999 2000 2001", "2000000000") is not a phone number.
  const groups = candidate.split(/[^\d]+/).filter(Boolean);
  if (groups.every((g) => /^(?:19|20)\d\d$/.test(g))) return false;
  return groups.length >= 2 || candidate.startsWith('+');
}

export interface LinkMatch { url: string; start: number; end: number; host: string }

/** What every LINK match contains ("://", "www." or a dot before a top-level domain): a quick test
 *  that spares most comments the full pattern, whose lookbehind is tried at every position. */
const MAY_LINK = new RegExp(String.raw`:\/\/|www\.|\.(?:${TLDS})\b`, 'iu');

export function findLinks(text: string): LinkMatch[] {
  const out: LinkMatch[] = [];
  if (!MAY_LINK.test(text)) return out;
  for (const m of text.matchAll(LINK)) {
    const url = m[0].replace(/[.,;:!?]+$/u, '');
    const host = url.replace(/^https?:\/\//iu, '').replace(/^www\./iu, '').split(/[/?#]/u)[0]!.toLowerCase();
    out.push({ url, start: m.index, end: m.index + url.length, host });
  }
  return out;
}

export const linkPhase: Phase = {
  name: 'links',
  run(input) {
    const text = input.comment.text;
    const reasons: Reason[] = [];
    const signals: { score: number; span: Span; what: string }[] = [];

    const links = findLinks(text);
    if (links.length > input.policy.maxLinks) {
      reasons.push({ label: 'too_many_links', score: 1, spans: links.map((l): Span => [l.start, l.end]),
        detail: `Has ${links.length} links; this site allows ${input.policy.maxLinks}.` });
    }
    for (const l of links) if (SHORTENERS.has(l.host)) signals.push({ score: 0.6, span: [l.start, l.end], what: 'shortened link' });
    // Each pattern runs only when a word it needs is in the text (most comments have none of them).
    const lower = text.toLowerCase();
    for (const [pattern, score, what, needs] of PHRASES) {
      if (!needs.some((w) => lower.includes(w))) continue;
      for (const m of text.matchAll(pattern)) signals.push({ score, span: [m.index, m.index + m[0].length], what });
    }
    if (text.includes('@')) for (const m of text.matchAll(EMAIL)) signals.push({ score: 0.35, span: [m.index, m.index + m[0].length], what: 'email address' });
    if (/\d{3}/.test(text)) for (const m of text.matchAll(PHONE)) {
      const candidate = m[0].trim();
      if (isPhoneNumber(candidate)) signals.push({ score: 0.5, span: [m.index, m.index + m[0].trimEnd().length], what: 'phone number' });
    }
    if (/[A-Z]{3}/.test(text)) for (const m of text.matchAll(CAPS_RUN)) {
      const letters = m[0].replace(/[^A-Z]/g, '').length;
      if (letters >= 12 && MONEY_WORD.test(m[0])) signals.push({ score: 0.85, span: [m.index, m.index + m[0].length], what: 'money offer in capitals' });
    }
    if (!signals.length) return { reasons };

    // Noisy-or over kinds of signal (the same kind repeated counts once): independent signals each
    // make spam more likely; capped below certainty.
    const strongest = new Map<string, number>();
    for (const s of signals) strongest.set(s.what, Math.max(strongest.get(s.what) ?? 0, s.score));
    const spam = Math.min(0.99, 1 - [...strongest.values()].reduce((p, score) => p * (1 - score), 1));
    const what = [...new Set(signals.map((s) => s.what))].join(', ');
    // Below the review threshold the score still counts (risk order); only a reason worth showing is listed.
    if (spam >= input.policy.thresholds.review) reasons.push({ label: 'spam', score: spam, spans: signals.map((s) => s.span), detail: `Spam signals: ${what}.` });
    return { scores: { spam }, reasons };
  },
};
