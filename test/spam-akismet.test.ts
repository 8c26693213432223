// Akismet as a second opinion, through real Parley HTTP on SQLite and PostgreSQL, against a local
// server that speaks Akismet's protocol (form bodies, api_key, true/false/invalid, the discard pro-tip,
// submit-spam/ham thanks, verify-key), plus a mode that never answers and a server that is gone.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { forEachDatabase } from './helpers/databases.js';
import { startTestServer, request, type TestServer } from './helpers/server.js';
import { insertComment, makeUser, signIn, type AdminClient } from './helpers/admin.js';
import { createSite, updateSite } from '../src/sites/index.js';
import { createStory } from '../src/stories/index.js';
import { findChecks, recordCheck, sweepOldChecks, type AkismetChecksTable } from '../src/spam/checks.js';
import { createAkismetClient } from '../src/spam/akismet.js';
import { createModerator, launchBrowser, newVisitor, signInDashboard, startParley } from './helpers/browser.js';
import type { Store } from '../src/store/db.js';

const KEY = 'abc123def456';
const SITE_ORIGIN = 'https://news.example.com';
const STORY_URL = 'https://news.example.com/2024/transit-budget';
const THANKS = 'Thanks for making the web a better place.';
/** Akismet's own test author: comment-check always answers spam for it. */
const GUARANTEED_SPAM = 'akismet-guaranteed-spam';
/** This stand-in also calls spam any text ending so (an edit can add it). */
const SPAM_SIGN_OFF = 'Regards from Springfield.';

interface AkismetCall {
  method: string;
  form: Record<string, string>;
}

/** A local Akismet. Spam: Akismet's test author or SPAM_SIGN_OFF; blatant (pro-tip discard): content with "BLATANT". */
class FakeAkismet {
  readonly calls: AkismetCall[] = [];
  readonly validKeys = new Set([KEY]);
  /** 'silent': takes requests and never answers (Akismet hanging). */
  mode: 'answer' | 'silent' = 'answer';
  private server!: Server;
  private waiters: { method: string; resolve: (c: AkismetCall) => void }[] = [];
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves with the next (or an already received, unclaimed) call of this method. */
  next(method: string): Promise<AkismetCall> {
    return new Promise((resolve) => {
      this.waiters.push({ method, resolve });
      this.flushWaiters();
    });
  }

