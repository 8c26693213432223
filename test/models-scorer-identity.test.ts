// Optimisations of the scorer and the moderation pipeline must not change a single score: every label's
// score (within 1e-9), its spans, and the pipeline's decision, scores and reasons for ~300 fixed comments
// are compared with the values the code produced before the performance work (committed fixture).
// Regenerate the fixture only for an intended change of the models: UPDATE_IDENTITY=1 node --import tsx --test test/models-scorer-identity.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadScorer } from '../src/models/scorer.js';
import { moderateComment, DEFAULT_POLICY, LABELS, type ModerationInput } from '../src/moderation/index.js';
import { identityComments, IDENTITY_STORY } from './fixtures/scorer-identity-comments.js';

const FIXTURE = new URL('./fixtures/scorer-identity-expected.json', import.meta.url);
const NOW = new Date('2026-01-15T12:00:00Z');

interface Snapshot {
  scorer: Record<string, [number, [number, number][]]>;
  pipeline: { decision: string; status: string; nudge: boolean; scores: Record<string, number>; reasons: [string, number, [number, number][]][] };
}

function inputFor(text: string, i: number, thread: string[]): ModerationInput {
  return {
    comment: { text, authorName: `reader${i % 30}`, createdAt: NOW },
    author: {
      approved: i % 7, rejected: i % 11 === 0 ? 2 : 0, spam: 0, pending: i % 3, banned: false,
      recent: [{ text: thread[0] ?? 'An earlier comment.', createdAt: new Date(NOW.getTime() - 3_600_000) }],
      recentFromAddress: i % 5,
    },
    story: { title: i % 4 === 3 ? '' : IDENTITY_STORY.title, body: i % 2 ? IDENTITY_STORY.body : null, mode: null },
    thread,
    policy: { ...DEFAULT_POLICY, mode: i % 5 === 4 ? 'premod' : i % 5 === 3 ? 'postmod' : 'auto', bannedWords: ['scumbag', 'nazi'], suspectWords: ['corrupt', 'liar'] },
  };
}

function snapshot(): Snapshot[] {
  const scorer = loadScorer();
  const comments = identityComments();
  return comments.map((text, i) => {
    const thread = i % 6 === 5 ? [] : [comments[(i + 1) % comments.length]!, comments[(i + 2) % comments.length]!];
    const story = i % 3 === 2 ? null : IDENTITY_STORY;
    const s = scorer.score(text, story, thread);
    const r = moderateComment(inputFor(text, i, thread));
    return {
      scorer: Object.fromEntries(LABELS.map((l) => [l, [s[l].score, s[l].spans.map(([a, b]) => [a, b])]])),
      pipeline: {
        decision: r.decision, status: r.status, nudge: Boolean(r.nudge),
        scores: { ...r.scores },
        reasons: r.reasons.map((x) => [x.label, x.score, x.spans.map(([a, b]) => [a, b])]),
      },
    } as Snapshot;
  });
}

test('scores, spans and decisions are identical to the committed fixture (~300 comments)', () => {
  const now = snapshot();
  if (process.env.UPDATE_IDENTITY === '1') writeFileSync(FIXTURE, JSON.stringify(now));
  const expected = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Snapshot[];
  assert.equal(now.length, expected.length);
  assert.ok(now.length >= 300);
  const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9, `${what}: ${a} vs ${b}`);
  now.forEach((got, i) => {
    const want = expected[i]!;
    for (const label of LABELS) {
      close(got.scorer[label]![0], want.scorer[label]![0], `comment ${i} ${label} score`);
      assert.deepEqual(got.scorer[label]![1], want.scorer[label]![1], `comment ${i} ${label} spans`);
    }
    assert.equal(got.pipeline.decision, want.pipeline.decision, `comment ${i} decision`);
    assert.equal(got.pipeline.status, want.pipeline.status, `comment ${i} status`);
    assert.equal(got.pipeline.nudge, want.pipeline.nudge, `comment ${i} nudge`);
    for (const [label, v] of Object.entries(want.pipeline.scores)) close(got.pipeline.scores[label]!, v, `comment ${i} pipeline ${label}`);
    assert.equal(got.pipeline.reasons.length, want.pipeline.reasons.length, `comment ${i} reasons`);
    got.pipeline.reasons.forEach(([label, score, spans], k) => {
      const [wl, ws, wsp] = want.pipeline.reasons[k]!;
      assert.equal(label, wl, `comment ${i} reason ${k}`);
      close(score, ws, `comment ${i} reason ${label}`);
      assert.deepEqual(spans, wsp, `comment ${i} reason ${label} spans`);
    });
  });
});

test('the fixture is not trivial: it holds every decision and high and low scores of the harm labels', () => {
  const expected = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Snapshot[];
  const decisions = new Set(expected.map((e) => e.pipeline.decision));
  assert.ok(decisions.has('publish') && decisions.has('reject') && decisions.has('review'), [...decisions].join(','));
  for (const label of ['toxicity', 'attack', 'profanity', 'spam', 'threat', 'hate']) {
    const scores = expected.map((e) => e.scorer[label]![0]);
    assert.ok(Math.max(...scores) >= 0.5 && Math.min(...scores) < 0.1, `${label} range`);
  }
});

test('the bucketed profane-root lookup finds the same root as the plain scan over every form', async () => {
  const { rootOf, rootOfByScan, profaneRoot, OBSCENITY_PATTERNS, OBSCENITY_WHITELIST, PARLEY_WHITELIST, PROFANITY_WORDS } = await import('../src/models/lexicons/profanity.js');
  const words = new Set<string>(['', 'a', 'ass', 'assess', 'bass', 'classic', 'scunthorpe', 'cocktail', 'shitake', 'bullshit', 'dickens', 'fuu', 'fu', 'fk', 'xfkx', 'motherfucker', 'niggardly', 'analysis']);
  for (const [root, , forms] of OBSCENITY_PATTERNS) for (const f of [root, ...forms]) for (const w of [f, `x${f}`, `${f}x`, `x${f}x`, f.slice(1), f.slice(0, -1)]) words.add(w);
  for (const w of [...OBSCENITY_WHITELIST, ...PARLEY_WHITELIST, ...PROFANITY_WORDS]) words.add(w);
  for (const text of identityComments()) for (const w of text.toLowerCase().split(/[^a-z]+/)) words.add(w);
  // Pairs of forms glued together: several forms in one word, where list order decides the root.
  const forms = OBSCENITY_PATTERNS.flatMap(([, , f]) => f).slice(0, 120);
  for (let i = 0; i < forms.length; i++) words.add(forms[i]! + forms[(i * 37 + 11) % forms.length]!);
  let nonNull = 0;
  for (const w of words) {
    const want = rootOfByScan(w);
    assert.equal(rootOf(w), want, w);
    assert.equal(profaneRoot(w), want, w);
    if (want) nonNull++;
  }
  assert.ok(nonNull > 200 && words.size > 1000, `${nonNull} of ${words.size}`);
});
