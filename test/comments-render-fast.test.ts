// The plain-sentence shortcut of renderCommentHtml must give exactly what Markdown + the sanitizer give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderCommentHtml, renderMarkdownHtml } from '../src/comments/render.js';

const CRAFTED = [
  'Thanks for the careful reporting on the budget vote.',
  'I agree 100%',
  'Mr. Smith said "no" twice: once in March, once in May (see page 4).',
  'Visit example.com for more',
  'See http://example.com/x now',
  'javascript:alert(1)',
  'Call me at 555-123-4567 or 555.123.4567',
  'U.S. policy is a mess',
  'Trailing space ',
  'Two  spaces',
  'A',
  'What?! Really... no way',
  'Cost was $5/day = 50% more + fees',
  "It's the council's job; isn't it?",
  'Go to www.example.org today',
  'One.Two',
  'a//b',
  'x = y - z',
];

/** Random strings over the shortcut's own alphabet (and a few characters outside it). */
function* fuzz(count: number): Generator<string> {
  const alphabet = "abcXYZ019 ,.;:'\"?!()%$-/=+*_`[]<>&#\n";
  let seed = 42;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < count; i++) {
    const len = 1 + Math.floor(rand() * 30);
    let s = 'Ab'[Math.floor(rand() * 2)]!;
    for (let j = 0; j < len; j++) s += alphabet[Math.floor(rand() * (rand() < 0.8 ? 20 : alphabet.length))];
    yield s;
  }
}

test('plain sentences render exactly as Markdown + sanitizer render them', () => {
  for (const text of [...CRAFTED, ...fuzz(20_000)]) {
    assert.equal(renderCommentHtml(text), renderMarkdownHtml(text), JSON.stringify(text));
  }
});

test('links and markup still go through Markdown and the sanitizer', () => {
  assert.match(renderCommentHtml('See http://example.com now'), /<a href="http:\/\/example\.com" rel="nofollow ugc noopener">/);
  assert.equal(renderCommentHtml('a <script>x</script> b'), '<p>a &lt;script&gt;x&lt;/script&gt; b</p>');
  assert.equal(renderCommentHtml('Plain words, nothing else.'), '<p>Plain words, nothing else.</p>');
});
