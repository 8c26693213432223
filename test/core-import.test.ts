// `parley import wordpress|disqus`: a newsroom moving from WordPress or Disqus keeps its discussions. The
// real CLI reads an export (test/fixtures/wordpress-export.xml, disqus-export.xml) into SQLite and
// PostgreSQL; the server then serves the threads, moderators find the held comments in their queues,
// and a second import changes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forEachDatabase, freshDatabase, type FreshDatabase } from './helpers/databases.js';
import { request, startTestServer } from './helpers/server.js';
import { makeUser, signIn } from './helpers/admin.js';

const run = promisify(execFile);
const FIXTURE = 'test/fixtures/wordpress-export.xml';
const CLI = ['--import', 'tsx', 'src/cli/main.ts'];

function parleyOn(database: FreshDatabase, args: string[]) {
  const env = { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: database.databaseUrl ?? '', PARLEY_PG_SCHEMA: database.pgSchema ?? '' };
  return run(process.execPath, [...CLI, ...args, '--data', database.dataDir], { env, timeout: 60_000 });
}

forEachDatabase('a WordPress export becomes Parley stories and threads, once', async (store, _t, database) => {
  const first = await parleyOn(database, ['import', 'wordpress', FIXTURE, '--site', 'courier']);
  assert.match(first.stdout, /Created the site "courier"\./);
  assert.match(first.stdout, /Imported 7 comments \(4 approved, 1 pending, 1 spam, 1 deleted\) on 2 new stories/);
  assert.match(first.stdout, /Left out 1 pingbacks and trackbacks\./);

  await makeUser(store, 'editor@example.com', 'admin');
  const server = await startTestServer(store);
  try {
    const res = await request(server.baseUrl, '/api/v1/comments?site=courier&story=41');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.site.name, 'The Valley Courier');
    assert.equal(res.body.story.title, 'Bridge repairs to close Main Street for six weeks');
    assert.equal(res.body.story.url, 'https://valleycourier.example/2026/03/bridge-repairs/');
    assert.equal(res.body.total, 3);
    // The reply listed before its parent in the file sits under it, and the reply to the reply under that.
    assert.equal(res.body.comments.length, 1);
    const [lee] = res.body.comments;
    assert.equal(lee.author.name, 'Lee Chen');
    assert.equal(lee.createdAt, '2026-03-10T14:00:00.000Z');
    const sam = lee.replies[0];
    assert.equal(sam.author.name, 'Sam Ortiz');
    assert.equal(sam.author.website, 'https://sam.example');
    assert.equal(sam.depth, 1);
    const ana = sam.replies[0];
    assert.equal(ana.author.name, 'Ana Ruiz');
    assert.equal(ana.depth, 2);
    assert.equal(ana.createdAt, '2026-03-11T07:30:00.000Z', 'a zero GMT date falls back to the local one');
    // WordPress's paragraphs, breaks and allowed tags survive; the script and the event handler do not.
    assert.match(lee.html, /^<p>Six weeks is a long time for the shops on Main Street\.<\/p>\n<p>Will the county run a shuttle\? <em>Anything<\/em> would help\.<br \/>/);
    assert.match(lee.html, /<a href="https:\/\/county\.example\/detours" rel="nofollow ugc noopener">the detour map<\/a> &amp; the notice\.<\/p>$/);
    assert.doesNotMatch(lee.html, /script|onclick|alert/);
    // Emails never reach a public reply.
    assert.doesNotMatch(res.text, /@example\.com|@spam\.example/);

    // The story is also found by its WordPress permalink; the closed post is closed; names are plain text.
    const byUrl = await request(server.baseUrl, `/api/v1/comments?site=courier&story=${encodeURIComponent('https://valleycourier.example/2026/03/bridge-repairs/')}`);
    assert.equal(byUrl.status, 200, byUrl.text);
    assert.equal(byUrl.body.story.id, '41');
    const school = await request(server.baseUrl, '/api/v1/comments?site=courier&story=52');
    assert.equal(school.body.story.open, false);
    assert.equal(school.body.comments[0].author.name, 'Jo Bold');
    assert.equal(school.body.comments[0].author.website, null, 'a javascript: website is dropped');
    assert.match(school.body.comments[0].html, /très utile/);
    assert.equal((await request(server.baseUrl, '/api/v1/comments?site=courier&story=7')).status, 404, 'a closed page without comments is not a story');
    assert.equal((await request(server.baseUrl, '/api/v1/comments?site=courier&story=42')).status, 404, 'attachments are not stories');

    // Moderators: the pending comment waits in the queue, saying where it came from; spam and trash kept apart.
    const admin = await signIn(server.baseUrl, 'editor@example.com');
    const pending = await admin.get('/queue?status=pending&site=courier');
    assert.equal(pending.status, 200, pending.text);
    assert.deepEqual(pending.body.comments.map((c: any) => c.author.name), ['Pat']);
    assert.equal(pending.body.comments[0].email, 'pat@example.com');
    assert.deepEqual(pending.body.comments[0].moderation.reasons.map((r: any) => r.detail), ['Imported from WordPress (comment 104, status "0").']);
    assert.deepEqual((await admin.get('/queue?status=spam&site=courier')).body.comments.map((c: any) => c.author.name), ['cheap watches']);
    assert.deepEqual((await admin.get('/queue?status=deleted&site=courier')).body.comments.map((c: any) => c.author.name), ['Someone']);
    // An imported pending comment is moderated like any other.
    const approve = await admin.send('POST', `/comments/${pending.body.comments[0].id}/approve`, {});
    assert.equal(approve.status, 200, approve.text);
    assert.equal((await request(server.baseUrl, '/api/v1/counts?site=courier&story=41')).body.counts['41'], 4);
  } finally {
    await server.close();
  }

  // Again: nothing new, nothing changed (the moderator's approval stays).
  const again = await parleyOn(database, ['import', 'wordpress', FIXTURE, '--site', 'courier']);
  assert.match(again.stdout, /Imported 0 comments on 0 new stories/);
  assert.match(again.stdout, /Already there, left as they were: 7 comments, 2 stories\./);
  const rows = await store.db.selectFrom('comments').select(['status']).where('site_id', '=', 'courier').execute();
  assert.equal(rows.length, 7);
  assert.equal(rows.filter((r) => r.status === 'approved').length, 5);
}, { timeout: 120_000 });