  of(method: string): AkismetCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  private claimed = new Set<AkismetCall>();
  private flushWaiters(): void {
    for (const w of [...this.waiters]) {
      const call = this.calls.find((c) => c.method === w.method && !this.claimed.has(c));
      if (!call) continue;
      this.claimed.add(call);
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve(call);
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const method = (req.url ?? '').replace(/^\/1\.1\//, '');
    const call = { method, form: Object.fromEntries(new URLSearchParams(raw)) };
    assert.equal(req.method, 'POST');
    assert.match(req.headers['content-type'] ?? '', /^application\/x-www-form-urlencoded/);
    this.calls.push(call);
    this.flushWaiters();
    if (this.mode === 'silent') return; // the connection stays open until stop()
    const answer = (body: string, headers: Record<string, string> = {}): void => {
      res.writeHead(200, { 'content-type': 'text/plain', ...headers }).end(body);
    };
    const keyOk = this.validKeys.has(call.form.api_key);
    if (method === 'verify-key') return answer(keyOk ? 'valid' : 'invalid', keyOk ? {} : { 'X-akismet-debug-help': 'We were unable to parse your key.' });
    if (!keyOk) return answer('invalid', { 'X-akismet-debug-help': 'Your API key is not valid.' });
    for (const required of ['blog', 'user_ip']) {
      if (!call.form[required]) return answer(`Missing required field: ${required}.`, { 'X-akismet-debug-help': `Missing ${required}` });
    }
    if (method === 'submit-spam' || method === 'submit-ham') return answer(THANKS);
    if (method !== 'comment-check') {
      res.writeHead(404).end();
      return;
    }
    if (call.form.comment_author !== GUARANTEED_SPAM && !call.form.comment_content.endsWith(SPAM_SIGN_OFF)) return answer('false');
    return answer('true', call.form.comment_content.includes('BLATANT') ? { 'X-akismet-pro-tip': 'discard' } : {});
  }
}

async function seed(store: Store, akismetKey: string | null = KEY): Promise<void> {
  await createSite(store.db, { id: 'paper', name: 'The Paper', settings: { mode: 'auto', allowedOrigins: [SITE_ORIGIN], akismetKey } });
  await createStory(store.db, 'paper', {
    id: 'budget',
    title: 'Council approves the new transit budget',
    body: 'The city council voted 7-2 to raise transit spending and cut parking fees.',
    url: STORY_URL,
  });
}

const BROWSER = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) TestBrowser/1.0', referer: `${STORY_URL}#comments` };

let n = 0;
function post(baseUrl: string, body: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = BROWSER) {
  return request(baseUrl, '/api/v1/comments', {
    body: { site: 'paper', story: 'budget', name: 'Reader', email: `reader${++n}@mail.example`, body, ...extra },
    headers,
  });
}

/** Fresh texts: Parley's repetition rule must not see the same words twice. */
const CLEAN = [
  'Raising transit spending makes sense; the buses on my route are always late.',
  'Cutting parking fees seems odd when the council also wants fewer cars downtown.',
  'I would like to know how the 7-2 vote splits between the districts served by the new lines.',
  'The budget finally funds night buses, which shift workers in my building have wanted for years.',
  'Will the transit money cover the bridge repairs the article mentioned last spring?',
  'Good to see the council explain where the extra spending comes from this time.',
];

async function withAkismet(fn: (fake: FakeAkismet, server: TestServer) => Promise<void>, store: Store): Promise<void> {
  const fake = await new FakeAkismet().start();
  const previous = process.env.AKISMET_URL;
  process.env.AKISMET_URL = fake.url;
  const server = await startTestServer(store);
  try {
    await fn(fake, server);
  } finally {
    await server.close();
    await fake.stop();
    if (previous === undefined) delete process.env.AKISMET_URL;
    else process.env.AKISMET_URL = previous;
  }
}

async function storedComment(store: Store, id: string) {
  const row = await store.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { ...row, moderation: JSON.parse(row.moderation ?? 'null') as { decision: string; reasons: { label: string; detail?: string }[]; trail: string[] } };
}

async function publicIds(baseUrl: string): Promise<string[]> {
  const thread = await request(baseUrl, '/api/v1/comments?site=paper&story=budget');
  assert.equal(thread.status, 200, thread.text);
  return thread.body.comments.map((c: { id: string }) => c.id);
}

forEachDatabase('a comment Akismet calls spam is held as spam, with the akismet reason for moderators only; the check sends every field', async (store) => {
  await seed(store);
  await makeUser(store, 'mod@paper.example');
  await withAkismet(async (fake, server) => {
    const text = 'Great article about the transit budget, thanks for the clear explanation of the vote.';
    const posted = await post(server.baseUrl, text, { name: GUARANTEED_SPAM, email: 'spammer@mail.example', website: 'https://cheap-pills.example' });
    assert.equal(posted.status, 201, posted.text);
    assert.equal(posted.body.status, 'spam');
    const id: string = posted.body.comment.id;

    const row = await storedComment(store, id);
    assert.equal(row.status, 'spam');
    assert.match(row.author_website ?? '', /^https:\/\/cheap-pills\.example\/?$/);
    assert.deepEqual(fake.of('comment-check').map((c) => c.form), [
      {
        api_key: KEY,
        blog: `${SITE_ORIGIN}/`,
        user_ip: '127.0.0.1',
        user_agent: BROWSER['user-agent'],
        referrer: BROWSER.referer,
        permalink: STORY_URL,
        comment_type: 'comment',
        comment_author: GUARANTEED_SPAM,
        comment_author_email: 'spammer@mail.example',
        comment_author_url: row.author_website,
        comment_content: text,
        comment_date_gmt: row.created_at,
        blog_charset: 'UTF-8',
      },
    ]);

    // Parley's own pipeline published it; Akismet's opinion is added, not substituted.
    assert.equal(row.moderation.decision, 'reject');
    assert.equal(row.moderation.trail.at(-1), 'akismet');
    assert.ok(row.moderation.trail.includes('policy'), 'the pipeline ran to its end first');

    const mod = await signIn(server.baseUrl, 'mod@paper.example');
    const seen = await mod.get(`/comments/${id}`);
    assert.equal(seen.status, 200);
    assert.deepEqual(
      seen.body.comment.moderation.reasons.filter((r: { label: string }) => r.label === 'akismet'),
      [{ label: 'akismet', score: 1, spans: [], detail: 'Akismet says this is spam.' }],
    );
    const spamQueue = await mod.get('/queue?status=spam&site=paper');
    assert.deepEqual(spamQueue.body.comments.map((c: { id: string }) => c.id), [id]);
    assert.ok(!(await publicIds(server.baseUrl)).includes(id), 'spam is not in the public thread');

    // The raw address is kept beside the verdict, for feedback later.
    const check = (await findChecks(store.db, [id])).get(id);
    assert.equal(check?.verdict, 'spam');
    assert.equal(check?.userIp, '127.0.0.1');
    assert.equal(check?.userAgent, BROWSER['user-agent']);
    assert.equal(check?.referrer, BROWSER.referer);
  }, store);
});

forEachDatabase('ham is published as Parley decides; a reply is checked as a reply; blatant spam is held with its own reason', async (store) => {
  await seed(store);
  await withAkismet(async (fake, server) => {
    const ham = await post(server.baseUrl, CLEAN[0]);
    assert.equal(ham.status, 201, ham.text);
    assert.equal(ham.body.status, 'approved');
    const hamRow = await storedComment(store, ham.body.comment.id);
    assert.ok(!hamRow.moderation.reasons.some((r) => r.label === 'akismet'));
    assert.ok(!hamRow.moderation.trail.includes('akismet'));
    assert.ok((await publicIds(server.baseUrl)).includes(ham.body.comment.id));
    assert.equal((await findChecks(store.db, [hamRow.id])).get(hamRow.id)?.verdict, 'ham');

    const reply = await post(server.baseUrl, CLEAN[1], { parent: ham.body.comment.id });
    assert.equal(reply.status, 201, reply.text);
    assert.equal(reply.body.status, 'approved');
    assert.deepEqual(fake.of('comment-check').map((c) => c.form.comment_type), ['comment', 'reply']);

    const blatant = await post(server.baseUrl, `${CLEAN[2]} BLATANT`, { name: GUARANTEED_SPAM });
    assert.equal(blatant.body.status, 'spam');
    const blatantRow = await storedComment(store, blatant.body.comment.id);
    assert.deepEqual(blatantRow.moderation.reasons.filter((r) => r.label === 'akismet').map((r) => r.detail), ['Akismet marked this as blatant spam.']);
    assert.equal((await findChecks(store.db, [blatantRow.id])).get(blatantRow.id)?.verdict, 'discard');

    // Parley already refused it as spam: Akismet is not asked (its answer could change nothing).
    const asked = fake.of('comment-check').length;
    const obvious = await post(server.baseUrl, 'CHECK OUT MY CHANNEL bit.ly/free-cash EARN $500 A DAY FROM HOME');
    assert.equal(obvious.body.status, 'spam');
    assert.equal(fake.of('comment-check').length, asked);
    const obviousRow = await storedComment(store, obvious.body.comment.id);
    assert.ok(!obviousRow.moderation.reasons.some((r) => r.label === 'akismet'));
  }, store);
});

forEachDatabase('Akismet silent, gone, or refusing the key: the comment is stored with Parley\'s decision and the request returns', async (store) => {
  await seed(store);
  await withAkismet(async (fake, server) => {
    // Never answers: the post returns anyway (after the client's timeout), as Parley decided.
    fake.mode = 'silent';
    const slow = await post(server.baseUrl, CLEAN[0], { name: GUARANTEED_SPAM });
    assert.equal(slow.status, 201, slow.text);
    assert.equal(slow.body.status, 'approved');
    assert.equal(fake.of('comment-check').length, 1, 'Akismet was asked');
    const slowRow = await storedComment(store, slow.body.comment.id);
    assert.ok(!slowRow.moderation.reasons.some((r) => r.label === 'akismet'));
    assert.equal((await findChecks(store.db, [slowRow.id])).size, 0, 'no verdict, nothing kept');

    // The key was revoked after it was saved: 'invalid' is no verdict.
    fake.mode = 'answer';
    fake.validKeys.clear();
    const revoked = await post(server.baseUrl, CLEAN[1], { name: GUARANTEED_SPAM });
    assert.equal(revoked.status, 201, revoked.text);
    assert.equal(revoked.body.status, 'approved');
    assert.equal(fake.of('comment-check').length, 2);

    // Akismet unreachable (nothing listens there any more).
    await fake.stop();
    const down = await post(server.baseUrl, CLEAN[2], { name: GUARANTEED_SPAM });
    assert.equal(down.status, 201, down.text);
    assert.equal(down.body.status, 'approved');
    const published = await publicIds(server.baseUrl);
    for (const id of [slow.body.comment.id, revoked.body.comment.id, down.body.comment.id]) assert.ok(published.includes(id));
    await fake.start(); // withAkismet stops it again
  }, store);
});

forEachDatabase('a site without a key never calls Akismet', async (store) => {
  await seed(store, null);
  await withAkismet(async (fake, server) => {
    const posted = await post(server.baseUrl, CLEAN[0], { name: GUARANTEED_SPAM });
    assert.equal(posted.body.status, 'approved');
    await makeUser(store, 'mod@paper.example');
    const mod = await signIn(server.baseUrl, 'mod@paper.example');
    assert.equal((await mod.send('POST', `/comments/${posted.body.comment.id}/spam`, {})).status, 200);
    // A later site with a key does reach Akismet: had the first post or the action called it, it would be listed first.
    await updateSite(store.db, 'paper', { settings: { akismetKey: KEY } });
    await post(server.baseUrl, CLEAN[1]);
    assert.deepEqual(fake.calls.map((c) => c.method), ['comment-check']);
  }, store);
});

forEachDatabase('moderators teach Akismet: approving its spam sends submit-ham, marking its ham spam sends submit-spam, with the check\'s fields', async (store) => {
  await seed(store);
  await makeUser(store, 'mod@paper.example');
  await withAkismet(async (fake, server) => {
    const mod = await signIn(server.baseUrl, 'mod@paper.example');
    const spam = await post(server.baseUrl, CLEAN[0], { name: GUARANTEED_SPAM, website: 'https://reader.example' });
    assert.equal(spam.body.status, 'spam');
    const [check] = fake.of('comment-check');

    // Rejecting what Akismet called spam agrees with it: nothing is sent. Approving it then disagrees.
    assert.equal((await mod.send('POST', `/comments/${spam.body.comment.id}/reject`, {})).status, 200);
    const approved = await mod.send('POST', `/comments/${spam.body.comment.id}/approve`, {});
    assert.equal(approved.status, 200);
    assert.equal(approved.body.comment.status, 'approved');
    const ham = await fake.next('submit-ham');
    assert.deepEqual(ham.form, check.form, 'submit-ham repeats exactly what comment-check sent');
    assert.equal(ham.form.user_ip, '127.0.0.1');
    assert.equal(ham.form.comment_content, CLEAN[0]);

    // Akismet called this one ham; the moderator marks it spam (in a batch).
    const missed = await post(server.baseUrl, CLEAN[1]);
    assert.equal(missed.body.status, 'approved');
    const missedCheck = fake.of('comment-check')[1];
    const batch = await mod.send('POST', '/comments/batch', { ids: [missed.body.comment.id], action: 'spam' });
    assert.equal(batch.status, 200, batch.text);
    const submitted = await fake.next('submit-spam');
    assert.deepEqual(submitted.form, missedCheck.form);

    // The verdict on record follows the corrections, so the same correction is not sent twice.
    const checks = await findChecks(store.db, [spam.body.comment.id, missed.body.comment.id]);
    assert.equal(checks.get(spam.body.comment.id)?.verdict, 'ham');
    assert.equal(checks.get(missed.body.comment.id)?.verdict, 'spam');
    assert.deepEqual(fake.calls.map((c) => c.method), ['comment-check', 'submit-ham', 'comment-check', 'submit-spam']);

    // Akismet down: the moderator's action still succeeds.
    await fake.stop();
    const again = await mod.send('POST', `/comments/${missed.body.comment.id}/approve`, {});
    assert.equal(again.status, 200);
    assert.equal(again.body.comment.status, 'approved');
    await fake.start();
  }, store);
});

forEachDatabase('an edited comment is checked again (recheck_reason edit) and Akismet spam moves it to spam', async (store) => {
  await seed(store);
  await withAkismet(async (fake, server) => {
    const posted = await post(server.baseUrl, CLEAN[0]);
    assert.equal(posted.body.status, 'approved');
    const editedText = `${CLEAN[3]} ${SPAM_SIGN_OFF}`;
    const edited = await request(server.baseUrl, `/api/v1/comments/${posted.body.comment.id}`, {
      method: 'PATCH',
      body: { body: editedText },
      headers: { ...BROWSER, 'x-parley-author': posted.body.authorToken },
    });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.body.status, 'spam');
    const recheck = fake.of('comment-check')[1];
    assert.equal(recheck.form.recheck_reason, 'edit');
    assert.equal(recheck.form.comment_content, editedText);
    assert.equal(recheck.form.comment_date_gmt, fake.of('comment-check')[0].form.comment_date_gmt, 'the date is the posting date');
    const row = await storedComment(store, posted.body.comment.id);
    assert.equal(row.status, 'spam');
    assert.ok(row.moderation.reasons.some((r) => r.label === 'akismet'));
    assert.equal((await findChecks(store.db, [row.id])).get(row.id)?.verdict, 'spam');
  }, store);
});

