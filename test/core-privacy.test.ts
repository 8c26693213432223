// A commenter's data rights (GDPR access and erasure) on SQLite and PostgreSQL: export, anonymize and
// delete through the admin API, checked through the public thread and the moderator API; the CLI.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Store } from '../src/store/db.js';
import { forEachDatabase, runCli } from './helpers/databases.js';
import { startTestServer, request } from './helpers/server.js';
import { insertComment, makeUser, signIn } from './helpers/admin.js';

const PERSON = 'ana.reader@example.org';
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

/** Ana's comments on two sites (approved, pending, a reply) among others', with her traces in the mail and Akismet tables. */
async function seed(store: Store) {
  const other = await insertComment(store, { status: 'approved', email: 'bo@example.net', name: 'Bo', body: 'Bo on the budget', createdAt: minutesAgo(60) });
  const approved = await insertComment(store, { status: 'approved', email: 'Ana.Reader@Example.org', name: 'Ana Reader', body: 'Ana approved text', createdAt: minutesAgo(50) });
  const reply = await insertComment(store, { status: 'approved', email: PERSON, name: 'Ana Reader', body: 'Ana replies to Bo', parent: other, createdAt: minutesAgo(40) });
  const pending = await insertComment(store, { site: 'sports', story: 'final', status: 'pending', email: PERSON, name: 'Ana Reader', body: 'Ana pending text', createdAt: minutesAgo(30) });
  const answer = await insertComment(store, { status: 'approved', email: 'cy@example.net', name: 'Cy', body: 'Cy answers Ana', parent: approved, createdAt: minutesAgo(20) });
  const ana = [approved, reply, pending];
  await store.db
    .updateTable('comments')
    .set({ author_website: 'https://ana.example', author_token_hash: 'token-hash-of-ana', ip_hash: 'ip-hash-of-ana' })
    .where('id', 'in', ana)
    .execute();
  await store.db.updateTable('comments').set({ ip_hash: 'ip-hash-of-bo', author_token_hash: 'token-hash-of-bo' }).where('id', '=', other).execute();
  const now = new Date().toISOString();
  await store.db
    .insertInto('reply_subscriptions')
    .values([
      { comment_id: approved, email: PERSON, token: 'sub-ana', created_at: now, unsubscribed_at: null },
      { comment_id: other, email: 'bo@example.net', token: 'sub-bo', created_at: now, unsubscribed_at: null },
    ])
    .execute();
  const mail = (id: string, to: string, sent: string | null) => ({
    id, to_address: to, subject: 'A reply', text_body: 't', html_body: 'h', list_unsubscribe: null, created_at: now, next_attempt_at: sent ? null : now,
    claimed_until: null, sent_at: sent, last_error: null,
  });
  await store.db.insertInto('mail_outbox').values([mail('m-ana', 'Ana.Reader@example.org', null), mail('m-bo', 'bo@example.net', null)]).execute();
  await store.db
    .withTables<{ akismet_checks: { comment_id: string; verdict: string; user_ip: string; user_agent: string | null; referrer: string | null; blog: string; checked_at: string } }>()
    .insertInto('akismet_checks')
    .values([
      { comment_id: approved, verdict: 'ham', user_ip: '203.0.113.7', user_agent: 'Ana browser', referrer: null, blog: 'https://news.example', checked_at: now },
      { comment_id: other, verdict: 'ham', user_ip: '198.51.100.2', user_agent: 'Bo browser', referrer: null, blog: 'https://news.example', checked_at: now },
    ])
    .execute();
  return { ana, approved, reply, pending, other, answer };
}

const othersSnapshot = (store: Store, ids: string[]) => store.db.selectFrom('comments').selectAll().where('id', 'in', ids).orderBy('id').execute();

async function threadText(baseUrl: string): Promise<string> {
  const res = await request(baseUrl, '/api/v1/comments?site=news&story=budget');
  assert.equal(res.status, 200, res.text);
  return res.text;
}

async function approvedCount(baseUrl: string): Promise<number> {
  const res = await request(baseUrl, '/api/v1/counts?site=news&story=budget');
  assert.equal(res.status, 200, res.text);
  return res.body.counts.budget;
}