forEachDatabase('a Disqus export becomes Parley stories and threads, once', async (store, _t, database) => {
  const first = await parleyOn(database, ['import', 'disqus', 'test/fixtures/disqus-export.xml', '--site', 'courier']);
  assert.match(first.stdout, /Created the site "courier"\./);
  assert.match(first.stdout, /Imported 5 comments \(3 approved, 1 spam, 1 deleted\) on 2 new stories/);
  assert.match(first.stdout, /Left out 1 posts of deleted or unknown threads\./);

  const server = await startTestServer(store);
  try {
    // The WordPress plugin's identifier "528 https://…" gives the WordPress post id as the story id.
    const water = await request(server.baseUrl, '/api/v1/comments?site=courier&story=528');
    assert.equal(water.status, 200, water.text);
    assert.equal(water.body.site.name, 'valleycourier');
    assert.equal(water.body.story.url, 'https://valleycourier.example/2026/05/water-rates/');
    assert.equal(water.body.total, 2);
    const [mina] = water.body.comments;
    assert.equal(mina.author.name, 'Mina Park');
    assert.equal(mina.html, '<p>Eight percent is steep for families on fixed incomes.</p><p>Is there a discount for pensioners? </p>');
    assert.equal(mina.replies[0].author.name, 'Omar Haddad', 'the reply listed first sits under its parent');
    assert.equal(mina.replies[0].createdAt, '2026-05-02T10:30:00.000Z');
    assert.doesNotMatch(water.text, /mina@example\.com|evil\.example/);

    // A plain identifier is the story id; a date without a zone is UTC; a closed thread is closed.
    const library = await request(server.baseUrl, '/api/v1/comments?site=courier&story=library-hours');
    assert.equal(library.status, 200, library.text);
    assert.equal(library.body.story.open, false);
    assert.equal(library.body.comments[0].createdAt, '2026-05-03T15:00:00.000Z');
    // Threads without comments, and deleted threads, are not stories.
    assert.equal((await request(server.baseUrl, '/api/v1/comments?site=courier&story=dq-5003')).status, 404);
    assert.equal((await request(server.baseUrl, '/api/v1/comments?site=courier&story=old-draft')).status, 404);
  } finally {
    await server.close();
  }
  const spam = await store.db.selectFrom('comments').select(['author_name', 'status']).where('status', '!=', 'approved').orderBy('author_name').execute();
  assert.deepEqual(spam, [{ author_name: 'Easy Money', status: 'spam' }, { author_name: 'Someone', status: 'deleted' }]);
  const again = await parleyOn(database, ['import', 'disqus', 'test/fixtures/disqus-export.xml', '--site', 'courier']);
  assert.match(again.stdout, /Imported 0 comments on 0 new stories/);
  assert.match(again.stdout, /Already there, left as they were: 5 comments, 2 stories\./);
}, { timeout: 120_000 });

// Input errors are found before any row is written: one database kind is enough.
test('import says plainly what is wrong with its input', { timeout: 120_000 }, async () => {
  const database = await freshDatabase('sqlite');
  const dir = mkdtempSync(join(tmpdir(), 'parley-import-'));
  try {
    const notWxr = join(dir, 'feed.xml');
    writeFileSync(notWxr, '<?xml version="1.0"?><rss version="2.0"><channel><title>A feed</title></channel></rss>');
    const fails = (args: string[]) => parleyOn(database, args).then(
      () => assert.fail(`parley ${args.join(' ')} must fail`),
      (err: { code: number; stderr: string }) => err,
    );
    const wrong = await fails(['import', 'wordpress', notWxr, '--site', 'courier']);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /error: This is not a WordPress export file \(WXR\): export it from wp-admin under Tools → Export\./);
    assert.match((await fails(['import', 'wordpress', join(dir, 'missing.xml'), '--site', 'courier'])).stderr, /error: Cannot read .*missing\.xml: ENOENT/);
    assert.match((await fails(['import', 'mbox', FIXTURE, '--site', 'courier'])).stderr, /error: Parley imports "wordpress" and "disqus" export files; "mbox" is not one of them\./);
    assert.match((await fails(['import', 'disqus', FIXTURE, '--site', 'courier'])).stderr, /error: This is not a Disqus export file: export it from the Disqus admin under Community → Export\./);
    assert.match((await fails(['import', 'wordpress', FIXTURE, '--site', 'Bad Site!'])).stderr, /error: A site id uses lowercase letters, digits, "-" and "_" \(at most 64\)\./);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await database.drop();
  }
});
