// The moderation pipeline phase by phase, the runner (order, merge, early stop), each policy mode and
// the nudge rules. Model scores are set by a scorer whose outputs the test chooses, so each rule is
// tested at known scores; test/moderation-models.test.ts runs the same pipeline with the real models.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { PHASES } from '../src/moderation/index.js';
import { runPipeline } from '../src/moderation/pipeline.js';
import type { Scorer, LabelScore } from '../src/moderation/deps.js';
import { LABELS, DEFAULT_POLICY, type Label, type ModerationInput, type ModerationMode, type Span, type SitePolicy } from '../src/moderation/types.js';

type Given = Partial<Record<Label, number | [number, Span[]]>>;

/** A scorer returning the given scores (0.01 for the rest); counts its calls. */
function givenScorer(given: Given = {}): Scorer & { calls: number } {
  return {
    calls: 0,
    score() {
      this.calls++;
      const out = {} as Record<Label, LabelScore>;
      for (const l of LABELS) {
        const g = given[l];
        out[l] = g === undefined ? { score: 0.01, spans: [] } : Array.isArray(g) ? { score: g[0], spans: g[1] } : { score: g, spans: [] };
      }
      return out;
    },
  };
}

const NOW = new Date('2026-11-22T18:00:00Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

function input(text: string, opts: { mode?: ModerationMode; policy?: Partial<SitePolicy>; author?: Partial<ModerationInput['author']>;
  storyMode?: ModerationMode | null; acknowledged?: boolean } = {}): ModerationInput {
  return {
    comment: { text, authorName: 'Ann', createdAt: NOW, nudgeAcknowledged: opts.acknowledged },
    author: { approved: 3, rejected: 0, spam: 0, pending: 0, banned: false, recent: [], recentFromAddress: 0, ...opts.author },
    story: { title: 'Council approves the new budget', body: 'The city council voted on the budget.', mode: opts.storyMode ?? null },
    policy: { ...DEFAULT_POLICY, mode: opts.mode ?? 'auto', ...opts.policy },
  };
}

const run = (i: ModerationInput, given: Given = {}) => runPipeline(i, PHASES, givenScorer(given));
const labels = (r: { reasons: { label: string }[] }) => r.reasons.map((x) => x.label).sort();
const spanTexts = (text: string, spans: Span[]) => spans.map(([s, e]) => text.slice(s, e));

describe('runner', () => {
  test('runs the phases in their declared order and records the trail', () => {
    const r = run(input('A fair point about the budget vote.'));
    assert.deepEqual(PHASES.map((p) => p.name), ['rate', 'wordlists', 'links', 'models', 'relevance', 'trust', 'nudge', 'policy']);
    assert.deepEqual(r.trail, PHASES.map((p) => p.name));
    assert.equal(r.decision, 'publish');
    assert.equal(r.status, 'approved');
    assert.deepEqual(Object.keys(r.scores).sort(), [...LABELS].sort());
  });

  test('stops at the first final decision: a banned word never reaches the models', () => {
    const scorer = givenScorer({ toxicity: 0.99 });
    const r = runPipeline(input('What a scumbag.', { policy: { bannedWords: ['scumbag'] } }), PHASES, scorer);
    assert.deepEqual(r.trail, ['rate', 'wordlists']);
    assert.equal(scorer.calls, 0);
    assert.equal(r.decision, 'reject');
    assert.equal(r.status, 'rejected');
  });

  test('merges scores by maximum and reasons of one label into one, spans united', () => {
    const text = 'Check out my channel bit.ly/abc now';
    const r = run(input(text), { spam: [0.6, [[21, 31]]] });
    // The links phase scores higher spam than the model: the maximum wins.
    assert.ok(r.scores.spam > 0.9, `spam ${r.scores.spam}`);
    const spam = r.reasons.filter((x) => x.label === 'spam');
    assert.equal(spam.length, 1);
    // The model's span and the links phase's span of the same link are one span, not two.
    assert.deepEqual(spanTexts(text, spam[0].spans), ['Check out my channel', 'bit.ly/abc']);
  });

  test('the scorer runs once for the models and relevance phases together', () => {
    const scorer = givenScorer();
    runPipeline(input('Budget talk.'), PHASES, scorer);
    assert.equal(scorer.calls, 1);
  });
});

describe('phase 1: rate and repetition', () => {
  test('the same text again from the same author is rejected, whatever its case and punctuation', () => {
    const r = run(input('Vote them ALL out!!', { author: { recent: [{ text: 'vote them all out', createdAt: minutesAgo(5) }] } }));
    assert.equal(r.decision, 'reject');
    assert.deepEqual(r.trail, ['rate']);
    assert.equal(r.reasons[0].label, 'repeat');
    assert.match(r.reasons[0].detail ?? '', /5 minute/);
  });

  test('the same text a day later is not a repeat', () => {
    const r = run(input('Vote them all out', { author: { recent: [{ text: 'Vote them all out', createdAt: minutesAgo(25 * 60) }] } }));
    assert.equal(r.decision, 'publish');
  });

  test('a burst from one author is held for review', () => {
    const recent = [1, 2, 3].map((s) => ({ text: `comment ${s}`, createdAt: new Date(NOW.getTime() - s * 10_000) }));
    const r = run(input('Another thought on the budget.', { author: { recent } }));
    assert.equal(r.decision, 'review');
    assert.deepEqual(labels(r), ['burst']);
  });

  test('a burst from one address is held for review', () => {
    const r = run(input('Another thought on the budget.', { author: { recentFromAddress: 25 } }));
    assert.equal(r.decision, 'review');
    assert.match(r.reasons[0].detail ?? '', /same network address/);
  });
});

describe('phase 2: word lists through obfuscation', () => {
  const policy = { bannedWords: ['fuck', 'idiot', 'bastard'], suspectWords: ['scumbag'] };
  const forms: [string, string, string][] = [
    ['masked letters', 'what the f__k is this', 'f__k'],
    ['masked with a star', 'what the f*ck is this', 'f*ck'],
    ['leetspeak', 'you are an 1d10t', '1d10t'],
    ['leetspeak with symbols', 'you b@st@rd', 'b@st@rd'],
    ['stretched letters', 'you are an idiiiiiiot', 'idiiiiiiot'],
    ['spaced out', 'you are an i d i o t, sir', 'i d i o t'],
    ['dotted', 'f.u.c.k this council', 'f.u.c.k'],
    ['zero-width characters', 'you are an i\u200bd\u200bi\u200bot', 'i\u200bd\u200bi\u200bot'],
    ['look-alike letters (Cyrillic і)', 'you are an \u0456d\u0456ot', '\u0456d\u0456ot'],
    ['capitals', 'YOU ARE AN IDIOT', 'IDIOT'],
  ];
  for (const [form, text, word] of forms) {
    test(`a banned word is found when ${form}, and its span covers the original`, () => {
      const r = run(input(text, { policy }));
      assert.equal(r.decision, 'reject', JSON.stringify(r.reasons));
      assert.equal(r.reasons[0].label, 'banned_word');
      assert.deepEqual(spanTexts(text, r.reasons[0].spans), [word]);
    });
  }

  test('ordinary words that contain a banned one are not matched', () => {
    const r = run(input('Mr Hancock said the cockpit was a classic assignment.', { policy: { bannedWords: ['cock', 'ass'] } }));
    assert.equal(r.decision, 'publish', JSON.stringify(r.reasons));
  });

  test('a suspect word holds the comment for review (auto) and flags it (postmod)', () => {
    const text = 'The mayor is one s c u m b a g.';
    const auto = run(input(text, { policy }));
    assert.equal(auto.decision, 'review');
    assert.equal(auto.reasons[0].label, 'suspect_word');
    assert.deepEqual(spanTexts(text, auto.reasons[0].spans), ['s c u m b a g']);
    const post = run(input(text, { policy, mode: 'postmod' }));
    assert.equal(post.decision, 'publish');
    assert.equal(post.flagged, true);
  });
});

describe('phase 3: links and spam signals', () => {
  test('more links than the site allows holds the comment', () => {
    const text = 'Sources: https://a.example.org/x, www.example.com and news.example.net/story';
    const r = run(input(text, { policy: { maxLinks: 2 } }));
    assert.equal(r.decision, 'review');
    const links = r.reasons.find((x) => x.label === 'too_many_links')!;
    assert.deepEqual(spanTexts(text, links.spans), ['https://a.example.org/x', 'www.example.com', 'news.example.net/story']);
  });

  test('links within the limit on a clean comment are published', () => {
    const r = run(input('The full report is at https://city.example.gov/budget.pdf if you want to read it.'));
    assert.equal(r.decision, 'publish');
    assert.ok(r.scores.spam < 0.5);
  });

  test('a shortened link with self-promotion is spam and is stored as spam', () => {
    const text = 'Check out my channel for more!! bit.ly/free-stuff';
    const r = run(input(text));
    assert.equal(r.decision, 'reject');
    assert.equal(r.status, 'spam');
    const spam = r.reasons.find((x) => x.label === 'spam')!;
    assert.ok(spanTexts(text, spam.spans).includes('bit.ly/free-stuff'));
    assert.match(spam.detail ?? '', /shortened link/);
  });

  test('contact details and money offers in capitals raise spam', () => {
    const phone = run(input('Call me now on +44 7700 900123 for a deal'));
    assert.ok(phone.scores.spam >= 0.5, `phone ${phone.scores.spam}`);
    const caps = run(input('EARN $500 A DAY FROM HOME, NO EXPERIENCE NEEDED'));
    assert.ok(caps.scores.spam >= 0.9, `caps ${caps.scores.spam}`);
    assert.equal(caps.status, 'spam');
  });

  test('years, sums of money and abbreviations in ordinary comments are not spam', () => {
    for (const text of ['The budgets of 1999, 2000 and 2001 were all larger, e.g. by $5 million.', 'I subscribe to the paper and read it daily.', 'The U.S. and the U.K. disagree.']) {
      const r = run(input(text));
      assert.ok(r.scores.spam < 0.5, `${text}: ${r.scores.spam}`);
      assert.equal(r.decision, 'publish', text);
    }
  });
});

describe('phases 4 and 5: models and relevance', () => {
  test('labels at or above the review threshold become reasons with the model spans', () => {
    const text = 'You are a clown';
    const r = run(input(text), { attack: [0.7, [[10, 15]]], toxicity: 0.45 });
    assert.deepEqual(labels(r), ['attack']);
    assert.deepEqual(spanTexts(text, r.reasons[0].spans), ['clown']);
    assert.equal(r.scores.toxicity, 0.45);
  });

  test('off-topic and unsubstantial comments are published with their reasons, and rank higher in a queue', () => {
    const off = run(input('My cat likes the new sofa.'), { off_topic: 0.97 });
    assert.equal(off.decision, 'publish');
    assert.deepEqual(labels(off), ['off_topic']);
    const premodOff = run(input('My cat likes the new sofa.', { mode: 'premod' }), { off_topic: 0.97 });
    const premodOn = run(input('The budget vote was close.', { mode: 'premod' }));
    assert.ok(premodOff.risk > premodOn.risk);
    const thin = run(input('I agree 100%'), { unsubstantial: 0.95 });
    assert.equal(thin.decision, 'publish');
    assert.deepEqual(labels(thin), ['unsubstantial']);
    // A judgement of the whole comment (the model names no words) points at the whole comment.
    assert.deepEqual(thin.reasons[0].spans, [[0, 'I agree 100%'.length]]);
  });
});

describe('phase 6: author trust', () => {
  test('a banned author is rejected and the run stops there', () => {
    const r = run(input('A perfectly polite comment.', { author: { banned: true } }));
    assert.equal(r.decision, 'reject');
    assert.equal(r.trail.at(-1), 'trust');
    assert.equal(r.reasons[0].label, 'banned_author');
  });

  test('an author with mostly rejected comments is held', () => {
    const r = run(input('A perfectly polite comment.', { author: { approved: 1, rejected: 2, spam: 1 } }));
    assert.equal(r.decision, 'review');
    assert.equal(r.reasons[0].label, 'author_history');
    assert.equal(r.reasons[0].score, 0.75);
  });

  test("a first comment is noted (raising its queue order) but published", () => {
    const r = run(input('A perfectly polite comment.', { author: { approved: 0 } }));
    assert.equal(r.decision, 'publish');
    assert.deepEqual(labels(r), ['first_comment']);
    assert.ok(r.risk > 0.2);
    const unknown = run(input('A perfectly polite comment.', { author: { approved: 0, unknown: true } }));
    assert.deepEqual(labels(unknown), []);
  });
});

describe('phase 7: the nudge', () => {
  const text = 'You are an idiot and this is a stupid take';
  const uncivil: Given = { toxicity: [0.7, [[11, 16], [31, 37]]], attack: [0.6, [[11, 16]]] };

  test('auto: a comment held only for incivility gets the nudge naming its words, and nothing else decides', () => {
    const r = run(input(text), uncivil);
    assert.equal(r.decision, 'review');
    assert.ok(r.nudge);
    assert.equal(r.trail.at(-1), 'nudge');
    assert.match(r.nudge.message, /"idiot"/);
    assert.match(r.nudge.message, /"stupid"/);
    assert.deepEqual(r.nudge.reasons.map((x) => x.label).sort(), ['attack', 'toxicity']);
    assert.deepEqual(spanTexts(text, r.nudge.reasons.find((x) => x.label === 'toxicity')!.spans), ['idiot', 'stupid']);
  });

  test('the message quotes words, not the whole comment; with no words to name there is no nudge', () => {
    const text = 'Honestly this is rubbish, and so are you';
    const r = run(input(text), { toxicity: [0.7, [[0, text.length]]], attack: [0.6, [[17, 24]]] });
    assert.ok(r.nudge);
    assert.doesNotMatch(r.nudge.message, /"Honestly/);
    assert.match(r.nudge.message, /^Your comment may come across as uncivil, especially "rubbish"\. /);
    const wordless = run(input('Honestly this is rubbish'), { toxicity: 0.7 });
    assert.equal(wordless.nudge, undefined);
    assert.equal(wordless.decision, 'review');
  });

  test('after the author acknowledged the nudge the comment waits for review', () => {
    const r = run(input(text, { acknowledged: true }), uncivil);
    assert.equal(r.decision, 'review');
    assert.equal(r.status, 'pending');
    assert.equal(r.nudge, undefined);
    assert.ok(r.reasons.some((x) => x.label === 'nudge_acknowledged'));
  });

  test('never for threats, hate, spam, suspect words, or clear violations', () => {
    const cases: [string, ModerationInput, Given][] = [
      ['threat', input(text), { ...uncivil, threat: 0.6 }],
      ['hate', input(text), { ...uncivil, hate: 0.6 }],
      ['spam', input(text), { ...uncivil, spam: 0.6 }],
      ['severe toxicity', input(text), { ...uncivil, severe_toxicity: 0.6 }],
      ['suspect word', input(text, { policy: { suspectWords: ['take'] } }), uncivil],
      ['a poor author history', input(text, { author: { approved: 0, rejected: 3 } }), uncivil],
    ];
    for (const [why, i, given] of cases) {
      const r = run(i, given);
      assert.equal(r.nudge, undefined, why);
      assert.equal(r.decision, 'review', why);
    }
    const clear = run(input(text), { ...uncivil, severe_toxicity: 0.95 });
    assert.equal(clear.nudge, undefined);
    assert.equal(clear.decision, 'reject');
    // Rudeness alone, however sure the model is, is the nudge's case, not a rejection.
    const rude = run(input(text), { toxicity: [0.99, [[11, 16]]], attack: [0.97, [[11, 16]]] });
    assert.equal(rude.decision, 'review');
    assert.ok(rude.nudge);
  });

  test('only in auto mode', () => {
    assert.equal(run(input(text, { mode: 'premod' }), uncivil).nudge, undefined);
    const post = run(input(text, { mode: 'postmod' }), uncivil);
    assert.equal(post.nudge, undefined);
    assert.equal(post.decision, 'publish');
    assert.equal(post.flagged, true);
  });
});

describe('phase 8: the policy', () => {
  test('premod: everything waits for a human, and risk orders the queue', () => {
    const clean = run(input('Thanks for the thorough report.', { mode: 'premod' }));
    const risky = run(input('You are an idiot', { mode: 'premod' }), { toxicity: 0.8 });
    const threat = run(input('I know where you live', { mode: 'premod' }), { threat: 0.97 });
    for (const r of [clean, risky, threat]) {
      assert.equal(r.decision, 'review');
      assert.equal(r.status, 'pending');
      assert.match(r.reasons.find((x) => x.label === 'premod')?.detail ?? '', /reviewed before being published/);
    }
    assert.ok(threat.risk > risky.risk && risky.risk > clean.risk, `${threat.risk} > ${risky.risk} > ${clean.risk}`);
  });

  test('auto: clean is published, borderline held, clear violations rejected, clear spam stored as spam', () => {
    assert.equal(run(input('Thanks for the report.')).status, 'approved');
    assert.equal(run(input('x'), { threat: 0.6 }).status, 'pending');
    assert.equal(run(input('x'), { hate: 0.95 }).status, 'rejected');
    assert.equal(run(input('x'), { spam: 0.95 }).status, 'spam');
    assert.equal(run(input('x'), { spam: 0.95, threat: 0.95 }).status, 'rejected');
  });

  test('auto: profanity alone is held, never rejected', () => {
    const r = run(input('x', { acknowledged: true }), { profanity: 0.99 });
    assert.equal(r.decision, 'review');
  });

  test('postmod: everything is published, risky comments are flagged', () => {
    const clean = run(input('Thanks for the report.', { mode: 'postmod' }));
    assert.deepEqual([clean.decision, clean.flagged], ['publish', false]);
    const risky = run(input('x', { mode: 'postmod' }), { hate: 0.95 });
    assert.deepEqual([risky.decision, risky.status, risky.flagged], ['publish', 'approved', true]);
  });

  test("the story's mode overrides the site's", () => {
    const r = run(input('Thanks for the report.', { mode: 'auto', storyMode: 'premod' }));
    assert.equal(r.decision, 'review');
  });

  test("the site's thresholds decide", () => {
    const strict = run(input('x', { policy: { thresholds: { review: 0.3, reject: 0.6 } } }), { hate: 0.65 });
    assert.equal(strict.decision, 'reject');
    const lenient = run(input('x', { policy: { thresholds: { review: 0.8, reject: 0.99 } } }), { hate: 0.65 });
    assert.equal(lenient.decision, 'publish');
  });

  test('every non-publish decision names reasons with spans in the text', () => {
    const text = 'You b@st@rd, check out my channel bit.ly/x';
    const r = run(input(text, { policy: { suspectWords: ['bastard'] } }));
    assert.notEqual(r.decision, 'publish');
    assert.ok(r.reasons.length > 0);
    for (const reason of r.reasons) {
      assert.ok(reason.spans.length > 0, reason.label);
      for (const [s, e] of reason.spans) assert.ok(0 <= s && s < e && e <= text.length, `${reason.label} ${s}-${e}`);
    }
  });
});

describe('phase 3 on real news comments', () => {
  test('a weak signal repeated counts once; a phone-like table of figures is not a phone number', () => {
    const money = run(input('Private $$$ will fund transit, they said. Has any private $$$ come forward?'));
    assert.ok(money.scores.spam < 0.5, String(money.scores.spam));
    const table = run(input('Oil use, 1000s of barrels/day: 2007 7534 3.7% 2008 7948 5.5% 2009 8537 7.42%'));
    assert.ok(table.scores.spam < 0.5, String(table.scores.spam));
    const phones = ['(617) 994-5800', '+44 7700 900123', '555.123.4567'];
    for (const phone of phones) {
      const r = run(input(`Call me on ${phone}`));
      const spam = r.reasons.find((x) => x.label === 'spam');
      assert.ok(spam && spanTexts(`Call me on ${phone}`, spam.spans).includes(phone), phone);
    }
  });
});

describe('a failing scorer', () => {
  test('holds the comment for a human instead of losing it, in every mode', () => {
    const broken: Scorer = { score() { throw new Error('model file unreadable'); } };
    for (const mode of ['auto', 'premod'] as const) {
      const r = runPipeline(input('A comment while the models are down.', { mode }), PHASES, broken);
      assert.equal(r.decision, 'review', mode);
      assert.equal(r.status, 'pending');
      assert.match(r.reasons.find((x) => x.label === 'model_error')?.detail ?? '', /model file unreadable/);
    }
    const post = runPipeline(input('A comment while the models are down.', { mode: 'postmod' }), PHASES, broken);
    assert.deepEqual([post.decision, post.flagged], ['publish', true]);
  });
});