forEachDatabase('privacy: export is exactly theirs; anonymize keeps the text and no trace of the address; moderators get 403', async (store) => {
  const seeded = await seed(store);
  await makeUser(store, 'chief@example.com', 'admin');
  await makeUser(store, 'desk@example.com', 'moderator');
  const server = await startTestServer(store);
  try {
    const chief = await signIn(server.baseUrl, 'chief@example.com');
    const desk = await signIn(server.baseUrl, 'desk@example.com');

    const exported = await chief.send('POST', '/privacy/export', { email: '  ANA.Reader@example.ORG ' });
    assert.equal(exported.status, 200, exported.text);
    assert.equal(exported.body.email, PERSON);
    assert.deepEqual(exported.body.comments.map((c: { id: string }) => c.id), seeded.ana);
    const pendingExport = exported.body.comments.find((c: { id: string }) => c.id === seeded.pending);
    assert.deepEqual(
      { site: pendingExport.site, story: pendingExport.story.id, status: pendingExport.status, body: pendingExport.body },
      { site: 'sports', story: 'final', status: 'pending', body: 'Ana pending text' },
    );
    assert.equal(exported.body.comments[0].story.title, 'The budget, explained');
    assert.equal(exported.body.comments[1].parent, seeded.other);
    assert.deepEqual(exported.body.replySubscriptions.map((s: { commentId: string }) => s.commentId), [seeded.approved]);

    for (const [path, body] of [['/privacy/export', { email: PERSON }], ['/privacy/erase', { email: PERSON, mode: 'anonymize' }]] as const) {
      const refused = await desk.send('POST', path, body);
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error, 'Only an admin can do this.');
    }
    const noCsrf = await request(server.baseUrl, '/api/v1/admin/privacy/erase', { body: { email: PERSON, mode: 'delete' }, headers: { cookie: chief.cookie } });
    assert.equal(noCsrf.status, 403);
    const badEmail = await chief.send('POST', '/privacy/erase', { email: 'not an address', mode: 'anonymize' });
    assert.equal(badEmail.status, 400);
    assert.match(badEmail.body.error, /email address/);
    const badMode = await chief.send('POST', '/privacy/erase', { email: PERSON, mode: 'shred' });
    assert.equal(badMode.status, 400);
    assert.equal(badMode.body.errors.mode, 'The mode must be "anonymize" or "delete".');
    assert.equal((await chief.send('POST', '/privacy/export', {})).status, 400);

    const othersBefore = await othersSnapshot(store, [seeded.other, seeded.answer]);
    const countBefore = await approvedCount(server.baseUrl);
    assert.match(await threadText(server.baseUrl), /Ana Reader/);

    const erased = await chief.send('POST', '/privacy/erase', { email: 'Ana.Reader@example.org', mode: 'anonymize' });
    assert.equal(erased.status, 200, erased.text);
    assert.deepEqual(erased.body.erased, { mode: 'anonymize', comments: 3, deleted: 0, approvedRemoved: 0, replySubscriptions: 1, queuedMail: 1, akismetChecks: 1 });

    const thread = await threadText(server.baseUrl);
    assert.match(thread, /Ana approved text/);
    assert.match(thread, /Ana replies to Bo/);
    assert.match(thread, /Former reader/);
    assert.doesNotMatch(thread, /Ana Reader|ana\.example|ana\.reader@/i);
    assert.equal(await approvedCount(server.baseUrl), countBefore);

    for (const status of ['approved', 'pending']) {
      const queue = await chief.get(`/queue?status=${status}`);
      assert.equal(queue.status, 200);
      assert.doesNotMatch(queue.text, /ana\.reader@|Ana Reader|ana\.example/i);
    }
    const card = await chief.get(`/comments/${seeded.pending}`);
    assert.equal(card.body.comment.body, 'Ana pending text');
    assert.doesNotMatch(card.text, /ana\.reader@/i);
    assert.equal((await chief.send('POST', '/privacy/export', { email: PERSON })).body.comments.length, 0);

    const rows = await store.db.selectFrom('comments').selectAll().where('id', 'in', seeded.ana).execute();
    for (const row of rows) {
      assert.deepEqual(
        { name: row.author_name, email: row.author_email, website: row.author_website, token: row.author_token_hash, ip: row.ip_hash },
        { name: 'Former reader', email: '', website: null, token: null, ip: null },
      );
    }
    assert.deepEqual(await othersSnapshot(store, [seeded.other, seeded.answer]), othersBefore);
    assert.deepEqual((await store.db.selectFrom('reply_subscriptions').select('email').execute()).map((r) => r.email), ['bo@example.net']);
    assert.deepEqual((await store.db.selectFrom('mail_outbox').select('id').execute()).map((r) => r.id), ['m-bo']);
    const checks = await store.db.withTables<{ akismet_checks: { comment_id: string } }>().selectFrom('akismet_checks').select('comment_id').execute();
    assert.deepEqual(checks.map((c) => c.comment_id), [seeded.other]);

    const audit = await chief.get('/audit?limit=5');
    const entry = audit.body.entries.find((e: { action: string }) => e.action === 'privacy.erase');
    assert.equal(entry.actor.email, 'chief@example.com');
    assert.equal(entry.detail.emailSha256, createHash('sha256').update(PERSON).digest('hex'));
    assert.equal(entry.detail.comments, 3);
    const auditRows = await store.db.selectFrom('audit_log').selectAll().execute();
    assert.doesNotMatch(JSON.stringify(auditRows), /ana\.reader@/i);
  } finally {
    await server.close();
  }
});