forEachDatabase('settings: the key is checked for shape and by Akismet, and never shown whole (replies, listing, audit)', async (store) => {
  await makeUser(store, 'boss@paper.example', 'admin');
  await makeUser(store, 'mod@paper.example', 'moderator');
  await createSite(store.db, { id: 'paper', name: 'The Paper', settings: { allowedOrigins: [SITE_ORIGIN] } });
  await withAkismet(async (fake, server) => {
    const admin: AdminClient = await signIn(server.baseUrl, 'boss@paper.example');
    const mod = await signIn(server.baseUrl, 'mod@paper.example');
    assert.deepEqual((await admin.get('/sites/paper')).body.site.akismet, { keySet: false, keyLast4: null });

    for (const bad of ['short', 'has spaces in it', 'key-with-dashes', 'x'.repeat(65), 42]) {
      const res = await admin.send('PATCH', '/sites/paper', { akismetKey: bad });
      assert.equal(res.status, 400, String(bad));
      assert.match(res.body.errors.akismetKey, typeof bad === 'number' ? /must be text/ : /8 to 64 letters and digits/);
    }
    assert.equal(fake.calls.length, 0, 'a malformed key is refused before Akismet is asked');

    const refused = await admin.send('PATCH', '/sites/paper', { akismetKey: 'zzzz9999yyyy' });
    assert.equal(refused.status, 400);
    assert.match(refused.body.error, /Akismet says this key is not valid/);
    assert.deepEqual(fake.calls.map((c) => c.form), [{ api_key: 'zzzz9999yyyy', blog: `${SITE_ORIGIN}/` }]);
    assert.deepEqual((await admin.get('/sites/paper')).body.site.akismet, { keySet: false, keyLast4: null }, 'nothing saved');

    const saved = await admin.send('PATCH', '/sites/paper', { akismetKey: ` ${KEY} ` });
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(saved.body.site.akismet, { keySet: true, keyLast4: KEY.slice(-4) });
    assert.equal(saved.body.akismetNotice, undefined);
    for (const res of [saved, await admin.get('/sites/paper'), await mod.get('/sites'), await mod.get('/audit?site=paper')]) {
      assert.ok(!res.text.includes(KEY), 'the key is never sent back whole');
    }

    // Akismet unreachable: saved, and the reply says it could not be confirmed.
    await fake.stop();
    const unchecked = await admin.send('PATCH', '/sites/paper', { akismetKey: 'newKey0000abcd' });
    assert.equal(unchecked.status, 200);
    assert.match(unchecked.body.akismetNotice, /could not be reached/);
    assert.deepEqual(unchecked.body.site.akismet, { keySet: true, keyLast4: 'abcd' });
    await fake.start();

    const removed = await admin.send('PATCH', '/sites/paper', { akismetKey: null });
    assert.equal(removed.status, 200);
    assert.deepEqual(removed.body.site.akismet, { keySet: false, keyLast4: null });
    assert.equal((await mod.send('PATCH', '/sites/paper', { akismetKey: KEY })).status, 403);
  }, store);
});

