// The worst sentence: a long, civil-sounding comment with one insult is scored by that sentence too
// (src/models/sentences.ts), and the sentence vectors are the features the sentence would have on its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { featurize, HASH_DIM, partVector, sentenceRanges } from '../src/models/features.js';
import { raiseToWorstSentence, worstSentenceLogit } from '../src/models/sentences.js';
import { defaultModelsDir, loadScorer } from '../src/models/scorer.js';
import { constructiveness, constructivenessFeatures } from '../src/models/rules/index.js';
import { decodeModel, dot, sigmoid, type SparseVec } from '../src/models/learner.js';
import { loadEmbeddings, pool } from '../src/models/embeddings.js';
import { decodeMlp, mlpLogit } from '../src/models/mlp.js';
import { denseOnly } from '../src/models/train.js';

/** The hashed part of a vector as index → summed value (word and char blocks may share an index). */
function hashed(v: SparseVec): Map<number, number> {
  const out = new Map<number, number>();
  for (let k = 0; k < v.idx.length; k++) if (v.idx[k] < HASH_DIM) out.set(v.idx[k], (out.get(v.idx[k]) ?? 0) + v.val[k]);
  return out;
}
function assertSameVector(got: SparseVec, want: SparseVec, what: string): void {
  const a = hashed(got), b = hashed(want);
  assert.equal(a.size, b.size, `${what}: same features`);
  for (const [j, v] of b) assert.ok(Math.abs((a.get(j) ?? NaN) - v) < 1e-6, `${what}: feature ${j}`);
}

const sentencesOf = (text: string) => {
  const f = featurize(text);
  return sentenceRanges(f).map(([a, b]) => f.tokens.slice(a, b).map((t) => t.word).join(' '));
};

test('sentenceRanges: a sentence ends at . ! ? before a space, or at a line break', () => {
  assert.deepEqual(sentencesOf('The vote was 7-2. Was it fair?  I think so!\nAsk the U.S. mayor, e.g. him'),
    ['the vote was 7 2', 'was it fair', 'i think so', 'ask the u s mayor e g him']);
  assert.equal(sentenceRanges(featurize('One sentence only, no break')).length, 1);
  assert.equal(sentenceRanges(featurize('!!!')).length, 0);
});

test('sentenceRanges: the full stop of an initial or a title does not end a sentence; "I." and "No." do', () => {
  assert.deepEqual(sentencesOf('Ask Dr. Smith or J. R. Jones of the U.K. team. Gov. Ford vs. Sen. Lee, fine.'),
    ['ask dr smith or j r jones of the u k team', 'gov ford vs sen lee fine']);
  assert.deepEqual(sentencesOf('Better than I. Then again. No. I disagree'), ['better than i', 'then again', 'no', 'i disagree']);
  // a line break, or a ! or ? after the full stop, still ends the sentence
  assert.deepEqual(sentencesOf('I moved to the U.S.\nThe mayor. Ask Dr.! Now'), ['i moved to the u s', 'the mayor', 'ask dr', 'now']);
});

test('partVector: the features a sentence would have as a comment of its own', () => {
  // the whole of a one-sentence comment is the comment
  const one = featurize('You are an idiot, frankly.');
  assertSameVector(partVector(one, 0, one.tokens.length), one.vec, 'one sentence');
  // each sentence of a longer comment, against that sentence featurized alone
  const text = 'The budget adds two bus routes. You are an idiot if you think otherwise! Read it first.';
  const f = featurize(text);
  const sentences = ['The budget adds two bus routes.', 'You are an idiot if you think otherwise!', 'Read it first.'];
  sentenceRanges(f).forEach(([a, b], i) => assertSameVector(partVector(f, a, b), featurize(sentences[i]).vec, sentences[i]));
  // the comment's dense features ride along unchanged
  const part = partVector(f, 0, 2);
  const dense = (v: SparseVec) => Array.from(v.idx).filter((j) => j >= HASH_DIM);
  assert.deepEqual(dense(part), dense(f.vec));
});

