import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { normalize } from '../src/models/normalize.js';
import {
  attack, constructiveness, constructivenessFeatures, hate, offTopic, profanity, RULE_FEATURE_NAMES, ruleFeatures,
  runRules, threat, unsubstantial, type RuleResult,
} from '../src/models/rules/index.js';
import { OBSCENITY_PATTERNS, OBSCENITY_WHITELIST } from '../src/models/lexicons/profanity.js';

const slices = (text: string, r: RuleResult) => r.spans.map(([s, e]) => text.slice(s, e));
const HIGH = 0.5;
const LOW = 0.2;

function assertHigh(rule: (t: string) => RuleResult, texts: string[]) {
  for (const t of texts) assert.ok(rule(t).score >= HIGH, `expected high score for ${JSON.stringify(t)}: ${rule(t).score}`);
}
function assertLow(rule: (t: string) => RuleResult, texts: string[]) {
  for (const t of texts) assert.ok(rule(t).score < LOW, `expected low score for ${JSON.stringify(t)}: ${rule(t).score}`);
}

test('profanity: swearwords through obfuscation, with spans on the original text', () => {
  const text = 'What the f**k is this sh1t, f u c k it';
  const r = profanity(text);
  assert.ok(r.score > 0.9);
  assert.deepEqual(slices(text, r), ['f**k', 'sh1t', 'f u c k']);
  assertHigh(profanity, ['you are such an a$$hole', 'fuuuuck off', 'ｆｕｃｋ this', 'bullshit', 'motherfucker']);
});

test('profanity: no false hits on words that contain swearwords', () => {
  assertLow(profanity, [
    'Scunthorpe assessment class cocktail therapist skill',
    'assign the assortment of cumin, kung fu in Montenegro',
    'the cockpit, fire retardant and the Arsenal match',
    'Mr. Hancock and Dickens on passing the title',
    'The council approved the budget on Tuesday.',
  ]);
});

test('profanity lexicon matches the installed obscenity package', () => {
  const require = createRequire(import.meta.url);
  const { englishDataset } = require('obscenity') as typeof import('obscenity');
  const built = englishDataset.build();
  assert.deepEqual([...OBSCENITY_WHITELIST], built.whitelistedTerms);
  const roots = new Set(OBSCENITY_PATTERNS.map(([root]) => root));
  const packageRoots = new Set<string>(
    built.blacklistedTerms.map((t) => englishDataset.getPayloadWithPhraseMetadata({ termId: t.id, startIndex: 0, endIndex: 0, matchLength: 0 }).phraseMetadata!.originalWord),
  );
  for (const root of roots) assert.ok(packageRoots.has(root), `${root} is in obscenity`);
});

test('threat: intentions and wishes of harm, not news about violence', () => {
  assertHigh(threat, [
    'I will kill you',
    "I'm gonna find you and beat you",
    'you should be shot',
    'They all deserve to be hanged.',
    'I hope you die in a fire',
    'watch your back',
    'we know where you live',
    'Kill them all',
    'i will k1ll y0u',
    "I'd love to see him hang",
    'He deserves a bullet.',
    'We should round them up and shoot them',
    'Death to all of them',
  ]);
  assertLow(threat, [
    'Police said the man was shot on Tuesday.',
    'The army killed 20 people in the attack.',
    'This policy will kill jobs in the region.',
    'I would like to see better transit.',
    'That comedian killed it last night.',
  ]);
  const text = 'Honestly, I will kill you.';
  assert.deepEqual(slices(text, threat(text)), ['I will kill you']);
});

test('attack: insults aimed at a person, not at an idea', () => {
  assertHigh(attack, [
    'you are an idiot',
    'You idiot.',
    'you stupid moron',
    'your stupid article is garbage',
    'The author is a moron',
    'Smith is a liar and a fraud',
    'what an idiot',
    'f*** you',
    'y o u a r e a n i d i o t',
  ]);
  assertLow(attack, [
    'I think the policy is wrong because taxes will rise.',
    'Thank you for a great article.',
    'You are right, the government should act.',
  ]);
  // Calling an idea stupid is uncivil, but much less than calling a person stupid.
  assert.ok(attack('This is a stupid idea.').score < 0.3);
  assert.ok(attack('You are stupid.').score > 0.7);
  assertHigh(attack, ['you suck', 'this article sucks']);
  const text = 'Well, you are an 1d10t.';
  assert.deepEqual(slices(text, attack(text)), ['you are an 1d10t']);
  assert.ok(attack('educate yourself').score > 0.2 && attack('educate yourself').score < 0.5, 'dismissive is weaker');
});