const keptCheck = (commentId: string, checkedAt: string) => ({
  commentId, verdict: 'ham' as const, userIp: '203.0.113.7', userAgent: null, referrer: null, blog: `${SITE_ORIGIN}/`, checkedAt,
});
const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86400_000).toISOString();

forEachDatabase('kept checks older than 30 days are deleted by the sweep (privacy)', async (store) => {
  const now = new Date();
  const [old, recent] = [await insertComment(store), await insertComment(store)];
  // The first check stored sweeps too; later ones within the hour do not, so the sweep is called here.
  await recordCheck(store.db, keptCheck(recent, daysBefore(now, 29)), now);
  await recordCheck(store.db, keptCheck(old, daysBefore(now, 31)), now);
  assert.equal((await findChecks(store.db, [old, recent])).size, 2);
  assert.equal(await sweepOldChecks(store.db, now), 1);
  assert.deepEqual([...(await findChecks(store.db, [old, recent])).keys()], [recent]);
});

forEachDatabase('storing a new check sweeps away kept checks older than 30 days', async (store) => {
  await seed(store);
  const now = new Date();
  const [old, recent] = [await insertComment(store, { site: 'paper' }), await insertComment(store, { site: 'paper' })];
  // Written straight to the table: storing through recordCheck would already sweep.
  for (const [id, days] of [[old, 40], [recent, 2]] as const) {
    const c = keptCheck(id, daysBefore(now, days));
    await store.db
      .withTables<{ akismet_checks: AkismetChecksTable }>()
      .insertInto('akismet_checks')
      .values({ comment_id: c.commentId, verdict: c.verdict, user_ip: c.userIp, user_agent: c.userAgent, referrer: c.referrer, blog: c.blog, checked_at: c.checkedAt })
      .execute();
  }
  await withAkismet(async (_fake, server) => {
    const posted = await post(server.baseUrl, CLEAN[0]);
    assert.equal(posted.status, 201, posted.text);
    const kept = await findChecks(store.db, [old, recent, posted.body.comment.id]);
    assert.deepEqual([...kept.keys()].sort(), [recent, posted.body.comment.id].sort());
  }, store);
});

