// The committed models through the scorer, and `parley eval --json` on a tiny fixture dataset
// (same folder layout as ../shared/datasets) written here in a temp dir. Needs no ../shared data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadScorer, defaultModelsDir } from '../src/models/scorer.js';
import { LABELS } from '../src/moderation/types.js';

const run = promisify(execFile);

test('loadScorer loads the committed models, once (cached)', () => {
  const a = loadScorer();
  const b = loadScorer(defaultModelsDir());
  assert.equal(a, b);
  assert.throws(() => loadScorer(join(tmpdir(), 'no-such-models-dir')), /ENOENT|manifest/);
});

test('all nine labels are scored in [0, 1] with spans inside the text', () => {
  const scorer = loadScorer();
  const text = 'You are a pathetic idiot and your article is garbage.';
  const scores = scorer.score(text, { title: 'City budget vote' });
  assert.deepEqual(Object.keys(scores).sort(), [...LABELS].sort());
  for (const label of LABELS) {
    const { score, spans } = scores[label];
    assert.ok(score >= 0 && score <= 1, `${label}: ${score}`);
    for (const [s, e] of spans) assert.ok(s >= 0 && e <= text.length && s < e, `${label} span ${s},${e}`);
  }
});

test('clear toxic, clean and spam comments are ordered the right way', () => {
  const scorer = loadScorer();
  const toxic = scorer.score('Shut up you stupid moron, nobody cares about your idiotic opinion');
  const clean = scorer.score('Thank you for this thoughtful article about the new transit budget.');
  const spam = scorer.score('Check out my channel and subscribe!!! http://www.youtube.com/mychannel free gift cards');
  assert.ok(toxic.toxicity.score > 0.8, `toxic ${toxic.toxicity.score}`);
  assert.ok(clean.toxicity.score < 0.3, `clean ${clean.toxicity.score}`);
  assert.ok(toxic.toxicity.score > spam.toxicity.score);
  assert.ok(spam.spam.score > 0.8, `spam ${spam.spam.score}`);
  assert.ok(spam.spam.score > clean.spam.score && spam.spam.score > toxic.spam.score);
});

test('toxicity spans name the words that raised it, in the original text', () => {
  const scorer = loadScorer();
  const text = 'Honestly, you are a m0r0n.';
  const result = scorer.score(text);
  assert.ok(result.toxicity.score > 0.5, `score ${result.toxicity.score}`);
  const words = result.toxicity.spans.map(([s, e]) => text.slice(s, e));
  assert.ok(words.includes('m0r0n'), `spans ${JSON.stringify(words)}`);
});

test('obfuscation does not hide a toxic comment', () => {
  const scorer = loadScorer();
  const plain = scorer.score('what a fucking idiot').toxicity.score;
  const hidden = scorer.score('what a f*cking 1d10t').toxicity.score;
  assert.ok(hidden > 0.5 && Math.abs(plain - hidden) < 0.2, `plain ${plain}, obfuscated ${hidden}`);
});

test('comments without words (empty, emoji, invisible characters) are not flagged, and nothing throws', () => {
  const scorer = loadScorer();
  for (const text of ['', '   ', '🙂🙂🙂', '\u200b\u200b', '\ud83d', '!!!???']) {
    const scores = scorer.score(text, { title: 'Budget', body: null }, ['a parent comment']);
    for (const label of ['toxicity', 'severe_toxicity', 'hate', 'spam', 'attack', 'threat', 'profanity'] as const) {
      assert.ok(scores[label].score < 0.5, `${JSON.stringify(text)} ${label} ${scores[label].score}`);
    }
  }
  const long = scorer.score('You are an idiot. '.repeat(2000));
  assert.ok(long.toxicity.score > 0.5);
  for (const [s, e] of long.toxicity.spans) assert.ok(s >= 0 && e <= 36000 && s < e);
});

