// Placeholders in the public thread, on SQLite and PostgreSQL through real HTTP: a comment the reader may
// not see (deleted by its author; rejected, spam or deleted by a moderator; pending someone else's review)
// stays in its place as { status: 'removed' } when a reply the reader sees lies below it, carries nothing
// of what it said or who wrote it, and every approved comment stays reachable (total = what one can reach).
import assert from 'node:assert/strict';
import { forEachDatabase } from './helpers/databases.js';
import { startTestServer, request, type TestServer } from './helpers/server.js';
import { seedCoreFixtures, guest, LIVE_ORIGIN } from './helpers/core-fixtures.js';
import { makeUser, signIn } from './helpers/admin.js';
import { changeCommentStatus, postComment } from '../src/comments/index.js';
import type { CommentStatus } from '../src/moderation/types.js';
import type { Store } from '../src/store/db.js';

const PLACEHOLDER_KEYS = ['createdAt', 'depth', 'id', 'parent', 'replies', 'replyCount', 'site', 'status', 'story'];

interface Posted {
  id: string;
  token: string;
  name: string;
  email: string;
  website: string;
  body: string;
}

let address = 0;
/**
 * Posts on the post-moderated site 'live' (published at once) through the comment domain, each from its
 * own network address so the per-address rate rule never holds a setup comment for review.
 */
async function post(s: TestServer, extra: Record<string, unknown> = {}, story = 't', authorToken?: string): Promise<Posted> {
  address += 1;
  const fields = guest('live', story, { website: `https://reader${address}.example/home`, ...extra });
  const r = await postComment(s.ctx, fields, { origin: LIVE_ORIGIN, ip: `10.9.${address >> 8}.${address & 255}`, authorToken });
  assert.equal(r.status, 'approved', 'postmod publishes at once');
  const text = (key: string) => fields[key] as string;
  return { id: r.comment.id, token: r.authorToken, name: text('name'), email: text('email'), website: text('website'), body: text('body') };
}

type Item = Record<string, any>;

/**
 * Reads a whole thread as a reader would: every page of top-level items and every "more replies" page.
 * Returns the items in display order (depth-first) and checks on the way that each placeholder has a
 * non-placeholder somewhere below it.
 */
async function readWholeThread(s: TestServer, opts: { sort?: string; limit?: number; headers?: Record<string, string>; story?: string } = {}) {
  const items: Item[] = [];
  let total = -1;
  const visit = async (list: Item[]): Promise<number> => {
    let visible = 0;
    for (const c of list) {
      items.push(c);
      let below = 0;
      if (c.replies?.length) below += await visit(c.replies);
      let cursor: string | null = c.moreReplies ?? null;
      while (cursor) {
        const more = await request(s.baseUrl, `/api/v1/comments/${c.id}/replies?cursor=${encodeURIComponent(cursor)}`, { headers: opts.headers });
        assert.equal(more.status, 200, more.text);
        below += await visit(more.body.comments);
        cursor = more.body.nextCursor;
      }
      if (c.status === 'removed') assert.ok(below > 0, `placeholder ${c.id} stands above no visible reply`);
      visible += below + (c.status === 'removed' ? 0 : 1);
    }
    return visible;
  };
  let cursor: string | null = null;
  do {
    const q: string = `/api/v1/comments?site=live&story=${opts.story ?? 't'}&sort=${opts.sort ?? 'oldest'}&limit=${opts.limit ?? 50}${
      cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
    }`;
    const page = await request(s.baseUrl, q, { headers: opts.headers });
    assert.equal(page.status, 200, page.text);
    total = page.body.total;
    await visit(page.body.comments);
    cursor = page.body.nextCursor;
  } while (cursor);
  const ids = items.map((c) => c.id);
  assert.equal(new Set(ids).size, ids.length, 'no item twice');
  const approved = items.filter((c) => c.status === 'approved').length;
  return { items, ids, total, approved };
}