test('the client: verdicts, the timeout and unexpected answers never throw', async () => {
  const fake = await new FakeAkismet().start();
  const warnings: string[] = [];
  const client = createAkismetClient({ baseUrl: fake.url, timeoutMs: 300, log: { warn: (_o, msg) => warnings.push(msg) } });
  const fields = {
    blog: `${SITE_ORIGIN}/`, user_ip: '198.51.100.4', user_agent: 'UA', referrer: '', comment_type: 'comment' as const,
    comment_author: 'Reader', comment_author_email: 'r@mail.example', comment_content: 'Hello', comment_date_gmt: new Date().toISOString(), blog_charset: 'UTF-8' as const,
  };
  try {
    assert.equal(await client.checkComment(KEY, fields), 'ham');
    assert.equal(await client.checkComment(KEY, { ...fields, comment_author: GUARANTEED_SPAM }), 'spam');
    assert.equal(await client.checkComment(KEY, { ...fields, comment_author: GUARANTEED_SPAM, comment_content: 'BLATANT' }), 'discard');
    assert.equal(await client.checkComment('wrongkey0000', fields), 'unknown');
    assert.equal(await client.checkComment(KEY, { ...fields, user_ip: '' }), 'unknown', 'a "Missing required field" answer is no verdict');
    assert.equal(await client.submitSpam(KEY, fields), true);
    assert.equal(await client.submitHam('wrongkey0000', fields), false);
    assert.equal(await client.verifyKey(KEY, fields.blog), 'valid');
    assert.equal(await client.verifyKey('wrongkey0000', fields.blog), 'invalid');
    fake.mode = 'silent';
    assert.equal(await client.checkComment(KEY, fields), 'unknown');
    assert.equal(await client.verifyKey(KEY, fields.blog), 'unknown');
    assert.ok(warnings.some((w) => /did not answer within 300 ms/.test(w)), warnings.join('\n'));
    assert.ok(warnings.some((w) => /gave no verdict/.test(w)));
  } finally {
    await fake.stop();
  }
});

