// Sites, stories and stats through the moderator API on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { forEachDatabase } from './helpers/databases.js';
import { startTestServer } from './helpers/server.js';
import { insertComment, makeUser, signIn } from './helpers/admin.js';

forEachDatabase('sites: create, read, change settings with clear validation errors; admin only for writes', async (store) => {
  await makeUser(store, 'boss@example.com', 'admin');
  await makeUser(store, 'mod@example.com', 'moderator');
  const server = await startTestServer(store);
  try {
    const admin = await signIn(server.baseUrl, 'boss@example.com');
    const mod = await signIn(server.baseUrl, 'mod@example.com');

    const badId = await admin.send('POST', '/sites', { id: 'Daily News!', name: 'Daily' });
    assert.equal(badId.status, 400);
    assert.match(badId.body.errors.id, /lowercase letters/);
    const noName = await admin.send('POST', '/sites', { id: 'daily' });
    assert.equal(noName.status, 400);
    assert.equal(noName.body.errors.name, "Please enter the site's name.");

    const created = await admin.send('POST', '/sites', { id: 'daily', name: 'The Daily', origins: ['https://Daily.example.com/path'] });
    assert.equal(created.status, 201);
    assert.equal(created.body.site.name, 'The Daily');
    assert.deepEqual(created.body.site.origins, ['https://daily.example.com']);
    assert.equal(created.body.site.depthLimit, 5);
    assert.equal(created.body.site.maxLength, 5000);
    assert.equal(created.body.site.editWindowSeconds, 900);
    assert.equal(created.body.site.mode, 'premod');
    assert.deepEqual(created.body.site.wordLists, { banned: [], suspect: [] });
    const dup = await admin.send('POST', '/sites', { id: 'daily', name: 'Again' });
    assert.equal(dup.status, 409);
    assert.equal((await mod.send('POST', '/sites', { id: 'other', name: 'Other' })).status, 403);

    const patch = await admin.send('PATCH', '/sites/daily', {
      name: 'The Daily Paper',
      policy: 'Be kind.',
      mode: 'auto',
      depthLimit: 3,
      maxLength: 2000,
      editWindowSeconds: 600,
      thresholds: { review: 0.4, reject: 0.8 },
      wordLists: { banned: ['slur1', 'slur1', 'slur2'], suspect: ['crypto'] },
    });
    assert.equal(patch.status, 200);
    const site = patch.body.site;
    assert.equal(site.name, 'The Daily Paper');
    assert.equal(site.policy, 'Be kind.');
    assert.equal(site.mode, 'auto');
    assert.equal(site.depthLimit, 3);
    assert.equal(site.maxLength, 2000);
    assert.equal(site.editWindowSeconds, 600);
    assert.deepEqual(site.thresholds, { review: 0.4, reject: 0.8 });
    assert.deepEqual(site.wordLists, { banned: ['slur1', 'slur2'], suspect: ['crypto'] });
    assert.deepEqual(site.origins, ['https://daily.example.com']); // untouched keys stay
    const reread = await mod.get('/sites/daily');
    assert.deepEqual(reread.body.site, site);

    const invalid = await admin.send('PATCH', '/sites/daily', {
      mode: 'anarchy',
      depthLimit: 0,
      maxLength: 'long',
      thresholds: { review: 2 },
      origins: ['ftp://files.example.com'],
      colour: 'blue',
    });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.errors.mode, 'The mode must be "premod", "auto" or "postmod".');
    assert.equal(invalid.body.errors.depthLimit, 'The depth limit must be between 1 and 10.');
    assert.equal(invalid.body.errors.maxLength, 'The maximum length must be a number.');
    assert.equal(invalid.body.errors['thresholds.review'], 'The review threshold must be between 0 and 1.');
    assert.equal(invalid.body.errors['origins.0'], 'Each origin must look like "https://news.example.com".');
    assert.equal(invalid.body.errors.colour, '"colour" is not something that can be set here.');
    const crossed = await admin.send('PATCH', '/sites/daily', { thresholds: { review: 0.95 } });
    assert.equal(crossed.status, 400);
    assert.equal(crossed.body.errors['thresholds.review'], 'The review threshold must not be above the reject threshold.');
    assert.equal((await admin.send('PATCH', '/sites/daily', [1, 2])).status, 400);
    assert.equal((await admin.send('PATCH', '/sites/nowhere', { name: 'x' })).status, 404);
    assert.equal((await mod.send('PATCH', '/sites/daily', { name: 'Mine now' })).status, 403);
    // Nothing changed by the refused requests.
    assert.deepEqual((await mod.get('/sites/daily')).body.site, site);

    const list = await mod.get('/sites');
    assert.deepEqual(list.body.sites.map((s: { id: string }) => s.id), ['daily']);
    const audit = await admin.get('/audit?site=daily');
    assert.deepEqual(audit.body.entries.map((e: { action: string }) => e.action), ['site.update', 'site.create']);
  } finally {
    await server.close();
  }
});