/** Checks a placeholder carries nothing but its place in the thread. */
function assertBarePlaceholder(item: Item, of: Posted | null, id: string) {
  assert.equal(item.id, id);
  assert.equal(item.status, 'removed');
  assert.deepEqual(Object.keys(item).filter((k) => k !== 'moreReplies').sort(), PLACEHOLDER_KEYS);
  if (of) {
    const text = JSON.stringify(item.replies ? { ...item, replies: [] } : item);
    for (const secret of [of.name, of.email, of.body.slice(0, 30), of.website]) assert.ok(!text.includes(secret), `placeholder leaks ${secret}`);
  }
}

/** One test on each database: the core fixtures seeded and the app served for the body. */
function placeholderTest(title: string, body: (s: TestServer, store: Store) => Promise<void>): void {
  forEachDatabase(`placeholders: ${title}`, async (store) => {
    await seedCoreFixtures(store);
    const s = await startTestServer(store);
    try {
      await body(s, store);
    } finally {
      await s.close();
    }
  });
}

async function counts(s: TestServer, story = 't'): Promise<number> {
  const r = await request(s.baseUrl, `/api/v1/counts?site=live&story=${story}`);
  assert.equal(r.status, 200);
  return r.body.counts[story];
}

placeholderTest('the author deletes a comment that has a reply; the reply stays under a bare placeholder', async (s) => {
  const first = await post(s);
  const reply = await post(s, { parent: first.id });
  const other = await post(s);
  const liker = { 'x-parley-reader': 'r'.repeat(24) };
  assert.equal((await request(s.baseUrl, `/api/v1/comments/${first.id}/likes`, { method: 'POST', headers: liker })).status, 200);

  const del = await request(s.baseUrl, `/api/v1/comments/${first.id}`, { method: 'DELETE', headers: { 'x-parley-author': first.token } });
  assert.equal(del.status, 200, del.text);

  const page = await request(s.baseUrl, '/api/v1/comments?site=live&story=t');
  assert.equal(page.status, 200);
  assert.deepEqual(page.body.comments.map((c: Item) => c.id), [first.id, other.id]);
  const placeholder = page.body.comments[0];
  assertBarePlaceholder(placeholder, first, first.id);
  assert.ok(!page.text.includes(first.email) && !page.text.includes(first.name) && !page.text.includes(first.body));
  assert.equal(placeholder.replyCount, 1);
  assert.equal(placeholder.replies[0].id, reply.id);
  assert.equal(placeholder.replies[0].status, 'approved');
  assert.equal(placeholder.replies[0].author.name, reply.name, 'the reply itself is shown in full');

  // Counted and reachable agree: the reply and the other comment.
  assert.equal(page.body.total, 2);
  assert.equal(await counts(s), 2);
  const whole = await readWholeThread(s);
  assert.equal(whole.approved, whole.total);

  // Neither its author nor a reader with likes sees more than anyone else.
  for (const headers of [{ 'x-parley-author': first.token }, liker]) {
    const view = await request(s.baseUrl, '/api/v1/comments?site=live&story=t', { headers });
    assertBarePlaceholder(view.body.comments[0], first, first.id);
  }
  const likedView = await request(s.baseUrl, '/api/v1/comments?site=live&story=t', { headers: liker });
  assert.equal(likedView.body.comments[0].replies[0].likedByMe, false, 'the reply is still marked for the reader');

  // Nothing can be done to a placeholder: no like, no report, no reply; its replies can be read.
  assert.equal((await request(s.baseUrl, `/api/v1/comments/${first.id}/likes`, { method: 'POST', headers: liker })).status, 404);
  assert.equal((await request(s.baseUrl, `/api/v1/comments/${first.id}/reports`, { body: { reason: 'x' }, headers: liker })).status, 404);
  const replyToIt = await request(s.baseUrl, '/api/v1/comments', { body: guest('live', 't', { parent: first.id }) });
  assert.equal(replyToIt.status, 400);
  assert.ok(replyToIt.body.errors.parent);
  const replies = await request(s.baseUrl, `/api/v1/comments/${first.id}/replies`);
  assert.equal(replies.status, 200, replies.text);
  assert.deepEqual(replies.body.comments.map((c: Item) => c.id), [reply.id]);

  // The reply goes too: so does the placeholder, and the count follows.
  await changeCommentStatus(s.ctx, reply.id, 'rejected');
  const after = await request(s.baseUrl, '/api/v1/comments?site=live&story=t');
  assert.deepEqual(after.body.comments.map((c: Item) => c.id), [other.id]);
  assert.equal(after.body.total, 1);
  assert.equal((await request(s.baseUrl, `/api/v1/comments/${first.id}/replies`)).status, 404);
});

