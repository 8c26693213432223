// Parley's own hand-written corpora (src/models/corpus/): they load, are balanced, have no duplicates,
// and the committed toxicity model learned from them without forgetting Jigsaw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCommentSpam, loadNewsCivility, newsCivilitySplit, parseNewsCivility } from '../src/models/newsCivility.js';

test('news-civility set loads, is balanced, has many kinds and no duplicate texts', () => {
  const all = loadNewsCivility();
  assert.ok(all.length >= 400, `only ${all.length} comments`);
  const uncivil = all.filter((e) => e.uncivil === 1).length;
  assert.ok(Math.abs(uncivil / all.length - 0.5) < 0.05, `uncivil share ${uncivil}/${all.length}`);
  const kinds = new Set(all.filter((e) => e.uncivil === 1).map((e) => e.kind));
  for (const k of ['insult', 'condescension', 'dismissive', 'sarcasm', 'name_calling', 'generalisation', 'hostility']) assert.ok(kinds.has(k), k);
  const civilKinds = new Set(all.filter((e) => e.uncivil === 0).map((e) => e.kind));
  for (const k of ['disagreement', 'quoted', 'news_vocabulary']) assert.ok(civilKinds.has(k), k);
  const texts = all.map((e) => e.text.toLowerCase().replace(/\s+/g, ' ').trim());
  const dupes = texts.filter((t, i) => texts.indexOf(t) !== i);
  assert.deepEqual(dupes, []);
  for (const e of all) assert.ok(e.text.length >= 3 && (e.constructive === 0 || e.constructive === 1));
  // both constructive and not, in both classes
  assert.ok(all.some((e) => e.uncivil && e.constructive) && all.some((e) => !e.uncivil && !e.constructive));
});

test('news-civility split is fixed, stratified and disjoint', () => {
  const a = newsCivilitySplit();
  const b = newsCivilitySplit();
  assert.deepEqual(a.dev.map((e) => e.text), b.dev.map((e) => e.text));
  const train = new Set(a.train.map((e) => e.text));
  assert.ok(a.dev.every((e) => !train.has(e.text)));
  assert.equal(a.train.length + a.dev.length, loadNewsCivility().length);
  for (const part of [a.train, a.dev]) {
    const share = part.filter((e) => e.uncivil).length / part.length;
    assert.ok(Math.abs(share - 0.5) < 0.02, `uncivil share ${share}`);
  }
});

test('news-civility parser names the line of a malformed entry', () => {
  assert.throws(() => parseNewsCivility('## civil facts\n+ fine\noops no marker\n'), /line 3/);
  assert.throws(() => parseNewsCivility('+ before any section\n'), /line 1/);
  assert.deepEqual(parseNewsCivility('# note\n## uncivil insult\n- You clown.\n'), [{ text: 'You clown.', uncivil: 1, constructive: 0, kind: 'insult' }]);
});

test('comment-spam lines load without duplicates or comments', () => {
  const spam = loadCommentSpam();
  assert.ok(spam.length >= 50);
  assert.equal(new Set(spam).size, spam.length);
  assert.ok(spam.every((t) => !t.startsWith('#')));
});

test('the committed toxicity model separates the held-out news-civility dev half', async () => {
  const { loadScorer } = await import('../src/models/scorer.js');
  const { rocAuc } = await import('../src/models/metrics.js');
  const scorer = loadScorer();
  const { dev } = newsCivilitySplit();
  const auc = rocAuc(dev.map((e) => e.uncivil), dev.map((e) => scorer.score(e.text).toxicity.score));
  assert.ok(auc >= 0.88, `news dev ROC-AUC ${auc}`);
});
