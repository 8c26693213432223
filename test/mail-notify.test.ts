// E-mail notifications end to end, on SQLite and PostgreSQL: a real SMTP server (smtp-server) receives
// what Parley sends through SMTP_URL, parsed with mailparser. The mail code's clock is moved forward
// instead of waiting (digest window, retry back-off); the loop is woken, never slept on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createServer } from 'node:net';
import { startInbox, recipients, type Inbox } from './helpers/mail.js';
import { forEachDatabase, freshDatabase, postgresOrSkip } from './helpers/databases.js';
import { request, startTestServer } from './helpers/server.js';
import { makeUser, signIn, type AdminClient } from './helpers/admin.js';
import { loadConfig } from '../src/config/index.js';
import { openEventBus } from '../src/events/index.js';
import { createLogger, listen, type RunningServer } from '../src/server.js';
import type { Store } from '../src/store/db.js';
import { MailService, mailSettingsFromEnv, DIGEST_WINDOW_MS, MAX_ATTEMPTS, RETRY_DELAYS_MS } from '../src/mail/index.js';
import { claimDueMail, enqueueMail } from '../src/mail/outbox.js';
import { excerpt, moderatorDigest } from '../src/mail/templates.js';

const PUBLIC_URL = 'https://comments.example.com';
const STORY_URL = 'https://news.example.com/2024/budget';