placeholderTest('a moderator removes a top-level comment with replies, then a reply in the middle', async (s, store) => {
  const top = await post(s);
  const r1 = await post(s, { parent: top.id });
  const r2 = await post(s, { parent: r1.id });
  const r3 = await post(s, { parent: top.id });
  await makeUser(store, 'mod@news.example');
  const mod = await signIn(s.baseUrl, 'mod@news.example');
  const actions: [string, CommentStatus][] = [['reject', 'rejected'], ['spam', 'spam'], ['delete', 'deleted']];
  for (const [action, status] of actions) {
    // Every way a moderator removes a comment looks the same to readers.
    const acted = await mod.send('POST', `/comments/${top.id}/${action}`, {});
    assert.equal(acted.status, 200, acted.text);
    assert.equal(acted.body.comment.status, status);
    const page = await request(s.baseUrl, '/api/v1/comments?site=live&story=t');
    assert.equal(page.body.comments.length, 1);
    assertBarePlaceholder(page.body.comments[0], top, top.id);
    assert.deepEqual(page.body.comments[0].replies.map((c: Item) => c.id), [r1.id, r3.id]);
    assert.equal(page.body.comments[0].replies[0].replies[0].id, r2.id);
    assert.equal(page.body.total, 3);
    assert.equal(await counts(s), 3);
  }

  // A reply in the middle goes as well: placeholder under placeholder, the reply below it stays.
  await changeCommentStatus(s.ctx, r1.id, 'rejected');
  let whole = await readWholeThread(s);
  assert.deepEqual(whole.ids, [top.id, r1.id, r2.id, r3.id]);
  assert.deepEqual(whole.items.map((c) => c.status), ['removed', 'removed', 'approved', 'approved']);
  assertBarePlaceholder(whole.items[1], r1, r1.id);
  assert.equal(whole.items[1].depth, 1);
  assert.equal(whole.items[1].parent, top.id);
  assert.equal(whole.total, 2);
  assert.equal(whole.approved, whole.total);

  // The deepest reply goes: the middle placeholder stands for nothing now and is left out.
  await changeCommentStatus(s.ctx, r2.id, 'spam');
  whole = await readWholeThread(s);
  assert.deepEqual(whole.ids, [top.id, r3.id]);
  assert.equal(whole.items[0].replyCount, 1);
  assert.equal(whole.approved, whole.total);
  assert.equal(whole.total, 1);

  // Approved again, the top-level comment is itself again, text and author included.
  await changeCommentStatus(s.ctx, top.id, 'approved');
  const back = await request(s.baseUrl, '/api/v1/comments?site=live&story=t');
  assert.equal(back.body.comments[0].status, 'approved');
  assert.equal(back.body.comments[0].author.name, top.name);
  assert.equal(back.body.total, 2);

  // Moderators still see the removed reply in full.
  const modView = await mod.get(`/comments/${r1.id}`);
  assert.equal(modView.status, 200, modView.text);
  assert.equal(modView.body.comment.status, 'rejected');
  assert.equal(modView.body.comment.author.name, r1.name);
  assert.ok(modView.text.includes(r1.email));
});

placeholderTest('a removed comment with no reply a reader sees is absent, top level and nested', async (s) => {
  const alone = await post(s);
  const withSpamReply = await post(s);
  const spamReply = await post(s, { parent: withSpamReply.id });
  const kept = await post(s);
  const goneReply = await post(s, { parent: kept.id });
  await request(s.baseUrl, `/api/v1/comments/${alone.id}`, { method: 'DELETE', headers: { 'x-parley-author': alone.token } });
  await changeCommentStatus(s.ctx, spamReply.id, 'spam');
  await changeCommentStatus(s.ctx, withSpamReply.id, 'rejected');
  await changeCommentStatus(s.ctx, goneReply.id, 'deleted');

  const page = await request(s.baseUrl, '/api/v1/comments?site=live&story=t');
  assert.deepEqual(page.body.comments.map((c: Item) => c.id), [kept.id]);
  assert.deepEqual(page.body.comments[0].replies, []);
  assert.equal(page.body.comments[0].replyCount, 0);
  assert.equal(page.body.total, 1);
  for (const id of [alone.id, withSpamReply.id, goneReply.id, 'nope']) {
    const r = await request(s.baseUrl, `/api/v1/comments/${id}/replies`);
    assert.equal(r.status, 404, id);
    assert.equal(r.body.error, 'This comment does not exist.');
  }
});

