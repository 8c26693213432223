// The public reader API through real HTTP, on SQLite and PostgreSQL: happy paths and every kind of bad input.
import assert from 'node:assert/strict';
import { forEachDatabase } from './helpers/databases.js';
import { startTestServer, request } from './helpers/server.js';
import { seedCoreFixtures, guest, NEWS_ORIGIN, LIVE_ORIGIN, LIVE_STORY_URL } from './helpers/core-fixtures.js';
import { createSite, updateSite } from '../src/sites/index.js';
import { createStory } from '../src/stories/index.js';
import { changeCommentStatus } from '../src/comments/index.js';

const json = (origin?: string): Record<string, string> => (origin ? { origin } : {});

forEachDatabase('posting: happy path, pending visible only to its author', async (store) => {
  await seedCoreFixtures(store);
  const s = await startTestServer(store);
  try {
    const post = await request(s.baseUrl, '/api/v1/comments', { body: guest('news', 'a', { website: 'example.org/me' }), headers: json(NEWS_ORIGIN) });
    assert.equal(post.status, 201, post.text);
    assert.equal(post.body.status, 'pending');
    assert.equal(post.body.comment.status, 'pending');
    assert.equal(post.body.comment.author.website, 'https://example.org/me');
    assert.equal(post.body.comment.own, true);
    assert.match(post.body.authorToken, /^[A-Za-z0-9_-]{16,}$/);
    assert.equal(post.headers.get('access-control-allow-origin'), NEWS_ORIGIN);
    assert.ok(!post.text.includes('@mail.example'), 'the reply must not carry the email');

    const anonymous = await request(s.baseUrl, '/api/v1/comments?site=news&story=a');
    assert.equal(anonymous.status, 200);
    assert.equal(anonymous.body.comments.length, 0);
    assert.equal(anonymous.body.total, 0);
    assert.equal(anonymous.body.story.mode, 'premod');
    assert.equal(anonymous.body.site.maxLength, 5000);

    const mine = await request(s.baseUrl, '/api/v1/comments?site=news&story=a', { headers: { 'x-parley-author': post.body.authorToken } });
    assert.equal(mine.body.comments.length, 1);
    assert.equal(mine.body.comments[0].id, post.body.comment.id);
    assert.equal(mine.body.comments[0].own, true);
    assert.equal(mine.headers.get('cache-control'), 'private, no-cache');

    // Sending the token back keeps one token per browser.
    const second = await request(s.baseUrl, '/api/v1/comments', {
      body: guest('news', 'a'),
      headers: { 'x-parley-author': post.body.authorToken },
    });
    assert.equal(second.status, 201);
    assert.equal(second.body.authorToken, post.body.authorToken);

    // A moderator approves: everyone sees it, the count follows.
    await changeCommentStatus(s.ctx, post.body.comment.id, 'approved');
    const after = await request(s.baseUrl, '/api/v1/comments?site=news&story=a');
    assert.deepEqual(after.body.comments.map((c: any) => c.id), [post.body.comment.id]);
    assert.equal(after.body.total, 1);
    const counts = await request(s.baseUrl, '/api/v1/counts?site=news&story=a&story=closed&story=nope');
    assert.deepEqual(counts.body, { counts: { a: 1, closed: 0, nope: 0 } });

    // Honeypot: 201 spam, never shown, not even to its author.
    const bot = await request(s.baseUrl, '/api/v1/comments', { body: guest('news', 'a', { honeypot: 'http://buy.example' }) });
    assert.equal(bot.status, 201);
    assert.equal(bot.body.status, 'spam');
    const botView = await request(s.baseUrl, '/api/v1/comments?site=news&story=a', { headers: { 'x-parley-author': bot.body.authorToken } });
    assert.ok(!botView.body.comments.some((c: any) => c.id === bot.body.comment.id));
  } finally {
    await s.close();
  }
});