forEachDatabase('stories: list with counts, create, close comments, change mode, title, url, body', async (store) => {
  await makeUser(store, 'mod@example.com');
  await insertComment(store, { status: 'approved' });
  await insertComment(store, { status: 'pending' });
  await insertComment(store, { status: 'pending' });
  const server = await startTestServer(store);
  try {
    const mod = await signIn(server.baseUrl, 'mod@example.com');
    const list = await mod.get('/sites/news/stories');
    assert.equal(list.status, 200);
    assert.equal(list.body.stories.length, 1);
    assert.equal(list.body.stories[0].id, 'budget');
    assert.equal(list.body.stories[0].approved, 1);
    assert.equal(list.body.stories[0].pending, 2);
    assert.equal(list.body.stories[0].open, true);

    const created = await mod.send('POST', '/sites/news/stories', { id: 'election-2026', title: 'Election night', url: 'https://news.example.com/election' });
    assert.equal(created.status, 201);
    assert.equal(created.body.story.title, 'Election night');
    assert.equal(created.body.story.open, true);
    const badStory = await mod.send('POST', '/sites/news/stories', { id: 'has space', title: '' });
    assert.equal(badStory.status, 400);
    assert.match(badStory.body.errors.id, /story id uses letters/);
    assert.equal(badStory.body.errors.title, 'Please enter a title.');
    assert.equal((await mod.send('POST', '/sites/news/stories', { id: 'election-2026', title: 'Again' })).status, 409);
    assert.equal((await mod.send('POST', '/sites/ghost/stories', { id: 'x', title: 'X' })).status, 404);

    const closed = await mod.send('PATCH', '/sites/news/stories/budget', { open: false, mode: 'postmod', title: 'Budget 2026', body: 'Text', url: null });
    assert.equal(closed.status, 200);
    assert.equal(closed.body.story.open, false);
    assert.equal(closed.body.story.mode, 'postmod');
    assert.equal(closed.body.story.title, 'Budget 2026');
    assert.equal(closed.body.story.body, 'Text');
    const row = await store.db.selectFrom('stories').selectAll().where('id', '=', 'budget').executeTakeFirstOrThrow();
    assert.equal(Number(row.open), 0);
    assert.equal(row.mode, 'postmod');
    const inherit = await mod.send('PATCH', '/sites/news/stories/budget', { mode: null, open: true });
    assert.equal(inherit.body.story.mode, null);
    assert.equal(inherit.body.story.open, true);

    const bad = await mod.send('PATCH', '/sites/news/stories/budget', { open: 'no', url: 'javascript:alert(1)' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors.open, '"open" must be true or false.');
    assert.equal(bad.body.errors.url, 'The URL must start with http:// or https://.');
    assert.equal((await mod.send('PATCH', '/sites/news/stories/missing', { open: false })).status, 404);

    const page = await mod.get('/sites/news/stories?limit=1');
    assert.equal(page.body.stories.length, 1);
    assert.ok(page.body.nextCursor);
    const page2 = await mod.get(`/sites/news/stories?limit=1&cursor=${page.body.nextCursor}`);
    assert.equal(page2.body.stories.length, 1);
    assert.notEqual(page2.body.stories[0].id, page.body.stories[0].id);
    assert.equal(page2.body.nextCursor, null);
  } finally {
    await server.close();
  }
});

forEachDatabase('stats: comments per day and why comments were held, over N days', async (store) => {
  await makeUser(store, 'mod@example.com');
  const day = (d: number) => new Date(Date.now() - d * 86400_000).toISOString();
  const held = (labels: string[]) => ({ decision: 'review', scores: {}, reasons: labels.map((label) => ({ label, score: 0.8, spans: [] })), trail: ['model'] });
  await insertComment(store, { createdAt: day(0), moderation: held(['toxicity', 'attack']) });
  await insertComment(store, { createdAt: day(0), status: 'approved', moderation: { decision: 'publish', scores: {}, reasons: [], trail: ['model'] } });
  await insertComment(store, { createdAt: day(1), status: 'rejected', moderation: { decision: 'reject', scores: {}, reasons: [{ label: 'banned_word', score: 1, spans: [] }], trail: ['words'] } });
  await insertComment(store, { createdAt: day(2), moderation: held([]) }); // premod: no reason, held by the mode
  await insertComment(store, { createdAt: day(2), moderation: { ...held([]), trail: ['premod'] } });
  await insertComment(store, { createdAt: day(40) }); // outside the window
  await insertComment(store, { createdAt: day(0), site: 'sports', story: 'final', moderation: held(['spam']) });
  const server = await startTestServer(store);
  try {
    const mod = await signIn(server.baseUrl, 'mod@example.com');
    const stats = await mod.get('/stats?site=news&days=7');
    assert.equal(stats.status, 200);
    assert.equal(stats.body.perDay.length, 7);
    const today = new Date().toISOString().slice(0, 10);
    const perDay = Object.fromEntries(stats.body.perDay.map((d: { day: string; count: number }) => [d.day, d.count]));
    assert.equal(perDay[today], 2);
    assert.equal(perDay[day(1).slice(0, 10)], 1);
    assert.equal(perDay[day(2).slice(0, 10)], 2);
    assert.equal(stats.body.perDay.at(-1).day, today);
    assert.equal(stats.body.perDay.at(-1).approved, 1);
    assert.equal(stats.body.perDay.reduce((n: number, d: { count: number }) => n + d.count, 0), 5);
    assert.deepEqual(stats.body.decisions, [
      { reason: 'attack', count: 1 },
      { reason: 'banned_word', count: 1 },
      { reason: 'model', count: 1 },
      { reason: 'premod', count: 1 },
      { reason: 'toxicity', count: 1 },
    ]);
    const all = await mod.get('/stats?days=60');
    assert.equal(all.body.perDay.length, 60);
    assert.equal(all.body.perDay.reduce((n: number, d: { count: number }) => n + d.count, 0), 7);
    assert.ok(all.body.decisions.some((d: { reason: string }) => d.reason === 'spam'));

    const bad = await mod.get('/stats?days=0');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors.days, 'days must be between 1 and 365.');
    assert.equal((await mod.get('/stats?days=abc')).status, 400);
  } finally {
    await server.close();
  }
});
