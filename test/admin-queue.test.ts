// Moderator queues and actions through real HTTP on SQLite and PostgreSQL: ordering, card fields,
// each action with its audit row, restore (undo), batches, live events, and emails only for moderators.
import assert from 'node:assert/strict';
import { forEachDatabase } from './helpers/databases.js';
import { startTestServer, request } from './helpers/server.js';
import { insertComment, insertReport, makeUser, signIn } from './helpers/admin.js';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

forEachDatabase('queues: pending by risk then oldest, reported, by status; card fields; counts; paging', async (store) => {
  await makeUser(store, 'mod@example.com');
  const low = await insertComment(store, { risk: 0.1, createdAt: minutesAgo(50), email: 'Ann@Example.org', name: 'Ann' });
  const highNew = await insertComment(store, { risk: 0.9, createdAt: minutesAgo(5), email: 'troll@example.net' });
  const highOld = await insertComment(store, {
    risk: 0.9,
    createdAt: minutesAgo(30),
    email: 'troll@example.net',
    body: 'You are all idiots',
    moderation: {
      decision: 'review',
      scores: { toxicity: 0.93, attack: 0.81 },
      reasons: [{ label: 'toxicity', score: 0.93, spans: [[12, 18]], detail: 'Insulting word' }],
      trail: ['rules', 'model'],
      flagged: false,
    },
  });
  const mid = await insertComment(store, { risk: 0.5, createdAt: minutesAgo(40) });
  await insertComment(store, { status: 'approved', email: 'troll@example.net', createdAt: minutesAgo(100) });
  await insertComment(store, { status: 'spam', email: 'troll@example.net', createdAt: minutesAgo(90) });
  const reported = await insertComment(store, { status: 'approved', createdAt: minutesAgo(20), body: 'reported one' });
  await insertReport(store, reported, 'abusive');
  await insertReport(store, reported, 'off-topic');
  const otherSite = await insertComment(store, { site: 'sports', story: 'final', risk: 0.99 });

  const server = await startTestServer(store);
  try {
    const mod = await signIn(server.baseUrl, 'mod@example.com');
    const pending = await mod.get('/queue?status=pending&site=news');
    assert.equal(pending.status, 200);
    assert.deepEqual(pending.body.comments.map((c: { id: string }) => c.id), [highOld, highNew, mid, low]);
    assert.deepEqual(pending.body.counts, { pending: 4, reported: 1, approved: 2, rejected: 0, spam: 1, deleted: 0 });
    assert.equal(pending.body.nextCursor, null);

    const card = pending.body.comments[0];
    assert.equal(card.email, 'troll@example.net');
    assert.equal(card.storyTitle, 'The budget, explained');
    assert.equal(card.story, 'budget');
    assert.equal(card.site, 'news');
    assert.equal(card.body, 'You are all idiots');
    assert.deepEqual(card.authorHistory, { approved: 1, rejected: 0, spam: 1, pending: 2 });
    assert.equal(card.moderation.decision, 'review');
    assert.equal(card.moderation.scores.toxicity, 0.93);
    assert.equal(card.moderation.reasons[0].label, 'toxicity');
    assert.deepEqual(card.moderation.reasons[0].spans, [[12, 18]]);
    assert.equal(card.moderation.risk, 0.9);
    assert.equal(card.reports, 0);
    assert.equal(pending.body.comments[3].moderation, null);

    // All sites: the other site's riskier comment comes first.
    const all = await mod.get('/queue');
    assert.equal(all.body.comments[0].id, otherSite);
    assert.equal(all.body.counts.pending, 5);

    // Paging with a cursor walks the same order without repeats.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof mod.get>> = await mod.get(`/queue?site=news&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(page.status, 200);
      seen.push(...page.body.comments.map((c: { id: string }) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [highOld, highNew, mid, low]);

    const rep = await mod.get('/queue?status=reported&site=news');
    assert.deepEqual(rep.body.comments.map((c: { id: string }) => c.id), [reported]);
    assert.equal(rep.body.comments[0].reports, 2);
    assert.deepEqual([...rep.body.comments[0].reportReasons].sort(), ['abusive', 'off-topic']);

    const approved = await mod.get('/queue?status=approved&site=news');
    assert.equal(approved.body.comments.length, 2);
    assert.equal(approved.body.comments[0].id, reported); // newest first

    const byAuthor = await mod.get('/queue?status=pending&author=TROLL@example.net');
    assert.deepEqual(byAuthor.body.comments.map((c: { id: string }) => c.id), [highOld, highNew]);

    const badStatus = await mod.get('/queue?status=maybe');
    assert.equal(badStatus.status, 400);
    assert.match(badStatus.body.errors.status, /must be one of: pending, reported/);
    const badLimit = await mod.get('/queue?limit=1000');
    assert.equal(badLimit.status, 400);
    assert.equal(badLimit.body.errors.limit, 'The limit must be at most 100.');
    const badCursor = await mod.get('/queue?cursor=garbage');
    assert.equal(badCursor.status, 400);
  } finally {
    await server.close();
  }
});

forEachDatabase('actions: approve, reject, spam, delete, restore — status, story count, audit row, live event', async (store) => {
  await makeUser(store, 'mod@example.com');
  const id = await insertComment(store, { risk: 0.4 });
  const server = await startTestServer(store);
  const published: string[] = [];
  server.ctx.events.onComment('news', 'budget', (e) => published.push(e.commentId));
  try {
    const mod = await signIn(server.baseUrl, 'mod@example.com');
    const approvedCount = async () =>
      Number((await store.db.selectFrom('stories').select('approved_count').where('id', '=', 'budget').executeTakeFirstOrThrow()).approved_count);

    const approve = await mod.send('POST', `/comments/${id}/approve`, { reason: 'Fine by the policy' });
    assert.equal(approve.status, 200);
    assert.equal(approve.body.comment.status, 'approved');
    assert.equal(approve.body.comment.previousStatus, 'pending');
    assert.equal(await approvedCount(), 1);
    assert.deepEqual(published, [id]);

    // Public readers now see it.
    const thread = await request(server.baseUrl, '/api/v1/comments?site=news&story=budget');
    assert.equal(thread.status, 200);
    assert.deepEqual(thread.body.comments.map((c: { id: string }) => c.id), [id]);

    const reject = await mod.send('POST', `/comments/${id}/reject`, {});
    assert.equal(reject.body.comment.status, 'rejected');
    assert.equal(await approvedCount(), 0);
    const inQueue = async (status: string) => (await mod.get(`/queue?status=${status}`)).body.comments.map((c: { id: string }) => c.id);
    assert.deepEqual(await inQueue('rejected'), [id]);
    assert.deepEqual(await inQueue('approved'), []);

    const restore = await mod.send('POST', `/comments/${id}/restore`);
    assert.equal(restore.status, 200);
    assert.equal(restore.body.comment.status, 'approved'); // back to before the last action (undo)
    assert.equal(await approvedCount(), 1);
    assert.deepEqual(published, [id, id]);

    const spam = await mod.send('POST', `/comments/${id}/spam`, { reason: 'link farm' });
    assert.equal(spam.body.comment.status, 'spam');
    assert.deepEqual(await inQueue('spam'), [id]);
    const del = await mod.send('POST', `/comments/${id}/delete`);
    assert.equal(del.body.comment.status, 'deleted');
    assert.equal(await approvedCount(), 0);
    assert.deepEqual(await inQueue('deleted'), [id]);
    assert.deepEqual(await inQueue('spam'), []);
    assert.deepEqual(await inQueue('pending'), []);

    const audit = await mod.get(`/audit?comment=${id}`);
    assert.equal(audit.status, 200);
    const trail = audit.body.entries.map((e: { action: string; from: string; to: string }) => [e.action, e.from, e.to]);
    assert.deepEqual(trail, [
      ['delete', 'spam', 'deleted'],
      ['spam', 'approved', 'spam'],
      ['restore', 'rejected', 'approved'],
      ['reject', 'approved', 'rejected'],
      ['approve', 'pending', 'approved'],
    ]);
    const first = audit.body.entries[4];
    assert.equal(first.reason, 'Fine by the policy');
    assert.equal(first.actor.email, 'mod@example.com');
    assert.equal(first.commentId, id);
    assert.ok(Date.now() - Date.parse(first.at) < 60_000);
    assert.equal(audit.body.entries[0].reason, null);

    // Audit paging.
    const page1 = await mod.get(`/audit?comment=${id}&limit=2`);
    assert.equal(page1.body.entries.length, 2);
    const page2 = await mod.get(`/audit?comment=${id}&limit=2&cursor=${page1.body.nextCursor}`);
    assert.deepEqual(page2.body.entries.map((e: { action: string }) => e.action), ['restore', 'reject']);

    const missing = await mod.send('POST', '/comments/nope/approve', {});
    assert.equal(missing.status, 404);
    const longReason = await mod.send('POST', `/comments/${id}/approve`, { reason: 'x'.repeat(501) });
    assert.equal(longReason.status, 400);
    assert.equal(longReason.body.errors.reason, 'The reason must be at most 500 characters.');
    const neverActed = await insertComment(store);
    const noUndo = await mod.send('POST', `/comments/${neverActed}/restore`, {});
    assert.equal(noUndo.status, 409);
    assert.match(noUndo.body.error, /no earlier status to restore/);
  } finally {
    await server.close();
  }
});

forEachDatabase('acting on a reported comment resolves its reports; batch by ids and by author email', async (store) => {
  await makeUser(store, 'mod@example.com');
  const reported = await insertComment(store, { status: 'approved' });
  await insertReport(store, reported);
  const a = await insertComment(store, { email: 'spammer@example.com' });
  const b = await insertComment(store, { email: 'Spammer@Example.com' });
  const c = await insertComment(store, { email: 'spammer@example.com', site: 'sports', story: 'final' });
  const keep = await insertComment(store, { email: 'fine@example.com' });
  const x = await insertComment(store);
  const y = await insertComment(store);
  const server = await startTestServer(store);
  try {
    const mod = await signIn(server.baseUrl, 'mod@example.com');
    // "Approve" keeps the reported comment up and dismisses the reports.
    const keepUp = await mod.send('POST', `/comments/${reported}/approve`, { reason: 'Reports unfounded' });
    assert.equal(keepUp.body.comment.status, 'approved');
    assert.equal(keepUp.body.comment.reports, 0);
    assert.equal((await mod.get('/queue?status=reported')).body.comments.length, 0);

    const byAuthor = await mod.send('POST', '/comments/batch', { author: { email: 'spammer@example.com' }, site: 'news', action: 'spam' });
    assert.equal(byAuthor.status, 200);
    assert.equal(byAuthor.body.updated, 2);
    const statuses = async (ids: string[]) =>
      Object.fromEntries((await store.db.selectFrom('comments').select(['id', 'status']).where('id', 'in', ids).execute()).map((r) => [r.id, r.status]));
    assert.deepEqual(await statuses([a, b, c, keep]), { [a]: 'spam', [b]: 'spam', [c]: 'pending', [keep]: 'pending' });

    const batch = await mod.send('POST', '/comments/batch', { ids: [x, y], action: 'approve', reason: 'bulk' });
    assert.equal(batch.body.updated, 2);
    assert.deepEqual(await statuses([x, y]), { [x]: 'approved', [y]: 'approved' });
    const undo = await mod.send('POST', '/comments/batch', { ids: [x, y], action: 'restore' });
    assert.equal(undo.body.updated, 2);
    assert.deepEqual(await statuses([x, y]), { [x]: 'pending', [y]: 'pending' });

    // All or nothing: one unknown id leaves every comment as it was.
    const partial = await mod.send('POST', '/comments/batch', { ids: [x, 'missing'], action: 'reject' });
    assert.equal(partial.status, 404);
    assert.deepEqual(await statuses([x]), { [x]: 'pending' });

    const audit = await mod.get('/audit?site=news&limit=200');
    assert.equal(audit.body.entries.filter((e: { action: string }) => e.action === 'spam').length, 2);
    assert.equal(audit.body.entries.filter((e: { reason: string | null }) => e.reason === 'bulk').length, 2);

    const bad = await mod.send('POST', '/comments/batch', { ids: [], action: 'approve' });
    assert.equal(bad.status, 400);
    const badAction = await mod.send('POST', '/comments/batch', { ids: [x], action: 'explode' });
    assert.equal(badAction.status, 400);
    assert.match(badAction.body.error, /action must be one of/);
    const neither = await mod.send('POST', '/comments/batch', { something: true });
    assert.equal(neither.status, 400);
  } finally {
    await server.close();
  }
});

forEachDatabase('moderators see author emails; public endpoints never do', async (store) => {
  await makeUser(store, 'mod@example.com');
  const id = await insertComment(store, { status: 'approved', email: 'secret.reader@example.org' });
  await insertComment(store, { status: 'pending', email: 'secret.reader@example.org' });
  const server = await startTestServer(store);
  try {
    const mod = await signIn(server.baseUrl, 'mod@example.com');
    const queue = await mod.get('/queue?status=approved');
    assert.equal(queue.body.comments[0].email, 'secret.reader@example.org');
    const one = await mod.get(`/comments/${id}`);
    assert.equal(one.body.comment.email, 'secret.reader@example.org');

    for (const path of [
      '/api/v1/comments?site=news&story=budget',
      `/api/v1/comments/${id}/replies`,
      '/api/v1/counts?site=news&story=budget',
      '/api/v1/openapi.json',
    ]) {
      const res = await request(server.baseUrl, path);
      assert.equal(res.status, 200, path);
      assert.ok(!res.text.includes('secret.reader'), `${path} leaks an email`);
      assert.ok(!res.text.includes('@example.org'), `${path} leaks an email`);
    }
    // Without a session the admin card is not reachable either.
    const anon = await request(server.baseUrl, `/api/v1/admin/comments/${id}`);
    assert.equal(anon.status, 401);
    assert.ok(!anon.text.includes('secret.reader'));
  } finally {
    await server.close();
  }
});

forEachDatabase('end to end: a reader posts, the moderator sees it pending with the engine output, approves, readers see it', async (store) => {
  await makeUser(store, 'boss@example.com', 'admin');
  const server = await startTestServer(store);
  try {
    const admin = await signIn(server.baseUrl, 'boss@example.com');
    assert.equal((await admin.send('POST', '/sites', { id: 'gazette', name: 'Gazette' })).status, 201);
    assert.equal((await admin.send('POST', '/sites/gazette/stories', { id: 'harbour', title: 'The harbour plan' })).status, 201);

    const posted = await request(server.baseUrl, '/api/v1/comments', {
      body: { site: 'gazette', story: 'harbour', name: 'Maria', email: 'maria@example.org', body: 'The **harbour** plan ignores the fishermen.' },
    });
    assert.equal(posted.status, 201, posted.text);
    const id: string = posted.body.comment.id;
    assert.ok(!posted.text.includes('maria@example.org'));
    assert.equal((await request(server.baseUrl, '/api/v1/counts?site=gazette&story=harbour')).body.counts.harbour, 0);

    const queue = await admin.get('/queue?status=pending&site=gazette');
    const card = queue.body.comments.find((c: { id: string }) => c.id === id);
    assert.ok(card, 'the posted comment is in the pending queue');
    assert.equal(card.email, 'maria@example.org');
    assert.equal(card.storyTitle, 'The harbour plan');
    assert.equal(card.author.name, 'Maria');
    assert.equal(card.authorHistory.pending, 1);
    assert.ok(card.moderation, 'the engine output is stored and shown');
    assert.equal(typeof card.moderation.risk, 'number');
    assert.equal(typeof card.moderation.scores, 'object');

    const approved = await admin.send('POST', `/comments/${id}/approve`, {});
    assert.equal(approved.status, 200);
    const counts = await request(server.baseUrl, '/api/v1/counts?site=gazette&story=harbour');
    assert.equal(counts.body.counts.harbour, 1);
    const thread = await request(server.baseUrl, '/api/v1/comments?site=gazette&story=harbour');
    assert.deepEqual(thread.body.comments.map((c: { id: string }) => c.id), [id]);
    assert.ok(!thread.text.includes('maria@example.org'));

    // Site settings changed by the admin apply to the next post.
    assert.equal((await admin.send('PATCH', '/sites/gazette', { maxLength: 100 })).status, 200);
    const tooLong = await request(server.baseUrl, '/api/v1/comments', {
      body: { site: 'gazette', story: 'harbour', name: 'Maria', email: 'maria@example.org', body: 'x'.repeat(150) },
    });
    assert.equal(tooLong.status, 400);
    assert.ok(tooLong.body.errors.body, tooLong.text);

    // Closing the story through the moderator API closes it for readers.
    assert.equal((await admin.send('PATCH', '/sites/gazette/stories/harbour', { open: false })).status, 200);
    const closed = await request(server.baseUrl, '/api/v1/comments', {
      body: { site: 'gazette', story: 'harbour', name: 'Maria', email: 'maria@example.org', body: 'One more thing.' },
    });
    assert.equal(closed.status, 400);
    assert.equal(closed.body.errors.story, 'Comments are closed on this story.');
  } finally {
    await server.close();
  }
});

forEachDatabase('two moderators approving the same comment at once count it once', async (store) => {
  await makeUser(store, 'a@example.com');
  await makeUser(store, 'b@example.com');
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push(await insertComment(store));
  const server = await startTestServer(store);
  try {
    const [a, b] = await Promise.all([signIn(server.baseUrl, 'a@example.com'), signIn(server.baseUrl, 'b@example.com')]);
    const replies = await Promise.all(ids.flatMap((id) => [a.send('POST', `/comments/${id}/approve`, {}), b.send('POST', `/comments/${id}/approve`, {})]));
    assert.ok(replies.every((r) => r.status === 200), replies.map((r) => r.status).join(','));
    const story = await store.db.selectFrom('stories').select('approved_count').where('id', '=', 'budget').executeTakeFirstOrThrow();
    assert.equal(Number(story.approved_count), 5);
    // Exactly one of each pair changed the status; the other found it already approved.
    const audit = await store.db.selectFrom('audit_log').select(['from_status', 'to_status']).execute();
    assert.equal(audit.filter((e) => e.from_status === 'pending').length, 5);
    assert.equal(audit.filter((e) => e.from_status === 'approved').length, 5);
  } finally {
    await server.close();
  }
});

forEachDatabase('overlapping batches from two moderators at once all apply, none fails', async (store) => {
  await makeUser(store, 'a@example.com');
  await makeUser(store, 'b@example.com');
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) ids.push(await insertComment(store, { story: i % 2 ? 'budget' : 'tax' }));
  const server = await startTestServer(store);
  try {
    const [a, b] = await Promise.all([signIn(server.baseUrl, 'a@example.com'), signIn(server.baseUrl, 'b@example.com')]);
    const forward = ids.slice(0, 8);
    const backward = ids.slice(4).reverse();
    const replies = await Promise.all([
      a.send('POST', '/comments/batch', { ids: forward, action: 'approve' }),
      b.send('POST', '/comments/batch', { ids: backward, action: 'approve' }),
      a.send('POST', '/comments/batch', { ids: backward, action: 'approve' }),
      b.send('POST', '/comments/batch', { ids: forward, action: 'approve' }),
    ]);
    assert.deepEqual(replies.map((r) => r.status), [200, 200, 200, 200], replies.map((r) => r.text).join('\n'));
    assert.equal(replies.reduce((n, r) => n + r.body.updated, 0), 12); // each comment changed exactly once
    const stories = await store.db.selectFrom('stories').select(['id', 'approved_count']).orderBy('id').execute();
    assert.deepEqual(stories.map((s) => [s.id, Number(s.approved_count)]), [['budget', 6], ['tax', 6]]);
  } finally {
    await server.close();
  }
});
