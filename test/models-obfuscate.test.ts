import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mulberry32, obfuscate, obfuscateWord, OBFUSCATION_FORMS, type ObfuscationForm } from '../src/models/obfuscate.js';
import { normalize } from '../src/models/normalize.js';
import { profanity } from '../src/models/rules/index.js';

const TOXIC = 'You are a stupid idiot and a fucking asshole, shut up bitch. The council approved the budget yesterday.';

test('obfuscate is deterministic for a seed and differs between seeds', () => {
  assert.equal(obfuscate(TOXIC, 42), obfuscate(TOXIC, 42));
  const outputs = new Set(Array.from({ length: 10 }, (_, seed) => obfuscate(TOXIC, seed)));
  assert.ok(outputs.size >= 8, 'different seeds give different disguises');
  assert.notEqual(obfuscate(TOXIC, 1), TOXIC);
});

test('toxic words are disguised first; most other words are kept', () => {
  let toxicChanged = 0;
  let otherChanged = 0;
  const runs = 200;
  for (let seed = 0; seed < runs; seed++) {
    const out = obfuscate(TOXIC, seed);
    if (!out.includes('fucking')) toxicChanged++;
    if (!out.includes('council')) otherChanged++;
  }
  assert.ok(toxicChanged / runs > 0.8, `toxic word disguised in ${toxicChanged}/${runs}`);
  assert.ok(otherChanged / runs < 0.25, `ordinary word disguised in ${otherChanged}/${runs}`);
});

test('every form is produced, and each looks like what it says', () => {
  const stats: Partial<Record<ObfuscationForm, number>> = {};
  for (let seed = 0; seed < 100; seed++) obfuscate(TOXIC, seed, { stats });
  for (const form of OBFUSCATION_FORMS) assert.ok((stats[form] ?? 0) > 0, `${form} used`);

  const rand = mulberry32(7);
  const samples = (form: ObfuscationForm) => Array.from({ length: 30 }, () => obfuscateWord('idiots', form, rand));
  assert.ok(samples('masked').every((w) => /^i[a-z]*[*_#]+[a-z]*$/.test(w) && w.length === 6));
  assert.ok(samples('leetspeak').every((w) => /[0-9@$!]/.test(w) && w.length === 6));
  assert.ok(samples('stretched').every((w) => /(.)\1\1/.test(w)));
  assert.ok(samples('spaced').every((w) => /^i[ .-]d[ .-]i/.test(w)));
  assert.ok(samples('zero_width').every((w) => /[\u200b\u200c\u200d\u2060\ufeff]/.test(w) && w.replace(/[\u200b\u200c\u200d\u2060\ufeff]/g, '') === 'idiots'));
  assert.ok(samples('lookalike').every((w) => /[^\x00-\x7f]/.test(w)));
  assert.ok(samples('mixed').every((w) => w !== 'idiots'));
});

test('the normalizer sees through most of the obfuscated toxic words', () => {
  let seen = 0;
  const runs = 300;
  for (let seed = 0; seed < runs; seed++) {
    const out = obfuscate('what a fucking idiot', seed, { toxicRate: 1, otherRate: 0 });
    const words = normalize(out).text;
    if (words.includes('fucking') && words.includes('idiot')) seen++;
  }
  // Not all: masks that hide too much and some mixes stay unreadable, as with real evasion.
  assert.ok(seen / runs > 0.7, `both words recovered in ${seen}/${runs}`);
});

test('profanity is still found in obfuscated text, at the disguised characters', () => {
  const text = obfuscate('this is fucking bullshit', 3, { toxicRate: 1, otherRate: 0 });
  const r = profanity(text);
  assert.ok(r.score > 0.8, `${JSON.stringify(text)} scored ${r.score}`);
  for (const [s, e] of r.spans) assert.ok(s >= 'this is '.length && e <= text.length);
});