forEachDatabase('posting: every kind of bad input gets a clear 4xx', async (store) => {
  await seedCoreFixtures(store);
  const s = await startTestServer(store);
  const post = (body: unknown, headers: Record<string, string> = {}) => request(s.baseUrl, '/api/v1/comments', { body, headers });
  try {
    const empty = await post({ site: 'news', story: 'a' });
    assert.equal(empty.status, 400);
    assert.deepEqual(empty.body.errors, {
      name: 'Please enter your name.',
      email: 'Please enter a valid email address.',
      body: 'Please enter your comment.',
    });
    assert.equal(typeof empty.body.error, 'string');

    const wrongTypes = await post({ site: 'news', story: 'a', name: 5, email: ['a@b.c'], body: { text: 'x' }, website: 7, parent: 9, acknowledgeNudge: 'yes' });
    assert.equal(wrongTypes.status, 400);
    assert.deepEqual(Object.keys(wrongTypes.body.errors).sort(), ['acknowledgeNudge', 'body', 'email', 'name', 'parent', 'website']);

    const noSiteStory = await post({ name: 'A', email: 'a@b.example', body: 'Hi' });
    assert.equal(noSiteStory.status, 400);
    assert.ok(noSiteStory.body.errors.site && noSiteStory.body.errors.story);

    const badEmail = await post(guest('news', 'a', { email: 'not-an-email' }));
    assert.equal(badEmail.body.errors.email, 'Please enter a valid email address.');

    const badSite = await post(guest('nosuch', 'a'));
    assert.equal(badSite.status, 400);
    assert.equal(badSite.body.errors.site, 'This site does not exist.');

    const unknownStory = await post(guest('news', 'nosuch'));
    assert.equal(unknownStory.status, 400);
    assert.equal(unknownStory.body.errors.story, 'This story does not exist.');

    const closed = await post(guest('news', 'closed'));
    assert.equal(closed.status, 400);
    assert.equal(closed.body.errors.story, 'Comments are closed on this story.');

    const script = await post(guest('news', 'a', { website: 'javascript:alert(1)' }));
    assert.equal(script.status, 400);
    assert.match(script.body.errors.website, /valid website address/);

    const tooLong = await post(guest('live', 't', { body: 'x'.repeat(301) }));
    assert.equal(tooLong.status, 400);
    assert.equal(tooLong.body.errors.body, 'Your comment is too long: 301 characters, at most 300.');

    const badParent = await post(guest('news', 'a', { parent: 'nope' }));
    assert.equal(badParent.status, 400);
    assert.equal(badParent.body.errors.parent, 'The comment you are replying to does not exist.');

    const wrongOrigin = await post(guest('news', 'a'), { origin: 'https://evil.example' });
    assert.equal(wrongOrigin.status, 403);
    assert.match(wrongOrigin.body.error, /does not accept comments/);
    const otherSitesOrigin = await post(guest('news', 'a'), { origin: LIVE_ORIGIN });
    assert.equal(otherSitesOrigin.status, 403);

    const malformed = await request(s.baseUrl, '/api/v1/comments', { rawBody: '{"site": "news",' });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error, 'The request body is not valid JSON.');

    const emptyBody = await request(s.baseUrl, '/api/v1/comments', { rawBody: '' });
    assert.equal(emptyBody.status, 400);
    assert.ok(emptyBody.body.error);

    for (const notObject of ['[]', '"hello"', '42', 'null']) {
      const r = await request(s.baseUrl, '/api/v1/comments', { rawBody: notObject });
      assert.equal(r.status, 400, notObject);
      assert.equal(r.body.error, 'Send the comment as a JSON object.');
    }

    const huge = await post(guest('news', 'a', { body: 'y'.repeat(200_000) }));
    assert.equal(huge.status, 413);
    assert.equal(huge.body.error, 'The request body is too large.');

    const textPlain = await request(s.baseUrl, '/api/v1/comments', { rawBody: 'hello', headers: { 'content-type': 'text/plain' } });
    assert.equal(textPlain.status, 400);
    assert.equal(textPlain.body.error, 'Send the comment as a JSON object.');
    const xml = await request(s.baseUrl, '/api/v1/comments', { rawBody: '<a/>', headers: { 'content-type': 'application/xml' } });
    assert.equal(xml.status, 415);
    assert.match(xml.body.error, /as JSON/);

    // Nothing above was stored.
    const count = await store.db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  } finally {
    await s.close();
  }
});