test('dashboard: the Akismet key field is masked, refused keys are explained beside it, and the card shows Akismet\'s reason', { timeout: 60_000 }, async () => {
  const fake = await new FakeAkismet().start();
  const previous = process.env.AKISMET_URL;
  process.env.AKISMET_URL = fake.url;
  const parley = await startParley();
  const browser = await launchBrowser();
  try {
    await seed(parley.store, null);
    await createModerator(parley.store, 'admin');
    const v = await newVisitor(browser);
    await signInDashboard(v.page, parley.baseUrl);
    await v.page.getByRole('link', { name: 'Site settings' }).click();
    const keyField = v.page.getByLabel('Akismet key');
    assert.equal(await keyField.getAttribute('type'), 'password');
    await v.page.getByText('No key: comments are checked by Parley only.').waitFor();

    await keyField.fill('not a key');
    await v.page.getByRole('button', { name: 'Save' }).click();
    await v.page.locator('#e-akismetKey').waitFor();
    assert.match((await v.page.locator('#e-akismetKey').textContent()) ?? '', /8 to 64 letters and digits/);
    assert.equal(await keyField.getAttribute('aria-invalid'), 'true');

    await keyField.fill('zzzz9999yyyy');
    await v.page.getByRole('button', { name: 'Save' }).click();
    await v.page.locator('#e-akismetKey', { hasText: 'Akismet says this key is not valid' }).waitFor();

    await keyField.fill(KEY);
    await v.page.getByRole('button', { name: 'Save' }).click();
    await v.page.getByText(`A key ending in …${KEY.slice(-4)} is set.`).waitFor();
    assert.equal(await keyField.inputValue(), '', 'the field is emptied after saving');
    assert.ok(!(await v.page.content()).includes(KEY), 'the page never holds the whole key');

    // A comment Akismet calls spam: its card in the Spam queue says so.
    const posted = await post(parley.baseUrl, CLEAN[0], { name: GUARANTEED_SPAM });
    assert.equal(posted.body.status, 'spam');
    await v.page.goto(`${parley.baseUrl}/admin`);
    await v.page.getByRole('navigation', { name: 'Queues' }).getByRole('button', { name: /^Spam/ }).click();
    const card = v.page.locator(`article.card[data-id="${posted.body.comment.id}"]`);
    await card.getByText('Akismet says this is spam.').waitFor();

    await v.page.getByRole('link', { name: 'Site settings' }).click();
    await v.page.getByRole('button', { name: 'Remove the key' }).click();
    await v.page.getByText('No key: comments are checked by Parley only.').waitFor();
    assert.deepEqual(v.consoleErrors, []);
    await v.context.close();
  } finally {
    await browser.close();
    await parley.close();
    await fake.stop();
    if (previous === undefined) delete process.env.AKISMET_URL;
    else process.env.AKISMET_URL = previous;
  }
});
