// GET /api/v1/comments/:id/context on SQLite and PostgreSQL through real HTTP: one comment with the chain
// of comments it answers, under the thread's visibility rules (what `#comment-<id>` links in the embed use).
import assert from 'node:assert/strict';
import { forEachDatabase } from './helpers/databases.js';
import { startTestServer, request, type TestServer } from './helpers/server.js';
import { seedCoreFixtures, guest, LIVE_ORIGIN, NEWS_ORIGIN } from './helpers/core-fixtures.js';
import { changeCommentStatus, postComment } from '../src/comments/index.js';

interface Posted {
  id: string;
  token: string;
  fields: Record<string, unknown>;
}

let address = 0;
/** Posts through the comment domain from its own network address (no rate rule holds setup comments). */
async function post(s: TestServer, site: 'live' | 'news', extra: Record<string, unknown> = {}): Promise<Posted & { status: string }> {
  address += 1;
  const fields = guest(site, site === 'live' ? 't' : 'a', extra);
  const r = await postComment(s.ctx, fields, { origin: site === 'live' ? LIVE_ORIGIN : NEWS_ORIGIN, ip: `10.7.${address >> 8}.${address & 255}` });
  return { id: r.comment.id, token: r.authorToken, fields, status: r.status };
}

function contextTest(title: string, body: (s: TestServer) => Promise<void>): void {
  forEachDatabase(`comment context: ${title}`, async (store) => {
    await seedCoreFixtures(store);
    const s = await startTestServer(store);
    try {
      await body(s);
    } finally {
      await s.close();
    }
  });
}

function assertNoEmail(text: string, ...posted: Posted[]): void {
  assert.ok(!/@mail\.example/.test(text), 'no e-mail address in the body');
  for (const p of posted) assert.ok(!text.includes(String(p.fields.email)));
}

contextTest('a reply two levels deep comes with its ancestors, top-level first', async (s) => {
  const top = await post(s, 'live');
  const middle = await post(s, 'live', { parent: top.id });
  const deep = await post(s, 'live', { parent: middle.id });
  await post(s, 'live', { parent: middle.id }); // a sibling is not part of the context

  const r = await request(s.baseUrl, `/api/v1/comments/${deep.id}/context`, { headers: { origin: LIVE_ORIGIN } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.comment.id, deep.id);
  assert.equal(r.body.comment.depth, 2);
  assert.equal(r.body.comment.author.name, deep.fields.name);
  assert.deepEqual(r.body.ancestors.map((c: { id: string }) => c.id), [top.id, middle.id]);
  assert.deepEqual(r.body.ancestors.map((c: { author: { name: string } }) => c.author.name), [top.fields.name, middle.fields.name]);
  assertNoEmail(r.text, top, middle, deep);
  assert.equal(r.headers.get('access-control-allow-origin'), LIVE_ORIGIN);
  assert.equal(r.headers.get('cache-control'), 'public, no-cache');
  const again = await request(s.baseUrl, `/api/v1/comments/${deep.id}/context`, { headers: { 'if-none-match': r.headers.get('etag')! } });
  assert.equal(again.status, 304);

  const topContext = await request(s.baseUrl, `/api/v1/comments/${top.id}/context`);
  assert.equal(topContext.status, 200);
  assert.deepEqual(topContext.body.ancestors, []);

  const wrongOrigin = await request(s.baseUrl, `/api/v1/comments/${deep.id}/context`, { headers: { origin: NEWS_ORIGIN } });
  assert.equal(wrongOrigin.status, 403);

  const doc = await request(s.baseUrl, '/api/v1/openapi.json');
  const op = doc.body.paths['/api/v1/comments/{id}/context'].get;
  assert.equal(op.responses['200'].content['application/json'].schema.$ref, '#/components/schemas/CommentContextReply');
  const shape = doc.body.components.schemas.CommentContextReply;
  assert.equal(shape.properties.comment.$ref, '#/components/schemas/Comment');
  assert.equal(shape.properties.ancestors.items.$ref, '#/components/schemas/ThreadComment');
});

contextTest('a pending comment is 404 to others and visible to its author', async (s) => {
  const pending = await post(s, 'news');
  assert.equal(pending.status, 'pending');
  const path = `/api/v1/comments/${pending.id}/context`;
  const anonymous = await request(s.baseUrl, path);
  assert.equal(anonymous.status, 404);
  assert.equal(anonymous.body.error, 'This comment is not available.');
  const someoneElse = await request(s.baseUrl, path, { headers: { 'x-parley-author': 'z'.repeat(32) } });
  assert.equal(someoneElse.status, 404);

  const author = await request(s.baseUrl, path, { headers: { 'x-parley-author': pending.token } });
  assert.equal(author.status, 200, author.text);
  assert.equal(author.body.comment.id, pending.id);
  assert.equal(author.body.comment.status, 'pending');
  assert.equal(author.body.comment.own, true);
  assert.equal(author.headers.get('cache-control'), 'private, no-cache');
  assertNoEmail(author.text, pending);

  const unknown = await request(s.baseUrl, '/api/v1/comments/no-such-comment/context');
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.error, 'This comment is not available.');
});

contextTest('a comment under a removed parent gets the placeholder in its ancestors', async (s) => {
  const top = await post(s, 'live');
  const removed = await post(s, 'live', { parent: top.id });
  const reply = await post(s, 'live', { parent: removed.id });
  await changeCommentStatus(s.ctx, removed.id, 'rejected');

  const r = await request(s.baseUrl, `/api/v1/comments/${reply.id}/context`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.ancestors.map((c: { id: string }) => c.id), [top.id, removed.id]);
  assert.equal(r.body.ancestors[0].status, 'approved');
  const placeholder = r.body.ancestors[1];
  assert.equal(placeholder.status, 'removed');
  assert.deepEqual(Object.keys(placeholder).sort(), ['createdAt', 'depth', 'id', 'parent', 'replyCount', 'site', 'status', 'story']);
  for (const secret of [removed.fields.name, removed.fields.body, removed.fields.email]) assert.ok(!r.text.includes(String(secret)), `leaks ${secret}`);
  assertNoEmail(r.text, top, removed, reply);

  // The removed comment itself is not available, as in the thread.
  assert.equal((await request(s.baseUrl, `/api/v1/comments/${removed.id}/context`)).status, 404);
});