/** A tiny dataset in the same layout as ../shared/datasets, built from templates. */
function writeFixture(dir: string): void {
  const toxic = ['you are an idiot', 'shut up moron', 'what a stupid fool', 'you pathetic loser', 'go away you idiot troll', 'fuck off idiot'];
  const clean = ['thanks for the article', 'the budget looks fair', 'i agree with the council', 'good reporting on transit', 'the vote is next week', 'interesting numbers here'];
  const spam = ['check out my channel', 'subscribe to my channel please', 'visit my website for free money', 'free gift cards at my site'];
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const rows = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n') + '\n';
  const mk = (sub: string) => { mkdirSync(join(dir, sub), { recursive: true }); return join(dir, sub); };
  writeFileSync(join(mk('jigsaw-toxic-binary-sample'), 'jigsaw_binary_balanced.csv'),
    rows(120, (i) => `${q(`${i % 2 ? toxic[i % 6] : clean[i % 6]} ${i}`)},${i % 2}`));
  writeFileSync(join(mk('davidson-hate-offensive'), 'labeled_data.csv'),
    ',count,hate_speech,offensive_language,neither,class,tweet\n' + rows(60, (i) => `${i},3,0,0,3,${i % 3},${q(`${i % 3 === 2 ? clean[i % 6] : toxic[i % 6]} ${i}`)}`));
  const yt = mk('youtube-spam');
  for (const v of ['Youtube01-Psy', 'Youtube02-KatyPerry', 'Youtube03-LMFAO', 'Youtube04-Eminem', 'Youtube05-Shakira']) {
    writeFileSync(join(yt, `${v}.csv`), 'COMMENT_ID,AUTHOR,DATE,CONTENT,label\n' + rows(20, (i) => `id${i},a,,${q(`${i % 2 ? spam[i % 4] : clean[i % 6]} ${v} ${i}`)},${i % 2}`));
  }
  const ucc = mk('ucc-unhealthy-comments');
  const uccHeader = '_unit_id,_trusted_judgments,comment,antagonize,antagonize:confidence,condescending,condescending:confidence,dismissive,dismissive:confidence,generalisation,generalisation:confidence,generalisation_unfair,generalisation_unfair:confidence,healthy,healthy:confidence,hostile,hostile:confidence,sarcastic,sarcastic:confidence\n';
  for (const f of ['val.csv', 'test.csv']) {
    writeFileSync(join(ucc, f), uccHeader + rows(20, (i) => `${i},3,${q(i % 2 ? toxic[i % 6] : clean[i % 6])},0,1,0,1,0,1,0,1,0.0,1,${i % 2 ? 0 : 1},1,${i % 2},1,0,1`));
  }
  writeFileSync(join(mk('sfu-constructiveness-toxicity'), 'SFU_constructiveness_toxicity.csv'),
    'comment,is_constructive,is_toxic_popular_answer_1,title\n' + rows(20, (i) => `${q(i % 2 ? toxic[i % 6] : `${clean[i % 6]} because the figures show a clear trend over ten years`)},${i % 2 ? 'no' : 'yes'},${i % 2 ? 3 : 1},Budget`));
  writeFileSync(join(mk('ethos-hate-speech'), 'Ethos_Dataset_Binary.csv'),
    'comment;isHate\n' + rows(20, (i) => `${i % 2 ? toxic[i % 6] : clean[i % 6]};${i % 2 ? '0.8' : '0.0'}`));
}

test('parley eval --json prints one JSON object with every required key', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-eval-'));
  try {
    writeFixture(dir);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'eval', '--data', dir, '--json', '--report', join(dir, 'report')], { maxBuffer: 1 << 24 });
    const out = JSON.parse(stdout.trim());
    const required = ['jigsaw/toxic', 'jigsaw-obfuscated/toxic', 'ucc/hostile', 'ucc/unhealthy', 'sfu/toxicity', 'sfu/constructive', 'ethos/hate', 'youtube/spam'];
    for (const key of required) {
      assert.ok(out.sets[key], `missing ${key}`);
      for (const who of ['parley', 'baseline']) {
        for (const m of ['roc_auc', 'pr_auc', 'f1']) {
          const v = out.sets[key][who][m];
          assert.ok(typeof v === 'number' && v >= 0 && v <= 1, `${key}.${who}.${m} = ${v}`);
        }
      }
    }
    assert.equal(typeof out.sets['sfu/constructive'].length_only.roc_auc, 'number');
    assert.ok(out.latency_ms.p50 > 0 && out.latency_ms.p99 >= out.latency_ms.p50);
    // the committed models on clear-cut template comments
    assert.ok(out.sets['jigsaw/toxic'].parley.roc_auc > 0.9, `jigsaw ${out.sets['jigsaw/toxic'].parley.roc_auc}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('parley eval without datasets says so clearly and exits 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-empty-'));
  try {
    await assert.rejects(run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'eval', '--data', dir, '--json']), (err: { code: number; stderr: string }) => {
      assert.equal(err.code, 2);
      assert.match(err.stderr, /No datasets found/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
