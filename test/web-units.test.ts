// Pure helpers of the browser code: highlighting spans as text pieces, safe website links, the
// strings table, and the comment-tree updates the embed makes on live events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highlight, safeHttpUrl } from '../web/highlight.js';
import { embedStrings, format, siteStrings } from '../web/strings.js';
import { appendReplies, findComment, insertComment } from '../web/embed/tree.js';
import type { Comment } from '../web/embed/types.js';

test('highlight merges overlapping spans, clamps out-of-range ones and keeps every character', () => {
  const text = 'You are a liar and a fool.';
  const pieces = highlight(text, [[8, 14], [10, 14], [21, 25], [40, 50], [5, 3], [-4, 1]]);
  assert.equal(pieces.map((p) => p.text).join(''), text);
  assert.deepEqual(pieces.filter((p) => p.marked).map((p) => p.text), ['Y', 'a liar', 'fool']);
  assert.deepEqual(highlight('abc', []), [{ text: 'abc', marked: false }]);
  assert.deepEqual(highlight('', [[0, 3]]), []);
});

test('safeHttpUrl only lets http(s) links through', () => {
  assert.equal(safeHttpUrl('https://example.org/a?b=1'), 'https://example.org/a?b=1');
  assert.equal(safeHttpUrl('http://example.org'), 'http://example.org/');
  for (const bad of ['javascript:alert(1)', ' javascript:alert(1)', 'JaVaScRiPt:x', 'data:text/html,x', 'vbscript:x', '//evil.example', 'not a url', '', null, undefined]) {
    assert.equal(safeHttpUrl(bad), null, String(bad));
  }
});

test('the strings table: placeholders, and a site’s overrides (unknown keys and non-strings ignored)', () => {
  assert.equal(format(embedStrings.headingMany, { n: 3, title: 'Budget' }), '3 thoughts on ‘Budget’');
  assert.equal(format('{a} and {missing}', { a: 1 }), '1 and {missing}');
  const de = siteStrings({ postComment: 'Kommentar senden', headingOne: '1 Kommentar zu „{title}“', bogus: 'x', like: 42 });
  assert.equal(de.postComment, 'Kommentar senden');
  assert.equal(de.like, embedStrings.like);
  assert.equal('bogus' in de, false);
  assert.deepEqual(siteStrings(undefined), embedStrings);
  assert.deepEqual(siteStrings('nonsense'), embedStrings);
});

const c = (id: string, parent: string | null = null, extra: Partial<Comment> = {}): Comment => ({
  id, site: 's', story: 't', parent, depth: parent ? 1 : 0, author: { name: id, website: null }, html: `<p>${id}</p>`,
  createdAt: '2026-01-01T00:00:00Z', editedAt: null, likes: 0, featured: false, status: 'approved', replyCount: 0, replies: [], ...extra,
});

test('insertComment places top-level comments by sort and replies under their parent', () => {
  const list = [c('a'), c('b')];
  assert.deepEqual(insertComment(list, c('n'), 'oldest')!.map((x) => x.id), ['a', 'b', 'n']);
  assert.deepEqual(insertComment(list, c('n'), 'newest')!.map((x) => x.id), ['n', 'a', 'b']);
  const withReply = insertComment(list, c('r', 'b'), 'oldest')!;
  assert.deepEqual(findComment(withReply, 'b')!.replies!.map((x) => x.id), ['r']);
  assert.equal(findComment(withReply, 'b')!.replyCount, 1);
  assert.equal(list[1]!.replies!.length, 0, 'the original list is not changed');
  // A reply to a comment that is not loaded cannot be placed.
  assert.equal(insertComment(list, c('r', 'zzz'), 'oldest'), null);
});

test('insertComment updates an existing comment in place (own pending → approved), keeping its replies', () => {
  const list = [c('a', null, { status: 'pending', own: true, replies: [c('r', 'a')] })];
  const next = insertComment(list, c('a', null, { status: 'approved', replies: undefined }), 'oldest')!;
  assert.equal(next.length, 1);
  assert.equal(next[0]!.status, 'approved');
  assert.equal(next[0]!.own, true);
  assert.deepEqual(next[0]!.replies!.map((x) => x.id), ['r']);
});

test('appendReplies adds a page of replies without duplicates and records the next cursor', () => {
  const list = [c('a', null, { replies: [c('r1', 'a')], moreReplies: 'cur1' })];
  const next = appendReplies(list, 'a', [c('r1', 'a'), c('r2', 'a')], null);
  assert.deepEqual(next[0]!.replies!.map((x) => x.id), ['r1', 'r2']);
  assert.equal(next[0]!.moreReplies, null);
});