forEachDatabase('threads: nesting, depth limit, sorting, cursors, ETag, counts', async (store) => {
  await seedCoreFixtures(store);
  const s = await startTestServer(store);
  const post = async (extra: Record<string, unknown> = {}, story = 't') => {
    const r = await request(s.baseUrl, '/api/v1/comments', { body: guest('live', story, extra), headers: json(LIVE_ORIGIN) });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.status, 'approved', 'postmod publishes at once');
    return r.body.comment as { id: string; depth: number };
  };
  try {
    const top: string[] = [];
    for (let i = 0; i < 5; i++) top.push((await post()).id);
    const reply = await post({ parent: top[0] });
    assert.equal(reply.depth, 1);
    const reply2 = await post({ parent: reply.id });
    assert.equal(reply2.depth, 2);
    const tooDeep = await request(s.baseUrl, '/api/v1/comments', { body: guest('live', 't', { parent: reply2.id }) });
    assert.equal(tooDeep.status, 400);
    assert.match(tooDeep.body.errors.parent, /nested 3 levels/);

    const thread = await request(s.baseUrl, '/api/v1/comments?site=live&story=t', { headers: json(LIVE_ORIGIN) });
    assert.equal(thread.status, 200);
    assert.equal(thread.body.total, 7);
    assert.equal(thread.body.story.count, 7);
    assert.deepEqual(thread.body.comments.map((c: any) => c.id), top);
    assert.equal(thread.body.comments[0].replyCount, 1);
    assert.equal(thread.body.comments[0].replies[0].id, reply.id);
    assert.equal(thread.body.comments[0].replies[0].replies[0].id, reply2.id);
    assert.equal(thread.body.nextCursor, null);
    assert.equal(thread.headers.get('access-control-allow-origin'), LIVE_ORIGIN);

    // By canonical URL, too.
    const byUrl = await request(s.baseUrl, `/api/v1/comments?site=live&story=${encodeURIComponent(LIVE_STORY_URL)}`);
    assert.equal(byUrl.body.story.id, 't');

    const newest = await request(s.baseUrl, '/api/v1/comments?site=live&story=t&sort=newest');
    assert.deepEqual(newest.body.comments.map((c: any) => c.id), [...top].reverse());

    // Cursor pagination visits every top-level comment once.
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `/api/v1/comments?site=live&story=t&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await request(s.baseUrl, q);
      assert.equal(page.status, 200);
      seen.push(...page.body.comments.map((c: any) => c.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(seen, top);

    // Likes order the "liked" sort.
    for (const reader of ['reader-aaaaaaaaaaaaaaaa', 'reader-bbbbbbbbbbbbbbbb']) {
      const r = await request(s.baseUrl, `/api/v1/comments/${top[3]}/likes`, { method: 'POST', headers: { 'x-parley-reader': reader } });
      assert.equal(r.status, 200);
    }
    await request(s.baseUrl, `/api/v1/comments/${top[1]}/likes`, { method: 'POST', headers: { 'x-parley-reader': 'reader-aaaaaaaaaaaaaaaa' } });
    const liked = await request(s.baseUrl, '/api/v1/comments?site=live&story=t&sort=liked&limit=2');
    assert.deepEqual(liked.body.comments.map((c: any) => c.id), [top[3], top[1]]);
    const liked2 = await request(s.baseUrl, `/api/v1/comments?site=live&story=t&sort=liked&limit=10&cursor=${encodeURIComponent(liked.body.nextCursor)}`);
    assert.deepEqual(liked2.body.comments.map((c: any) => c.id), [top[0], top[2], top[4]]);

    // ETag / 304, and a change gives a new ETag.
    const first = await request(s.baseUrl, '/api/v1/comments?site=live&story=t');
    const etag = first.headers.get('etag');
    assert.ok(etag);
    assert.equal(first.headers.get('cache-control'), 'public, no-cache');
    const again = await request(s.baseUrl, '/api/v1/comments?site=live&story=t', { headers: { 'if-none-match': etag! } });
    assert.equal(again.status, 304);
    await post();
    const changed = await request(s.baseUrl, '/api/v1/comments?site=live&story=t', { headers: { 'if-none-match': etag! } });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), etag);
    assert.equal(changed.body.comments.length, 6);

    const counts = await request(s.baseUrl, `/api/v1/counts?site=live&story=t&story=u&story=${encodeURIComponent(LIVE_STORY_URL)}`);
    assert.deepEqual(counts.body.counts, { t: 8, u: 0, [LIVE_STORY_URL]: 8 });
    const countsTag = counts.headers.get('etag')!;
    const counts304 = await request(s.baseUrl, '/api/v1/counts?site=live&story=t&story=u&story=' + encodeURIComponent(LIVE_STORY_URL), { headers: { 'if-none-match': countsTag } });
    assert.equal(counts304.status, 304);

    // Bad reads.
    const bad: [string, number][] = [
      ['/api/v1/comments?site=live', 400],
      ['/api/v1/comments?story=t', 400],
      ['/api/v1/comments?site=live&story=nope', 404],
      ['/api/v1/comments?site=nope&story=t', 404],
      ['/api/v1/comments?site=live&story=t&sort=random', 400],
      ['/api/v1/comments?site=live&story=t&limit=0', 400],
      ['/api/v1/comments?site=live&story=t&limit=abc', 400],
      ['/api/v1/comments?site=live&story=t&cursor=garbage', 400],
      ['/api/v1/comments?site=live&story=t&site=news', 400],
      ['/api/v1/counts?site=live', 400],
      ['/api/v1/counts?site=nope&story=t', 404],
      [`/api/v1/counts?site=live&${Array.from({ length: 101 }, (_, i) => `story=s${i}`).join('&')}`, 400],
      ['/api/v1/comments/nope/replies', 404],
    ];
    for (const [path, status] of bad) {
      const r = await request(s.baseUrl, path);
      assert.equal(r.status, status, `${path}: ${r.text}`);
      assert.equal(typeof r.body.error, 'string', path);
    }
    const wrongOrigin = await request(s.baseUrl, '/api/v1/comments?site=live&story=t', { headers: { origin: 'https://evil.example' } });
    assert.equal(wrongOrigin.status, 403);
    const wrongOriginCounts = await request(s.baseUrl, '/api/v1/counts?site=live&story=t', { headers: { origin: NEWS_ORIGIN } });
    assert.equal(wrongOriginCounts.status, 403);
  } finally {
    await s.close();
  }
});

forEachDatabase('replies beyond 20 load through /replies', async (store) => {
  await seedCoreFixtures(store);
  const s = await startTestServer(store);
  try {
    const parent = await request(s.baseUrl, '/api/v1/comments', { body: guest('live', 'u') });
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) {
      const r = await request(s.baseUrl, '/api/v1/comments', { body: guest('live', 'u', { parent: parent.body.comment.id }) });
      assert.equal(r.status, 201);
      ids.push(r.body.comment.id);
    }
    const thread = await request(s.baseUrl, '/api/v1/comments?site=live&story=u');
    const top = thread.body.comments[0];
    assert.equal(top.replyCount, 23);
    assert.deepEqual(top.replies.map((c: any) => c.id), ids.slice(0, 20));
    assert.ok(top.moreReplies);
    const more = await request(s.baseUrl, `/api/v1/comments/${top.id}/replies?cursor=${encodeURIComponent(top.moreReplies)}`);
    assert.equal(more.status, 200);
    assert.deepEqual(more.body.comments.map((c: any) => c.id), ids.slice(20));
    assert.equal(more.body.nextCursor, null);
    const firstTwo = await request(s.baseUrl, `/api/v1/comments/${top.id}/replies?limit=2`);
    assert.deepEqual(firstTwo.body.comments.map((c: any) => c.id), ids.slice(0, 2));
    assert.ok(firstTwo.body.nextCursor);
  } finally {
    await s.close();
  }
});

forEachDatabase('likes, reports, editing and deleting one’s own comment', async (store) => {
  await seedCoreFixtures(store);
  const s = await startTestServer(store);
  try {
    const posted = await request(s.baseUrl, '/api/v1/comments', { body: guest('live', 't') });
    const id: string = posted.body.comment.id;
    const token: string = posted.body.authorToken;

    // Likes: one per reader, idempotent, undoable.
    const noReader = await request(s.baseUrl, `/api/v1/comments/${id}/likes`, { method: 'POST' });
    assert.equal(noReader.status, 400);
    const readerA = { 'x-parley-reader': 'aaaaaaaaaaaaaaaaaaaa' };
    const readerB = { 'x-parley-reader': 'bbbbbbbbbbbbbbbbbbbb' };
    assert.deepEqual((await request(s.baseUrl, `/api/v1/comments/${id}/likes`, { method: 'POST', headers: readerA })).body, { likes: 1, liked: true });
    assert.deepEqual((await request(s.baseUrl, `/api/v1/comments/${id}/likes`, { method: 'POST', headers: readerA })).body, { likes: 1, liked: true });
    assert.deepEqual((await request(s.baseUrl, `/api/v1/comments/${id}/likes`, { method: 'POST', headers: readerB })).body, { likes: 2, liked: true });
    const view = await request(s.baseUrl, '/api/v1/comments?site=live&story=t', { headers: readerA });
    assert.equal(view.body.comments[0].likedByMe, true);
    assert.equal(view.body.comments[0].likes, 2);
    const viewAnon = await request(s.baseUrl, '/api/v1/comments?site=live&story=t');
    assert.equal(viewAnon.body.comments[0].likedByMe, undefined);
    assert.deepEqual((await request(s.baseUrl, `/api/v1/comments/${id}/likes`, { method: 'DELETE', headers: readerA })).body, { likes: 1, liked: false });
    assert.equal((await request(s.baseUrl, '/api/v1/comments/nope/likes', { method: 'POST', headers: readerA })).status, 404);
    const pending = await request(s.baseUrl, '/api/v1/comments', { body: guest('news', 'a') });
    assert.equal((await request(s.baseUrl, `/api/v1/comments/${pending.body.comment.id}/likes`, { method: 'POST', headers: readerA })).status, 404);

    // Reports.
    const noReason = await request(s.baseUrl, `/api/v1/comments/${id}/reports`, { body: {} });
    assert.equal(noReason.status, 400);
    assert.equal(noReason.body.errors.reason, 'Please say what is wrong with this comment.');
    const report = await request(s.baseUrl, `/api/v1/comments/${id}/reports`, { body: { reason: 'Off topic' }, headers: readerA });
    assert.equal(report.status, 201);
    const reports = await store.db.selectFrom('reports').selectAll().where('comment_id', '=', id).execute();
    assert.equal(reports.length, 1);
    assert.equal(reports[0].reason, 'Off topic');
    assert.equal((await request(s.baseUrl, '/api/v1/comments/nope/reports', { body: { reason: 'x' } })).status, 404);

    // Edit: only with the author token, runs moderation again, re-renders.
    const notMine = await request(s.baseUrl, `/api/v1/comments/${id}`, { method: 'PATCH', body: { body: 'Changed' } });
    assert.equal(notMine.status, 403);
    const otherToken = await request(s.baseUrl, `/api/v1/comments/${id}`, { method: 'PATCH', body: { body: 'Changed' }, headers: { 'x-parley-author': 'x'.repeat(32) } });
    assert.equal(otherToken.status, 403);
    const emptyEdit = await request(s.baseUrl, `/api/v1/comments/${id}`, { method: 'PATCH', body: { body: '  ' }, headers: { 'x-parley-author': token } });
    assert.equal(emptyEdit.status, 400);
    assert.equal(emptyEdit.body.errors.body, 'Please enter your comment.');
    const edited = await request(s.baseUrl, `/api/v1/comments/${id}`, {
      method: 'PATCH',
      body: { body: 'Edited: the **park** plan deserves a closer look at the budget numbers.' },
      headers: { 'x-parley-author': token },
    });
    assert.equal(edited.status, 200, edited.text);
    assert.match(edited.body.comment.html, /<strong>park<\/strong>/);
    assert.ok(edited.body.comment.editedAt);
    const row = await store.db.selectFrom('comments').select(['body', 'moderation']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.match(row.body, /^Edited:/);
    assert.ok(JSON.parse(row.moderation!).trail.length > 0);

    // A comment a moderator rejected cannot be edited back into the pipeline.
    const rejected = await request(s.baseUrl, '/api/v1/comments', { body: guest('live', 't'), headers: { 'x-parley-author': token } });
    await changeCommentStatus(s.ctx, rejected.body.comment.id, 'rejected');
    const editRejected = await request(s.baseUrl, `/api/v1/comments/${rejected.body.comment.id}`, { method: 'PATCH', body: { body: 'Now approve me' }, headers: { 'x-parley-author': token } });
    assert.equal(editRejected.status, 409);
    assert.match(editRejected.body.error, /can no longer be changed/);

    // Window closed: 409.
    await updateSite(store.db, 'live', { settings: { editWindowSeconds: 0 } });
    await new Promise((r) => setTimeout(r, 20));
    const late = await request(s.baseUrl, `/api/v1/comments/${id}`, { method: 'PATCH', body: { body: 'Too late' }, headers: { 'x-parley-author': token } });
    assert.equal(late.status, 409);
    assert.equal(late.body.error, 'The edit window has closed.');
    await updateSite(store.db, 'live', { settings: { editWindowSeconds: 900 } });

    // Delete.
    const notMineDelete = await request(s.baseUrl, `/api/v1/comments/${id}`, { method: 'DELETE' });
    assert.equal(notMineDelete.status, 403);
    const del = await request(s.baseUrl, `/api/v1/comments/${id}`, { method: 'DELETE', headers: { 'x-parley-author': token } });
    assert.equal(del.status, 200);
    const gone = await request(s.baseUrl, '/api/v1/comments?site=live&story=t');
    assert.equal(gone.body.comments.length, 0);
    assert.equal(gone.body.total, 0);
    assert.equal((await request(s.baseUrl, `/api/v1/comments/${id}`, { method: 'DELETE', headers: { 'x-parley-author': token } })).status, 404);
    const malformedPatch = await request(s.baseUrl, `/api/v1/comments/${id}`, { method: 'PATCH', rawBody: '{oops', headers: { 'x-parley-author': token } });
    assert.equal(malformedPatch.status, 400);
  } finally {
    await s.close();
  }
});

forEachDatabase('live stream, CORS preflight, OpenAPI document', async (store) => {
  await seedCoreFixtures(store);
  const s = await startTestServer(store);
  try {
    // SSE: a published comment arrives as `event: comment`.
    const controller = new AbortController();
    const res = await fetch(`${s.baseUrl}/api/v1/stream?site=live&story=t`, { signal: controller.signal });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const reader = res.body!.getReader();
    const posted = await request(s.baseUrl, '/api/v1/comments', { body: guest('live', 't') });
    let text = '';
    const deadline = Date.now() + 5000;
    while (!text.includes('event: comment') && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    assert.match(text, /event: comment\ndata: /);
    const data = JSON.parse(text.split('event: comment\ndata: ')[1].split('\n')[0]);
    assert.equal(data.id, posted.body.comment.id);
    assert.equal((await request(s.baseUrl, '/api/v1/stream?site=live&story=nope')).status, 404);

    // CORS preflight.
    const pre = await fetch(`${s.baseUrl}/api/v1/comments`, {
      method: 'OPTIONS',
      headers: { origin: LIVE_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), LIVE_ORIGIN);
    assert.match(pre.headers.get('access-control-allow-headers') ?? '', /X-Parley-Author/);
    const preEvil = await fetch(`${s.baseUrl}/api/v1/comments`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    assert.equal(preEvil.headers.get('access-control-allow-origin'), null);

    // OpenAPI 3 with the three fixed routes and their shapes.
    const doc = await request(s.baseUrl, '/api/v1/openapi.json');
    assert.equal(doc.status, 200);
    assert.match(doc.body.openapi, /^3\./);
    const postOp = doc.body.paths['/api/v1/comments'].post;
    assert.equal(postOp.requestBody.content['application/json'].schema.$ref, '#/components/schemas/PostCommentBody');
    assert.equal(postOp.responses['201'].content['application/json'].schema.$ref, '#/components/schemas/PostCommentReply');
    assert.ok(doc.body.paths['/api/v1/comments'].get.responses['200']);
    assert.ok(doc.body.paths['/api/v1/counts'].get.responses['200']);
    const schemas = doc.body.components.schemas;
    assert.deepEqual(schemas.PostCommentBody.required.sort(), ['body', 'email', 'name', 'site', 'story']);
    assert.ok(schemas.Comment.properties.author);
    assert.ok(!('email' in schemas.Comment.properties));
    assert.equal(schemas.ThreadReply.properties.comments.items.$ref, '#/components/schemas/ThreadComment');
  } finally {
    await s.close();
  }
});

forEachDatabase('the engine’s nudge: 422 and nothing stored, then posted anyway with acknowledgeNudge', async (store) => {
  await seedCoreFixtures(store);
  // Auto mode; nothing is rejected outright, so uncivil-but-not-abusive text is nudged rather than refused.
  await createSite(store.db, { id: 'civil', name: 'Civil', settings: { mode: 'auto', thresholds: { review: 0.5, reject: 1.01 } } });
  await createStory(store.db, 'civil', {
    id: 'park',
    title: 'Council votes to turn Harbor Street parking lot into a park',
    body: 'The council voted on the park budget and the parking study.',
  });
  const s = await startTestServer(store);
  const storedCount = async () =>
    Number((await store.db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  try {
    // The models decide what is uncivil; the first candidate the engine nudges exercises the path.
    const candidates = [
      'This damn park plan ignores the parking study and the council knows it.',
      'The council was damn lazy with this park plan and the parking study.',
      'What a crappy plan for the harbor park, the parking study says otherwise.',
      'The mayor is being a clown about the harbor park parking study.',
      'This stupid park plan ignores what the parking study found on Harbor Street.',
    ];
    let nudged: { text: string; body: any } | null = null;
    for (const [i, text] of candidates.entries()) {
      const before = await storedCount();
      const r = await request(s.baseUrl, '/api/v1/comments', {
        body: { site: 'civil', story: 'park', name: `Critic ${i}`, email: `critic${i}@mail.example`, body: text },
      });
      if (r.status === 422) {
        assert.equal(await storedCount(), before, 'a nudged comment is not stored');
        nudged = { text, body: r.body };
        break;
      }
      assert.equal(r.status, 201, r.text);
    }
    assert.ok(nudged, 'the moderation engine nudged none of the candidate comments in auto mode');
    assert.equal(typeof nudged.body.error, 'string');
    assert.equal(nudged.body.nudge.message, nudged.body.error);
    assert.ok(nudged.body.nudge.reasons.length > 0);
    for (const reason of nudged.body.nudge.reasons) {
      assert.equal(typeof reason.label, 'string');
      assert.equal(typeof reason.score, 'number');
      assert.ok(Array.isArray(reason.spans));
    }

    const anyway = await request(s.baseUrl, '/api/v1/comments', {
      body: { site: 'civil', story: 'park', name: 'Critic', email: 'critic-final@mail.example', body: nudged.text, acknowledgeNudge: true },
    });
    assert.equal(anyway.status, 201, anyway.text);
    assert.equal(anyway.body.status, 'pending', 'posted anyway, it waits for review');
    const row = await store.db.selectFrom('comments').select(['moderation', 'status']).where('id', '=', anyway.body.comment.id).executeTakeFirstOrThrow();
    assert.equal(JSON.parse(row.moderation!).nudgeAcknowledged, true);
  } finally {
    await s.close();
  }
});