/** A port nothing listens on (taken and given back), for an SMTP server that is down. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** The mail code's time: starts now, moves only when a test moves it. */
function testClock() {
  let now = Date.now();
  return {
    read: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

interface Parley {
  baseUrl: string;
  mail: MailService;
  close(): Promise<void>;
}

/** Parley on a free port with mail configured the way an operator does it: SMTP_URL and MAIL_FROM. */
async function startParley(store: Store, smtpPort: number, clock: () => Date): Promise<Parley> {
  const settings = mailSettingsFromEnv({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: 'Daily News <comments@news.example.com>' }, PUBLIC_URL);
  assert.ok(settings);
  const log = createLogger(process.env.LOG_LEVEL ?? 'silent');
  // Polls once an hour: in these tests the loop runs when woken (a post) or asked (runOnce).
  const mail = new MailService({ db: store.db, dialect: store.dialect, settings, log, clock, pollMs: 3_600_000 });
  const events = await openEventBus(store, log);
  const running: RunningServer = await listen({ store, config: loadConfig({ host: '127.0.0.1', port: 0 }, {}), events, log, mail });
  return {
    baseUrl: running.url,
    mail,
    // The store belongs to the database helper, which closes it; closing the app stops the mail loop.
    async close() {
      await running.app.close();
      await events.close();
    },
  };
}

/** A local inbox, a test clock and Parley with mail on, for one test; all closed afterwards. */
async function withMailingParley(store: Store, body: (t: { inbox: Inbox; clock: ReturnType<typeof testClock>; parley: Awaited<ReturnType<typeof startParley>> }) => Promise<void>): Promise<void> {
  const inbox = await startInbox();
  const clock = testClock();
  const parley = await startParley(store, inbox.port, clock.read);
  try {
    await body({ inbox, clock, parley });
  } finally {
    await parley.close();
    await inbox.close();
  }
}

async function setUpSite(baseUrl: string, store: Store, settings: Record<string, unknown>): Promise<AdminClient> {
  await makeUser(store, 'admin@news.example.com', 'admin');
  const admin = await signIn(baseUrl, 'admin@news.example.com');
  const site = await admin.send('POST', '/sites', { id: 'news', name: 'Daily <News>', mode: 'premod', ...settings });
  assert.equal(site.status, 201, site.text);
  const story = await admin.send('POST', '/sites/news/stories', { id: 'budget', title: 'Budget & "cuts"', url: STORY_URL });
  assert.equal(story.status, 201, story.text);
  return admin;
}

async function post(baseUrl: string, fields: Record<string, unknown>) {
  return request(baseUrl, '/api/v1/comments', { body: { site: 'news', story: 'budget', ...fields } });
}

async function outbox(store: Store) {
  return store.db.selectFrom('mail_outbox').selectAll().orderBy('created_at').execute();
}

forEachDatabase('held comments: one digest per moderator address, escaped, then quiet for 10 minutes, then the next', async (store) => {
  await withMailingParley(store, async ({ inbox, clock, parley }) => {
    const admin = await setUpSite(parley.baseUrl, store, { wordLists: { suspect: ['budgetgate'] } });

    const bad = await admin.send('PATCH', '/sites/news', { notifyEmails: ['desk@news.example.com', 'not an address'] });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error, 'Each address to notify must be an e-mail address, e.g. "desk@news.example.com".');
    const notList = await admin.send('PATCH', '/sites/news', { notifyEmails: 'desk@news.example.com' });
    assert.equal(notList.status, 400);
    assert.match(notList.body.error, /must be a list/);
    const saved = await admin.send('PATCH', '/sites/news', { notifyEmails: [' Desk@News.example.com ', 'editor@news.example.com'] });
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(saved.body.site.notifyEmails, ['desk@news.example.com', 'editor@news.example.com']);

    const first = await post(parley.baseUrl, {
      name: 'Mallory "M" & Co',
      email: 'mallory@example.org',
      body: 'Is this budgetgate? <script>alert("x")</script> & more',
    });
    assert.equal(first.status, 201, first.text);
    assert.equal(first.body.status, 'pending');
    await parley.mail.runOnce();

    assert.equal(inbox.messages.length, 2);
    for (const address of ['desk@news.example.com', 'editor@news.example.com']) {
      const [digest] = inbox.to(address);
      assert.ok(digest, `a digest for ${address}`);
      assert.equal(digest.subject, 'Daily <News>: 1 comment waiting for review');
      assert.equal(recipients(digest).length, 1);
      const html = String(digest.html);
      assert.ok(html.includes('Is this budgetgate? &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more'), html);
      assert.ok(!html.includes('<script>') && !html.includes('"M"'), html);
      assert.ok(html.includes('Mallory &quot;M&quot; &amp; Co'));
      assert.ok(html.includes('Budget &amp; &quot;cuts&quot;'));
      assert.ok(html.includes('Daily &lt;News&gt;'));
      assert.ok(html.includes('suspect_word'), 'the reasons it was held for');
      assert.ok(html.includes(`href="${PUBLIC_URL}/admin"`));
      assert.match(digest.text ?? '', /1 comment is waiting for review on Daily <News>\./);
      assert.match(digest.text ?? '', /Mallory "M" & Co on "Budget & "cuts"":\n {2}Is this budgetgate\? <script>alert\("x"\)<\/script> & more/);
      assert.match(digest.text ?? '', new RegExp(`Review them: ${PUBLIC_URL}/admin`));
    }

    // A second held comment inside the window: no second message to anyone.
    const second = await post(parley.baseUrl, { name: 'Trent', email: 'trent@example.org', body: 'A second thought on budgetgate and the cuts to schools.' });
    assert.equal(second.body.status, 'pending');
    clock.advance(DIGEST_WINDOW_MS - 1000);
    await parley.mail.runOnce();
    assert.equal(inbox.messages.length, 2);
    assert.equal((await outbox(store)).length, 2);

    // The window has passed: the next digest lists only what was held since the last one.
    clock.advance(1000);
    await parley.mail.runOnce();
    assert.equal(inbox.messages.length, 4);
    const [, next] = inbox.to('desk@news.example.com');
    assert.equal(next.subject, 'Daily <News>: 1 comment waiting for review');
    assert.ok(String(next.html).includes('A second thought on budgetgate'));
    assert.ok(!String(next.html).includes('alert'));
    const rows = await outbox(store);
    assert.equal(rows.length, 4);
    assert.ok(rows.every((r) => r.sent_at !== null && Number(r.attempts) === 1 && r.next_attempt_at === null), JSON.stringify(rows));
  });
});

forEachDatabase('reply notices: approved replies mail the subscribed author once; never their own; unsubscribe link works', async (store) => {
  await withMailingParley(store, async ({ inbox, parley }) => {
    const admin = await setUpSite(parley.baseUrl, store, {});
    const approve = async (id: string) => assert.equal((await admin.send('POST', `/comments/${id}/approve`, {})).status, 200);

    const noEmail = await post(parley.baseUrl, { name: 'Alice', body: 'Tell me about replies.', notifyReplies: true });
    assert.equal(noEmail.status, 400);
    assert.equal(noEmail.body.error, 'Give your email address to be told about replies.');
    const notBoolean = await post(parley.baseUrl, { name: 'Alice', email: 'alice@example.org', body: 'Tell me.', notifyReplies: 'yes' });
    assert.equal(notBoolean.status, 400);
    assert.equal(notBoolean.body.error, 'notifyReplies must be true or false.');

    const parent = await post(parley.baseUrl, {
      name: 'Alice',
      email: 'Alice@Example.org',
      body: 'Schools lose the most in this budget, and nobody explains why.',
      notifyReplies: true,
    });
    assert.equal(parent.status, 201, parent.text);
    assert.equal(parent.body.notifyReplies, true);
    const parentId: string = parent.body.comment.id;
    const aliceToken: string = parent.body.authorToken;
    await approve(parentId);

    const reply = await post(parley.baseUrl, { name: 'Bob "the builder" & Sons', email: 'bob@example.org', parent: parentId, body: 'The <b>council</b> explained it in March & April.' });
    assert.equal(reply.body.status, 'pending');
    const replyId: string = reply.body.comment.id;
    await parley.mail.runOnce();
    assert.equal(inbox.messages.length, 0, 'nothing while the reply is held');

    await approve(replyId);
    await parley.mail.runOnce();
    assert.equal(inbox.messages.length, 1);
    const [notice] = inbox.to('alice@example.org');
    assert.ok(notice, 'the mail goes to the parent author');
    assert.equal(notice.subject, 'Bob "the builder" & Sons replied to your comment on “Budget & "cuts"”');
    const html = String(notice.html);
    assert.ok(html.includes('Bob &quot;the builder&quot; &amp; Sons replied'), html);
    assert.ok(html.includes('The &lt;b&gt;council&lt;/b&gt; explained it in March &amp; April.'));
    assert.ok(!html.includes('<b>council'));
    assert.ok(html.includes(`href="${STORY_URL}#comment-${replyId}"`));
    assert.match(notice.text ?? '', new RegExp(`Read the conversation: ${STORY_URL}#comment-${replyId}`));
    const unsubscribeLink = /Stop these messages: (\S+)/.exec(notice.text ?? '')?.[1] ?? '';
    assert.match(unsubscribeLink, new RegExp(`^${PUBLIC_URL}/api/v1/unsubscribe\\?token=[A-Za-z0-9_-]{43}$`));
    assert.ok(html.includes(`href="${unsubscribeLink}"`));
    const listUnsubscribe = notice.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
    assert.ok(listUnsubscribe.includes(unsubscribeLink), listUnsubscribe);

    // Rejected and approved again: still one mail for that reply.
    assert.equal((await admin.send('POST', `/comments/${replyId}/reject`, {})).status, 200);
    await approve(replyId);
    // Alice answering under her own comment tells her nothing.
    const own = await post(parley.baseUrl, { name: 'Alice', email: 'alice@example.org', parent: parentId, body: 'Thanks Bob, I had missed that.' });
    await approve(own.body.comment.id);
    await parley.mail.runOnce();
    assert.equal(inbox.messages.length, 1);

    // Approved at post time (auto mode) counts too.
    assert.equal((await admin.send('PATCH', '/sites/news', { mode: 'auto' })).status, 200);
    const instant = await post(parley.baseUrl, { name: 'Dana', email: 'dana@example.org', parent: parentId, body: 'The school budget table is on page twelve of the report.' });
    assert.equal(instant.body.status, 'approved', instant.text);
    await parley.mail.runOnce();
    assert.equal(inbox.to('alice@example.org').length, 2);
    assert.ok(String(inbox.to('alice@example.org')[1].html).includes('page twelve'));
    assert.ok(inbox.messages.every((m) => !recipients(m).includes('bob@example.org') && !recipients(m).includes('dana@example.org')));

    // No public read carries an address.
    const thread = await request(parley.baseUrl, '/api/v1/comments?site=news&story=budget', { headers: { 'x-parley-author': aliceToken } });
    assert.equal(thread.status, 200);
    assert.ok(thread.text.includes(replyId));
    assert.ok(!/@example\.org/i.test(thread.text) && !thread.text.includes('"email"'), thread.text);
    const replies = await request(parley.baseUrl, `/api/v1/comments/${parentId}/replies`);
    assert.ok(!/@example\.org/i.test(replies.text));
    assert.ok(!/@example\.org/i.test(reply.text) && !/@example\.org/i.test(parent.text), 'nor the post replies');

    // The link, followed over HTTP (its origin is PUBLIC_URL; this server listens elsewhere). Opening it
    // (a person, or a mail scanner) only asks; the page's button, or a mail client's one-click POST
    // (RFC 8058, announced by List-Unsubscribe-Post), unsubscribes.
    assert.equal(notice.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line, 'List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const { pathname, search } = new URL(unsubscribeLink);
    const opened = await fetch(parley.baseUrl + pathname + search);
    assert.equal(opened.status, 200);
    assert.match(opened.headers.get('content-type') ?? '', /^text\/html/);
    const ask = await opened.text();
    assert.match(ask, /<h1>Stop e-mails about replies\?<\/h1>/);
    assert.ok(ask.includes(`<form method="post" action="${pathname}${search}">`), ask);
    assert.match((await (await fetch(parley.baseUrl + pathname + search)).text()), /Stop e-mails about replies\?/, 'opening it twice still only asks');
    const done = await fetch(parley.baseUrl + pathname + search, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
    });
    assert.equal(done.status, 200);
    assert.match(await done.text(), /<h1>Unsubscribed<\/h1>/);
    const again = await fetch(parley.baseUrl + pathname + search);
    assert.match(await again.text(), /Already unsubscribed/);
    const unknownPost = await fetch(`${parley.baseUrl}/api/v1/unsubscribe?token=${'B'.repeat(43)}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    assert.equal(unknownPost.status, 404);
    const unknown = await fetch(`${parley.baseUrl}/api/v1/unsubscribe?token=${'A'.repeat(43)}`);
    assert.equal(unknown.status, 404);
    assert.match(await unknown.text(), /This unsubscribe link is not known here/);
    assert.equal((await fetch(`${parley.baseUrl}/api/v1/unsubscribe`)).status, 404);

    const after = await post(parley.baseUrl, { name: 'Carol', email: 'carol@example.org', parent: parentId, body: 'The council minutes from March are online as well.' });
    assert.equal(after.body.status, 'approved', after.text);
    await parley.mail.runOnce();
    assert.equal(inbox.to('alice@example.org').length, 2, 'nothing after unsubscribing');
  });
});

forEachDatabase('reply notices: a held reply its author edits into a published one mails the subscribed author once', async (store) => {
  await withMailingParley(store, async ({ inbox, parley }) => {
    await setUpSite(parley.baseUrl, store, { mode: 'auto' });
    const parent = await post(parley.baseUrl, { name: 'Alice', email: 'alice@example.org', body: 'The library should open on Sundays during exams.', notifyReplies: true });
    assert.equal(parent.body.status, 'approved', parent.text);
    const held = await post(parley.baseUrl, {
      name: 'Bob', email: 'bob@example.org', parent: parent.body.comment.id, acknowledgeNudge: true,
      body: 'What a dumb idea, typical of people like you.',
    });
    assert.equal(held.status, 201, held.text);
    assert.equal(held.body.status, 'pending');
    await parley.mail.runOnce();
    assert.equal(inbox.to('alice@example.org').length, 0, 'nothing while the reply is held');

    const edited = await request(parley.baseUrl, `/api/v1/comments/${held.body.comment.id}`, {
      method: 'PATCH', headers: { 'x-parley-author': held.body.authorToken },
      body: { body: 'I disagree: the library budget is better spent on longer weekday hours.' },
    });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.body.status, 'approved');
    await parley.mail.runOnce();
    const notices = inbox.to('alice@example.org');
    assert.equal(notices.length, 1);
    assert.match(notices[0].text ?? '', /longer weekday hours/);
  });
});

forEachDatabase('a stored comment keeps its 201 when the mail side fails afterwards', async (store) => {
  await withMailingParley(store, async ({ parley }) => {
    await setUpSite(parley.baseUrl, store, {});
    // The subscription cannot be written (its table is gone); the comment itself was already committed.
    await sql`drop table reply_subscriptions`.execute(store.db);
    const posted = await post(parley.baseUrl, { name: 'Alice', email: 'alice@example.org', body: 'Will the budget papers be published?', notifyReplies: true });
    assert.equal(posted.status, 201, posted.text);
    assert.equal(posted.body.notifyReplies, false, 'the reader is not told she will hear about replies');
    const stored = await store.db.selectFrom('comments').select(['id', 'status']).where('id', '=', posted.body.comment.id).executeTakeFirst();
    assert.deepEqual(stored, { id: posted.body.comment.id, status: 'pending' });
  });
});

forEachDatabase('SMTP server down: the digest stays queued with attempts and the error, and the loop delivers it when it is back', async (store) => {
  const port = await closedPort();
  const clock = testClock();
  const parley = await startParley(store, port, clock.read);
  let inbox: Inbox | undefined;
  try {
    const admin = await setUpSite(parley.baseUrl, store, {});
    assert.equal((await admin.send('PATCH', '/sites/news', { notifyEmails: ['desk@news.example.com'] })).status, 200);
    const held = await post(parley.baseUrl, { name: 'Eve', email: 'eve@example.org', body: 'Held while the mail server is away.' });
    assert.equal(held.body.status, 'pending');
    await parley.mail.runOnce();
    await parley.mail.runOnce(); // the retry is not due yet: nothing more happens

    const [queued] = await outbox(store);
    assert.equal(queued.to_address, 'desk@news.example.com');
    assert.equal(queued.sent_at, null);
    assert.equal(Number(queued.attempts), 1);
    assert.match(queued.last_error ?? '', /ECONNREFUSED/);
    assert.equal(queued.next_attempt_at, new Date(Date.parse(queued.created_at) + RETRY_DELAYS_MS[0]).toISOString());

    inbox = await startInbox(port);
    clock.advance(RETRY_DELAYS_MS[0]);
    parley.mail.wake();
    await inbox.received(1);
    assert.equal(inbox.messages[0].subject, 'Daily <News>: 1 comment waiting for review');
    assert.ok(String(inbox.messages[0].html).includes('Held while the mail server is away.'));
    await parley.mail.runOnce(); // the loop's tick that sent it has finished
    const [sent] = await outbox(store);
    assert.ok(sent.sent_at);
    assert.equal(Number(sent.attempts), 2);
    assert.equal(sent.next_attempt_at, null);
  } finally {
    await parley.close();
    await inbox?.close();
  }
});

forEachDatabase('retry back-off: 1, 5, 30, 120 minutes, then given up with the last error kept', async (store) => {
  const clock = testClock();
  const parley = await startParley(store, await closedPort(), clock.read);
  try {
    const id = await enqueueMail(store.db, { to: 'desk@news.example.com', subject: 'Test', text: 'Test', html: '<p>Test</p>' }, clock.read());
    const read = () => store.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    for (const [i, delay] of RETRY_DELAYS_MS.entries()) {
      await parley.mail.runOnce();
      const row = await read();
      assert.equal(Number(row.attempts), i + 1);
      assert.equal(row.next_attempt_at, new Date(clock.read().getTime() + delay).toISOString());
      clock.advance(delay);
    }
    await parley.mail.runOnce();
    const given = await read();
    assert.equal(Number(given.attempts), MAX_ATTEMPTS);
    assert.equal(given.next_attempt_at, null);
    assert.equal(given.sent_at, null);
    assert.match(given.last_error ?? '', /ECONNREFUSED/);
    clock.advance(24 * 60 * 60_000);
    await parley.mail.runOnce();
    assert.equal(Number((await read()).attempts), MAX_ATTEMPTS, 'a given-up row is not tried again');
  } finally {
    await parley.close();
  }
});

forEachDatabase('mail off (no SMTP_URL): nothing is queued and posting still works', async (store) => {
  const server = await startTestServer(store);
  try {
    const admin = await setUpSite(server.baseUrl, store, { notifyEmails: ['desk@news.example.com'] });
    assert.equal((await admin.get('/sites/news')).body.site.notifyEmails[0], 'desk@news.example.com');
    const posted = await post(server.baseUrl, { name: 'Frank', email: 'frank@example.org', body: 'No mail server here.', notifyReplies: true });
    assert.equal(posted.status, 201, posted.text);
    assert.equal(posted.body.notifyReplies, false);
    assert.equal((await outbox(store)).length, 0);
    assert.equal((await store.db.selectFrom('reply_subscriptions').selectAll().execute()).length, 0);
    const doc = (await request(server.baseUrl, '/api/v1/openapi.json')).body;
    assert.equal(doc.components.schemas.PostCommentBody.properties.notifyReplies.type, 'boolean');
    assert.ok(doc.paths['/api/v1/unsubscribe'].get);
  } finally {
    await server.close();
  }
});

test('several senders on one PostgreSQL claim different rows', async (t) => {
  if (!(await postgresOrSkip(t))) return;
  const database = await freshDatabase('postgres');
  const [one, two] = [await database.open(), await database.open()];
  try {
    const now = new Date();
    for (let i = 0; i < 40; i++) await enqueueMail(one.db, { to: `m${i}@example.org`, subject: 's', text: 't', html: 'h' }, now);
    const claims = await Promise.all([0, 1, 2, 3].map((i) => claimDueMail(i % 2 ? two.db : one.db, 'postgres', now, 15)));
    const ids = claims.flat().map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'no row claimed twice');
    assert.equal(ids.length, 40);
    assert.equal((await claimDueMail(one.db, 'postgres', now)).length, 0, 'claimed rows are left alone');
  } finally {
    await one.close();
    await two.close();
    await database.drop();
  }
});

test('mail settings: off without SMTP_URL, clear errors for bad values', () => {
  assert.equal(mailSettingsFromEnv({}, PUBLIC_URL), null);
  assert.equal(mailSettingsFromEnv({ SMTP_URL: ' ' }, PUBLIC_URL), null);
  assert.deepEqual(mailSettingsFromEnv({ SMTP_URL: 'smtps://u:p@mail.example.com:465', MAIL_FROM: 'News <n@example.com>' }, `${PUBLIC_URL}/`), {
    smtpUrl: 'smtps://u:p@mail.example.com:465',
    from: 'News <n@example.com>',
    publicUrl: PUBLIC_URL,
  });
  assert.throws(() => mailSettingsFromEnv({ SMTP_URL: 'mail.example.com', MAIL_FROM: 'n@example.com' }, PUBLIC_URL), /SMTP_URL is not a URL/);
  assert.throws(() => mailSettingsFromEnv({ SMTP_URL: 'http://mail.example.com', MAIL_FROM: 'n@example.com' }, PUBLIC_URL), /smtp:\/\/ or smtps:\/\//);
  assert.throws(() => mailSettingsFromEnv({ SMTP_URL: 'smtp://mail.example.com' }, PUBLIC_URL), /MAIL_FROM must be/);
  assert.throws(() => mailSettingsFromEnv({ SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'n@example.com' }, 'comments.example.com'), /PUBLIC_URL must start/);
});

test('digest template: counts what it does not list, cuts long comments at a word, no raw markup', () => {
  const long = `${'word '.repeat(60)}<img src=x onerror=alert(1)>`;
  const message = moderatorDigest({
    to: 'desk@example.com',
    siteName: 'News\r\nBcc: victim@example.com',
    total: 7,
    listed: [{ authorName: 'A', storyTitle: 'T', body: long, reasons: ['toxicity', 'links'] }],
    adminUrl: `${PUBLIC_URL}/admin`,
  });
  assert.equal(message.subject, 'News Bcc: victim@example.com: 7 comments waiting for review');
  assert.match(message.text, /…and 6 more\./);
  assert.match(message.text, /Held for: toxicity, links/);
  assert.ok(!message.html.includes('<img'));
  assert.equal(excerpt(long), `${'word '.repeat(40).trim()}…`);
  assert.equal(excerpt('short\n\n  text'), 'short text');
});