forEachDatabase('privacy: delete removes the texts from the public thread and fixes the story count', async (store) => {
  const seeded = await seed(store);
  await makeUser(store, 'chief@example.com', 'admin');
  const server = await startTestServer(store);
  try {
    const chief = await signIn(server.baseUrl, 'chief@example.com');
    const othersBefore = await othersSnapshot(store, [seeded.other, seeded.answer]);
    assert.equal(await approvedCount(server.baseUrl), 4);

    const erased = await chief.send('POST', '/privacy/erase', { email: PERSON, mode: 'delete' });
    assert.equal(erased.status, 200, erased.text);
    assert.deepEqual(erased.body.erased, { mode: 'delete', comments: 3, deleted: 3, approvedRemoved: 2, replySubscriptions: 1, queuedMail: 1, akismetChecks: 1 });

    assert.equal(await approvedCount(server.baseUrl), 2);
    const thread = await threadText(server.baseUrl);
    assert.doesNotMatch(thread, /Ana approved text|Ana replies to Bo|Ana Reader/);
    assert.match(thread, /Bo on the budget/);
    assert.match(thread, /Cy answers Ana/); // the reply to a deleted comment stays, under its placeholder

    const rows = await store.db.selectFrom('comments').selectAll().where('id', 'in', seeded.ana).execute();
    for (const row of rows) {
      assert.equal(row.status, 'deleted');
      assert.equal(row.body, "[removed at the author's request]");
      assert.equal(row.author_email, '');
      assert.equal(row.author_name, 'Former reader');
      assert.equal(row.ip_hash, null);
    }
    const stories = await store.db.selectFrom('stories').select(['site_id', 'id', 'approved_count']).orderBy('site_id').execute();
    assert.deepEqual(stories.map((s) => [s.site_id, Number(s.approved_count)]), [['news', 2], ['sports', 0]]);
    assert.deepEqual(await othersSnapshot(store, [seeded.other, seeded.answer]), othersBefore);
  } finally {
    await server.close();
  }
});

forEachDatabase('parley privacy: export prints theirs; erase without --yes changes nothing; with --yes erases', async (store, _t, database) => {
  const seeded = await seed(store);
  const everything = async () => ({
    comments: await store.db.selectFrom('comments').selectAll().orderBy('id').execute(),
    subscriptions: await store.db.selectFrom('reply_subscriptions').selectAll().orderBy('token').execute(),
    mail: await store.db.selectFrom('mail_outbox').selectAll().orderBy('id').execute(),
    audit: await store.db.selectFrom('audit_log').selectAll().execute(),
  });

  const exported = runCli(database, ['privacy', 'export', '--email', 'ANA.READER@example.org']);
  assert.equal(exported.code, 0, exported.stderr);
  assert.deepEqual(JSON.parse(exported.stdout).comments.map((c: { id: string }) => c.id), seeded.ana);

  const bad = runCli(database, ['privacy', 'export', '--email', 'ana at example']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /error: Please give the commenter's email address/);

  const before = await everything();
  const dry = runCli(database, ['privacy', 'erase', '--email', PERSON, '--mode', 'delete']);
  assert.equal(dry.code, 1);
  assert.match(dry.stdout, /Would delete the data of ana\.reader@example\.org/);
  assert.match(dry.stdout, /comments by this address: 3/);
  assert.match(dry.stderr, /Nothing was changed\. Run again with --yes/);
  assert.deepEqual(await everything(), before);

  const badMode = runCli(database, ['privacy', 'erase', '--email', PERSON, '--mode', 'shred', '--yes']);
  assert.equal(badMode.code, 1);
  assert.match(badMode.stderr, /The mode must be "anonymize" or "delete"\./);
  assert.deepEqual(await everything(), before);

  const done = runCli(database, ['privacy', 'erase', '--email', PERSON, '--mode', 'anonymize', '--yes']);
  assert.equal(done.code, 0, done.stderr);
  assert.match(done.stdout, /Erased \(anonymize\)/);
  const names = await store.db.selectFrom('comments').select('author_name').where('id', 'in', seeded.ana).execute();
  assert.deepEqual(names.map((n) => n.author_name), ['Former reader', 'Former reader', 'Former reader']);
  const audit = await store.db.selectFrom('audit_log').selectAll().execute();
  assert.equal(audit.length, 1);
  assert.equal(audit[0].action, 'privacy.erase');
}, { timeout: 120_000 });