test('raiseToWorstSentence: only upwards, by the weight, and not for one sentence', () => {
  assert.equal(raiseToWorstSentence(-2, 2, 0.75), 1);
  assert.equal(raiseToWorstSentence(-2, -3, 0.75), -2);
  assert.equal(raiseToWorstSentence(-2, null, 0.75), -2);
  assert.equal(raiseToWorstSentence(-2, 2, 0), -2);
  const f = featurize('Fine. Good. Bad.');
  let calls = 0;
  assert.equal(worstSentenceLogit(f, () => ++calls), 3);
  assert.equal(worstSentenceLogit(featurize('One sentence.'), () => 1), null);
});

test('a long reasoned comment with one insult is held; the model of the whole text alone let it through', () => {
  const reasoned =
    'The council spent two years consulting residents on the new library, and the design reflects what people ' +
    'asked for. The costs are in line with similar projects in other cities.';
  const insulting = `${reasoned} Only an idiot would complain about this.`;
  const scorer = loadScorer();
  assert.ok(JSON.parse(readFileSync(join(defaultModelsDir(), 'manifest.json'), 'utf8')).labels.toxicity.sentences.weight > 0);
  assert.ok(scorer.score(insulting).toxicity.score >= 0.5, 'held for its worst sentence');
  assert.ok(scorer.score(reasoned).toxicity.score < 0.2, 'the same comment without it is civil');

  // the same models with the sentence weight at 0 score the whole text only
  const dir = mkdtempSync(join(tmpdir(), 'parley-models-'));
  try {
    cpSync(defaultModelsDir(), dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    delete manifest.labels.toxicity.sentences;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    assert.ok(loadScorer(dir).score(insulting).toxicity.score < 0.5, 'the whole text alone reads as civil');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the scorer raises each label as parley train chose it: the same logits through worstSentenceLogit', () => {
  // train.ts scores a label's sentences one label at a time; the scorer scores all three in one pass
  const dir = defaultModelsDir();
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const embeddings = loadEmbeddings(join(dir, 'embeddings.bin'));
  const texts = [
    'The new routes serve the hospital. Only an idiot would complain about this. Thanks for the report.',
    'Great song!! Check out my channel for covers, subscribe please. Love from Brazil.',
    'One sentence about the budget vote, calm and civil',
  ];
  const scorer = loadScorer();
  let raised = 0;
  for (const label of ['toxicity', 'spam'] as const) {
    const entry = manifest.labels[label];
    const model = decodeModel(readFileSync(join(dir, entry.file)));
    const dense = { w: Float32Array.from(entry.dense.w as number[]), b: entry.dense.b as number };
    const net = entry.embedding ? decodeMlp(readFileSync(join(dir, entry.embedding.file))) : null;
    for (const text of texts) {
      const f = featurize(text, manifest.denseNames);
      const rest = entry.dense.weight * dot(dense, denseOnly(f.vec)) + (net ? entry.embedding.weight * mlpLogit(net, pool(embeddings, f.tokens)) : 0);
      const whole = (1 - entry.dense.weight) * dot(model, f.vec) + rest;
      const worst = worstSentenceLogit(f, (x) => (1 - entry.dense.weight) * dot(model, x) + rest);
      const z = raiseToWorstSentence(whole, worst, entry.sentences?.weight ?? 0);
      if (z > whole) raised++;
      const expected = sigmoid(z - Math.log(entry.threshold / (1 - entry.threshold)));
      assert.ok(Math.abs(scorer.score(text)[label].score - expected) < 1e-6, `${label}: ${text}`);
    }
  }
  assert.ok(raised >= 2, 'some of these comments were raised by a sentence');
});

test('constructiveness: of two comments of the same length, the uncivil one brings less', () => {
  const f = constructivenessFeatures('The new routes serve the hospital and the college, which is where riders go.');
  assert.ok(constructiveness(f, 0.9) < constructiveness(f, 0.05) - 0.2);
  assert.equal(constructiveness(f), constructiveness(f, 0), 'the rule alone goes by length');
});