placeholderTest('the reader’s own pending reply keeps its removed parent in place for them alone', async (s) => {
  const parent = await post(s);
  const mine = await post(s, { parent: parent.id });
  await changeCommentStatus(s.ctx, mine.id, 'pending'); // e.g. an edit held for review
  await changeCommentStatus(s.ctx, parent.id, 'deleted');

  const anonymous = await request(s.baseUrl, '/api/v1/comments?site=live&story=t');
  assert.deepEqual(anonymous.body.comments, []);
  assert.equal(anonymous.body.total, 0);

  const own = await request(s.baseUrl, '/api/v1/comments?site=live&story=t', { headers: { 'x-parley-author': mine.token } });
  assert.equal(own.body.comments.length, 1);
  assertBarePlaceholder(own.body.comments[0], parent, parent.id);
  assert.equal(own.body.comments[0].replies[0].id, mine.id);
  assert.equal(own.body.comments[0].replies[0].own, true);
  assert.equal(own.body.comments[0].replies[0].status, 'pending');
  const ownReplies = await request(s.baseUrl, `/api/v1/comments/${parent.id}/replies`, { headers: { 'x-parley-author': mine.token } });
  assert.deepEqual(ownReplies.body.comments.map((c: Item) => c.id), [mine.id]);
  assert.equal((await request(s.baseUrl, `/api/v1/comments/${parent.id}/replies`)).status, 404);

  // Someone else's pending comment is a placeholder like any other unseen one.
  const held = await post(s);
  const answer = await post(s, { parent: held.id });
  await changeCommentStatus(s.ctx, held.id, 'pending');
  const view = await request(s.baseUrl, '/api/v1/comments?site=live&story=t', { headers: { 'x-parley-author': mine.token } });
  assert.deepEqual(view.body.comments.map((c: Item) => [c.id, c.status]), [[parent.id, 'removed'], [held.id, 'removed']]);
  assert.equal(view.body.comments[1].replies[0].id, answer.id);
  // …and its author sees it as their own pending comment.
  const authorView = await request(s.baseUrl, '/api/v1/comments?site=live&story=t', { headers: { 'x-parley-author': held.token } });
  assert.deepEqual(authorView.body.comments.map((c: Item) => [c.id, c.status]), [[held.id, 'pending']]);
  assert.equal(authorView.body.comments[0].own, true);
});