test('hate: slurs, dehumanizing generalizations and calls for exclusion about groups', () => {
  assertHigh(hate, [
    'All muslims are animals',
    'immigrants are vermin',
    'These immigrants should go back to where they came from',
    'women are stupid and should not be allowed to vote',
    'kill all the jews',
    'f4gg0t',
  ]);
  assertLow(hate, [
    'Immigrants contribute a lot to the economy.',
    'The Muslim community center opens on Friday.',
    'Women won three of the five seats.',
    'My dog is an animal lover.',
  ]);
});

test('off_topic: only with story text, and not for short replies', () => {
  const story = { title: 'City council approves property tax increase', body: 'The council voted 7-2 to raise property taxes by 3 percent to pay for transit.' };
  const onTopic = 'The tax increase is too high, transit ridership has fallen and the council ignored it.';
  const offTopicText = 'My cat loves playing with yarn balls every morning before breakfast and then sleeps.';
  assert.ok(offTopic(offTopicText, undefined, story).score >= 0.7);
  assert.ok(offTopic(onTopic, undefined, story).score < 0.1);
  assert.equal(offTopic(offTopicText).score, 0, 'no story, no judgement');
  assert.ok(offTopic('Source?', undefined, story).score <= 0.1, 'short replies are not off-topic');
  // The thread counts as context too.
  const reply = 'Yarn balls are the best toys for a cat, mine plays with them every morning.';
  assert.ok(offTopic(reply, undefined, { ...story, thread: [offTopicText] }).score < 0.2);
});

test('unsubstantial: agreement, slogans, noise and emoji; constructive comments score low', () => {
  assertHigh(unsubstantial, ['I agree 100%', 'This!', 'lol', 'so true', 'MAKE AMERICA GREAT AGAIN', '😂😂👍', '+1', 'Well said.']);
  const argued =
    'The tax increase is too high because transit ridership has fallen 10% since 2019. However, the council ' +
    'ignored the auditor, who recommended, for example, cutting the two unused routes first.';
  assert.ok(unsubstantial(argued).score < 0.2);
  const r = unsubstantial('I agree 100%');
  assert.deepEqual(slices('I agree 100%', r), ['I agree']);
  // Constructiveness grows with length and reasoning.
  const short = constructiveness(constructivenessFeatures('Good point.'));
  const long = constructiveness(constructivenessFeatures(argued));
  assert.ok(long > 0.8 && short < 0.3);
});

test('rules share one analysis and give spans inside the original text', () => {
  const text = 'Y0u are a ｓｔｕｐｉｄ idiot and I will k1ll you, all immigrants are vermin, f**k this!!!';
  const n = normalize(text);
  const results = runRules(text, n, { title: 'Immigration policy debate' });
  for (const [label, r] of Object.entries(results)) {
    assert.ok(r.score >= 0 && r.score <= 1, `${label} score in 0..1`);
    for (const [s, e] of r.spans) assert.ok(s >= 0 && e <= text.length && s < e, `${label} span inside text`);
  }
  assert.ok(results.attack.score > 0.8 && results.threat.score > 0.8 && results.hate.score > 0.6 && results.profanity.score > 0.8);
});

test('ruleFeatures: fixed names, numbers, reacting to the text', () => {
  const calm = ruleFeatures('The council approved the budget on Tuesday.');
  const angry = ruleFeatures('YOU are a STUPID idiot!!! I will kill you, f**k off');
  assert.deepEqual(Object.keys(calm), [...RULE_FEATURE_NAMES]);
  for (const v of Object.values(angry)) assert.equal(typeof v, 'number');
  assert.equal(calm.insult_hits, 0);
  assert.ok(angry.insult_hits >= 2);
  assert.ok(angry.second_person_insults >= 1);
  assert.ok(angry.threat_pattern_hits >= 1);
  assert.ok(angry.profanity_hits >= 1);
  assert.ok(angry.afinn_negative < calm.afinn_negative);
  assert.equal(angry.exclamations, 3);
  assert.ok(angry.caps_ratio > calm.caps_ratio);
});

test('rules are fast: well under the pipeline budget per comment', () => {
  const texts = Array.from({ length: 400 }, (_, i) => `Comment ${i}: I think the council is wrong about taxes because transit costs rose ${i}% last year, you know.`);
  for (const t of texts) runRules(t);
  const start = process.hrtime.bigint();
  for (let r = 0; r < 5; r++) for (const t of texts) runRules(t + r);
  const perComment = Number(process.hrtime.bigint() - start) / 1e6 / (texts.length * 5);
  assert.ok(perComment < 0.5, `rules took ${perComment.toFixed(3)} ms per comment`);
});
