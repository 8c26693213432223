// Editors' picks through real HTTP on SQLite and PostgreSQL: a moderator features an approved comment
// (audited, public `featured`, listed by sort=featured, ETag changes), only approved comments can be
// picked, unfeature, a pick that stops being approved stops being listed, and auth + CSRF.
import assert from 'node:assert/strict';
import { forEachDatabase } from './helpers/databases.js';
import { startTestServer, request } from './helpers/server.js';
import { insertComment, makeUser, signIn } from './helpers/admin.js';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const ids = (list: { id: string }[]) => list.map((c) => c.id);
const thread = (baseUrl: string, extra = '') => request(baseUrl, `/api/v1/comments?site=news&story=budget${extra}`);

forEachDatabase("editors' picks: feature, list, unfeature, audit, ETag; only approved comments", async (store) => {
  await makeUser(store, 'mod@example.com');
  const first = await insertComment(store, { status: 'approved', createdAt: minutesAgo(30), body: 'The first good point.' });
  const second = await insertComment(store, { status: 'approved', createdAt: minutesAgo(20), body: 'A second good point.' });
  const reply = await insertComment(store, { status: 'approved', createdAt: minutesAgo(10), parent: first, body: 'A reply worth reading.' });
  const pending = await insertComment(store, { status: 'pending', createdAt: minutesAgo(5) });

  const server = await startTestServer(store);
  try {
    const mod = await signIn(server.baseUrl, 'mod@example.com');
    const before = await thread(server.baseUrl);
    assert.equal(before.status, 200);
    assert.equal(before.body.featuredCount, 0);
    assert.equal(before.body.comments[0].featured, false);
    const etagBefore = before.headers.get('etag');
    assert.ok(etagBefore);

    const featured = await mod.send('POST', `/comments/${second}/feature`, { reason: 'Well argued' });
    assert.equal(featured.status, 200, featured.text);
    assert.equal(featured.body.comment.id, second);
    assert.equal(featured.body.comment.status, 'approved');
    assert.match(featured.body.comment.featuredAt, /^\d{4}-\d\d-\d\dT/);

    const audit = await mod.get(`/audit?comment=${second}`);
    assert.equal(audit.body.entries.length, 1);
    assert.equal(audit.body.entries[0].action, 'feature');
    assert.equal(audit.body.entries[0].actor.email, 'mod@example.com');
    assert.equal(audit.body.entries[0].reason, 'Well argued');

    // The same page again: a new ETag (the story's version moved), and the old one no longer answers 304.
    const after = await thread(server.baseUrl);
    assert.notEqual(after.headers.get('etag'), etagBefore);
    const revalidated = await request(server.baseUrl, '/api/v1/comments?site=news&story=budget', { headers: { 'if-none-match': etagBefore! } });
    assert.equal(revalidated.status, 200);
    assert.equal(after.body.featuredCount, 1);
    const byId = new Map(after.body.comments.map((c: { id: string }) => [c.id, c]));
    assert.equal((byId.get(second) as { featured: boolean }).featured, true);
    assert.equal((byId.get(first) as { featured: boolean }).featured, false);
    assert.equal(JSON.stringify(after.body).includes('mod@example.com'), false, 'the moderator is never named to readers');

    // A reply can be a pick too; the list is flat, newest pick first, paginated on (featured_at, id).
    assert.equal((await mod.send('POST', `/comments/${reply}/feature`)).status, 200);
    const picks = await thread(server.baseUrl, '&sort=featured&limit=1');
    assert.equal(picks.status, 200);
    assert.equal(picks.body.featuredCount, 2);
    assert.deepEqual(ids(picks.body.comments), [reply]);
    assert.equal(picks.body.comments[0].parent, first);
    assert.equal(picks.body.comments[0].featured, true);
    assert.ok(picks.body.nextCursor);
    const page2 = await thread(server.baseUrl, `&sort=featured&limit=1&cursor=${encodeURIComponent(picks.body.nextCursor)}`);
    assert.deepEqual(ids(page2.body.comments), [second]);
    assert.equal(page2.body.nextCursor, null);
    const badCursor = await thread(server.baseUrl, '&sort=featured&cursor=nonsense');
    assert.equal(badCursor.status, 400);
    assert.match(badCursor.body.error, /cursor/);

    // Featuring a pick again keeps its place (its first time), and is still audited.
    const again = await mod.send('POST', `/comments/${second}/feature`);
    assert.equal(again.body.comment.featuredAt, featured.body.comment.featuredAt);

    // Only an approved comment can be a pick.
    const refused = await mod.send('POST', `/comments/${pending}/feature`);
    assert.equal(refused.status, 409);
    assert.match(refused.body.error, /Only an approved comment can be an editors' pick; this one is pending/);
    assert.equal((await mod.get(`/comments/${pending}`)).body.comment.featuredAt, null);
    assert.equal((await mod.send('POST', '/comments/c_unknown/feature')).status, 404);

    // Unfeature.
    const etagPicked = (await thread(server.baseUrl)).headers.get('etag');
    const unfeatured = await mod.send('POST', `/comments/${reply}/unfeature`);
    assert.equal(unfeatured.status, 200);
    assert.equal(unfeatured.body.comment.featuredAt, null);
    assert.notEqual((await thread(server.baseUrl)).headers.get('etag'), etagPicked);
    assert.deepEqual(ids((await thread(server.baseUrl, '&sort=featured')).body.comments), [second]);

    const actions = (await mod.get('/audit')).body.entries.map((e: { action: string }) => e.action);
    assert.deepEqual(actions, ['unfeature', 'feature', 'feature', 'feature']);
  } finally {
    await server.close();
  }
});

forEachDatabase('a pick that is rejected is no longer listed, nor restored as a pick by undo', async (store) => {
  await makeUser(store, 'mod@example.com');
  const pick = await insertComment(store, { status: 'approved', createdAt: minutesAgo(10) });
  const server = await startTestServer(store);
  try {
    const mod = await signIn(server.baseUrl, 'mod@example.com');
    assert.equal((await mod.send('POST', `/comments/${pick}/feature`)).status, 200);
    assert.equal((await thread(server.baseUrl)).body.featuredCount, 1);

    const rejected = await mod.send('POST', `/comments/${pick}/reject`);
    assert.equal(rejected.body.comment.status, 'rejected');
    assert.equal(rejected.body.comment.featuredAt, null);
    const listed = await thread(server.baseUrl, '&sort=featured');
    assert.deepEqual(listed.body.comments, []);
    assert.equal(listed.body.featuredCount, 0);

    // Undo brings the comment back, not the pick: that is an editor's new choice.
    const restored = await mod.send('POST', `/comments/${pick}/restore`);
    assert.equal(restored.body.comment.status, 'approved');
    assert.equal(restored.body.comment.featuredAt, null);
    assert.equal((await thread(server.baseUrl)).body.featuredCount, 0);
  } finally {
    await server.close();
  }
});

forEachDatabase('feature and unfeature need a session (401) and the CSRF token (403)', async (store) => {
  await makeUser(store, 'mod@example.com');
  const pick = await insertComment(store, { status: 'approved' });
  const server = await startTestServer(store);
  try {
    const mod = await signIn(server.baseUrl, 'mod@example.com');
    for (const action of ['feature', 'unfeature']) {
      const anon = await request(server.baseUrl, `/api/v1/admin/comments/${pick}/${action}`, { method: 'POST', body: {} });
      assert.equal(anon.status, 401);
      assert.equal(anon.body.error, 'Please sign in.');
      const noCsrf = await request(server.baseUrl, `/api/v1/admin/comments/${pick}/${action}`, { method: 'POST', body: {}, headers: { cookie: mod.cookie } });
      assert.equal(noCsrf.status, 403);
      assert.match(noCsrf.body.error, /X-CSRF-Token/);
    }
    assert.equal((await mod.get(`/comments/${pick}`)).body.comment.featuredAt, null);
    assert.equal((await mod.get('/audit')).body.entries.length, 0);
    // A reason longer than the other actions allow is refused by name.
    const long = await mod.send('POST', `/comments/${pick}/feature`, { reason: 'x'.repeat(501) });
    assert.equal(long.status, 400);
    assert.ok(long.body.errors.reason);
  } finally {
    await server.close();
  }
});

forEachDatabase("editors' picks: an author's edit ends the pick (the editors chose the text as it was)", async (store) => {
  await makeUser(store, 'mod@example.com');
  await insertComment(store, { status: 'approved', createdAt: minutesAgo(30) }); // the site and story
  await store.db.updateTable('sites').set({ settings: JSON.stringify({ mode: 'auto' }) }).where('id', '=', 'news').execute();
  const server = await startTestServer(store);
  try {
    const posted = await request(server.baseUrl, '/api/v1/comments', {
      body: { site: 'news', story: 'budget', name: 'Ana', email: 'ana@example.com', body: 'The budget table on page four shows schools lose 3% next year.' },
    });
    assert.equal(posted.status, 201, posted.text);
    assert.equal(posted.body.status, 'approved');
    const id: string = posted.body.comment.id;
    const mod = await signIn(server.baseUrl, 'mod@example.com');
    assert.equal((await mod.send('POST', `/comments/${id}/feature`)).status, 200);
    assert.deepEqual(ids((await thread(server.baseUrl, '&sort=featured')).body.comments), [id]);

    const edited = await request(server.baseUrl, `/api/v1/comments/${id}`, {
      method: 'PATCH', headers: { 'x-parley-author': posted.body.authorToken },
      body: { body: 'The budget table on page four shows schools lose 3% next year, and libraries 5%.' },
    });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.body.status, 'approved');
    assert.equal(edited.body.comment.featured, false);
    const after = await thread(server.baseUrl, '&sort=featured');
    assert.equal(after.body.featuredCount, 0);
    assert.deepEqual(after.body.comments, []);
  } finally {
    await server.close();
  }
});