placeholderTest('top-level pages and cursors keep every item once, in order, under every sort', async (s) => {
  // Seven top-level comments; #1 and #4 removed with replies (placeholders), #3 removed without (absent).
  const top: Posted[] = [];
  for (let i = 0; i < 7; i++) top.push(await post(s));
  const under1 = await post(s, { parent: top[1].id });
  const under4a = await post(s, { parent: top[4].id });
  const under4b = await post(s, { parent: under4a.id });
  // Likes: #4 was the most liked before it was removed; under 'liked' a placeholder counts 0 likes.
  const like = (id: string, reader: string) =>
    request(s.baseUrl, `/api/v1/comments/${id}/likes`, { method: 'POST', headers: { 'x-parley-reader': reader.repeat(20) } });
  for (const r of ['a', 'b', 'c']) assert.equal((await like(top[4].id, r)).status, 200);
  for (const r of ['a', 'b']) await like(top[5].id, r);
  await like(top[2].id, 'a');
  await changeCommentStatus(s.ctx, top[1].id, 'rejected');
  await changeCommentStatus(s.ctx, top[3].id, 'spam');
  await request(s.baseUrl, `/api/v1/comments/${top[4].id}`, { method: 'DELETE', headers: { 'x-parley-author': top[4].token } });

  const shown = [0, 1, 2, 4, 5, 6].map((i) => top[i].id);
  const expected: Record<string, string[]> = {
    oldest: shown,
    newest: [...shown].reverse(),
    // 5 (2 likes), 2 (1 like), then 0 likes oldest first: 0, 1 (placeholder), 4 (placeholder), 6.
    liked: [5, 2, 0, 1, 4, 6].map((i) => top[i].id),
  };
  for (const sort of ['oldest', 'newest', 'liked']) {
    for (const limit of [1, 2, 3, 50]) {
      const whole = await readWholeThread(s, { sort, limit });
      const topLevel = whole.items.filter((c) => c.depth === 0).map((c) => c.id);
      assert.deepEqual(topLevel, expected[sort], `${sort}, ${limit} per page`);
      assert.equal(whole.total, 7, 'four visible top-level comments and three replies');
      assert.equal(whole.approved, whole.total, `${sort}, ${limit} per page: every approved comment is reachable`);
      assert.ok(whole.ids.includes(under1.id) && whole.ids.includes(under4a.id) && whole.ids.includes(under4b.id));
      assert.ok(!whole.ids.includes(top[3].id));
      for (const c of whole.items.filter((c) => c.status === 'removed')) assertBarePlaceholder(c, null, c.id);
    }
  }
  assert.equal(await counts(s), 7);
});

placeholderTest('among more than a page of replies, "more replies" pages carry placeholders in their place', async (s) => {
  const parent = await post(s);
  const direct: Posted[] = [];
  for (let i = 0; i < 23; i++) direct.push(await post(s, { parent: parent.id }));
  // Removed with a reply below: #2 (in the first page of 20) and #21 (in the next); #5 without: absent.
  const below2 = await post(s, { parent: direct[2].id });
  const below21 = await post(s, { parent: direct[21].id });
  await changeCommentStatus(s.ctx, direct[2].id, 'deleted');
  await changeCommentStatus(s.ctx, direct[21].id, 'rejected');
  await changeCommentStatus(s.ctx, direct[5].id, 'spam');
  // The parent itself goes too: its replies are then loaded under a placeholder.
  await changeCommentStatus(s.ctx, parent.id, 'deleted');

  const page = await request(s.baseUrl, '/api/v1/comments?site=live&story=t');
  const top = page.body.comments[0];
  assertBarePlaceholder(top, parent, parent.id);
  const expectedDirect = direct.filter((_, i) => i !== 5).map((c) => c.id);
  assert.equal(top.replyCount, expectedDirect.length);
  assert.deepEqual(top.replies.map((c: Item) => c.id), expectedDirect.slice(0, 20));
  assert.equal(top.replies[2].status, 'removed');
  assert.equal(top.replies[2].replies[0].id, below2.id);
  assert.ok(top.moreReplies);

  const more = await request(s.baseUrl, `/api/v1/comments/${parent.id}/replies?cursor=${encodeURIComponent(top.moreReplies)}`);
  assert.equal(more.status, 200, more.text);
  assert.deepEqual(more.body.comments.map((c: Item) => c.id), expectedDirect.slice(20));
  const placeholder21 = more.body.comments.find((c: Item) => c.id === direct[21].id);
  assertBarePlaceholder(placeholder21, direct[21], direct[21].id);
  assert.equal(placeholder21.replies[0].id, below21.id);
  assert.equal(more.body.nextCursor, null);

  // Small pages of the replies endpoint walk the same list.
  const walked: string[] = [];
  let cursor = '';
  do {
    const r = await request(s.baseUrl, `/api/v1/comments/${parent.id}/replies?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(r.status, 200, r.text);
    walked.push(...r.body.comments.map((c: Item) => c.id));
    cursor = r.body.nextCursor ?? '';
  } while (cursor);
  assert.deepEqual(walked, expectedDirect);

  const whole = await readWholeThread(s);
  assert.equal(whole.total, 20 + 2);
  assert.equal(whole.approved, whole.total);
  assert.equal(await counts(s), whole.total);
});
