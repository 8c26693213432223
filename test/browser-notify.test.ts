// Reply e-mails from the reader's side, in Chromium: the "Notify me of replies by email" box appears
// only where the server sends mail, a ticked box is a subscription the server keeps (and the reply
// e-mail it leads to arrives at a local SMTP server), the choice is remembered, and the e-mail's
// link (#comment-<id>) scrolls the embed to the reply and highlights it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startInbox } from './helpers/mail.js';
import { embedOf, launchBrowser, newVisitor, seedStory, startParley, type Parley } from './helpers/browser.js';
import { freshDatabase, type FreshDatabase } from './helpers/databases.js';
import { request } from './helpers/server.js';
import { loadConfig } from '../src/config/index.js';
import { openEventBus } from '../src/events/index.js';
import { createLogger, listen } from '../src/server.js';
import { MailService, mailSettingsFromEnv } from '../src/mail/index.js';
import { createSite } from '../src/sites/index.js';
import { createStory } from '../src/stories/index.js';
import type { Store } from '../src/store/db.js';

const CHECKBOX = 'Notify me of replies by email';
const CONFIRMATION = "We'll email you when someone replies.";

/** A local SMTP server keeping what it is given, as parsed messages. */

interface MailingParley {
  baseUrl: string;
  store: Store;
  mail: MailService;
  close(): Promise<void>;
}

/** Parley with SMTP_URL and MAIL_FROM set, on a fresh SQLite database. */
async function startMailingParley(smtpPort: number): Promise<MailingParley & { database: FreshDatabase }> {
  const database = await freshDatabase('sqlite');
  const store = await database.open();
  const settings = mailSettingsFromEnv({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: 'The Courier <comments@courier.example>' }, 'http://127.0.0.1');
  assert.ok(settings);
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  // Polls once an hour: the test sends with runOnce, so nothing depends on timing.
  const mail = new MailService({ db: store.db, dialect: store.dialect, settings, log, pollMs: 3_600_000 });
  const events = await openEventBus(store, log);
  const running = await listen({ store, config: loadConfig({ host: '127.0.0.1', port: 0, dataDir: database.dataDir }, {}), events, log, mail });
  return {
    baseUrl: running.url,
    store,
    mail,
    database,
    async close() {
      await running.app.close();
      await events.close();
      await store.close();
      await database.drop();
    },
  };
}

let browser: Browser;
let inbox: Awaited<ReturnType<typeof startInbox>>;
let mailing: MailingParley;
let plain: Parley;

before(async () => {
  inbox = await startInbox();
  mailing = await startMailingParley(inbox.port);
  // Post-moderation: comments are public at once, so a reply is mailed without a moderator's step.
  await createSite(mailing.store.db, { id: 'courier', name: 'The Riverside Courier', settings: { mode: 'postmod' } });
  await createStory(mailing.store.db, 'courier', {
    id: 'bridge',
    title: 'Old bridge to close for repairs',
    // Where the reply e-mail's link leads: the demo page showing this story.
    url: `${mailing.baseUrl}/demo?site=courier&story=bridge`,
  });
  plain = await startParley();
  await seedStory(plain.store, { site: 'courier', story: 'bridge', title: 'Old bridge to close for repairs', settings: { mode: 'postmod' } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await mailing?.close();
  await plain?.close();
  await inbox?.close();
});

const embed = embedOf;

async function postByApi(baseUrl: string, fields: Record<string, unknown>): Promise<string> {
  const posted = await request(baseUrl, '/api/v1/comments', { body: { site: 'courier', story: 'bridge', ...fields } });
  assert.equal(posted.status, 201, posted.text);
  assert.equal(posted.body.status, 'approved');
  return posted.body.comment.id as string;
}

/** Where a comment is drawn relative to the viewport: wholly in view, or above, below or across its edge. */
async function placeInViewport(page: Page, commentId: string): Promise<'above' | 'in view' | 'below' | 'partly'> {
  return embed(page)
    .locator(`[data-comment-id="${commentId}"]`)
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      if (r.bottom <= 0) return 'above';
      if (r.top >= innerHeight) return 'below';
      return r.top > -1 && r.bottom < innerHeight + 1 ? 'in view' : 'partly';
    });
}

/** Whether the comments' heading is wholly in view. */
function headingInView(page: Page): Promise<boolean> {
  return embed(page)
    .locator('#parley-heading')
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      // Scrolled to the top edge, it may sit a fraction of a pixel above it.
      return r.top > -1 && r.bottom <= innerHeight;
    });
}

test('with mail on: the box is offered, a ticked box subscribes and is remembered, and the reply e-mail links to the reply', { timeout: 90_000 }, async () => {
  const thread = await request(mailing.baseUrl, '/api/v1/comments?site=courier&story=bridge');
  assert.equal(thread.body.site.replyNotifications, true);
  // Enough comments before the reader's for the thread to run well below the first screen.
  for (let i = 1; i <= 14; i++) {
    await postByApi(mailing.baseUrl, { name: `Neighbour ${i}`, email: `n${i}@courier.example`, body: `Comment number ${i} on the bridge works.\n\nIt has a second paragraph.` });
  }

  const v = await newVisitor(browser);
  try {
    await v.page.goto(`${mailing.baseUrl}/demo?site=courier&story=bridge`);
    const form = embed(v.page).locator('form.form');
    const box = form.getByLabel(CHECKBOX);
    await box.waitFor();
    assert.equal(await box.isChecked(), false, 'unticked until the reader asks');
    await form.getByLabel('Comment').fill('Will the ferry run while the bridge is closed?');
    await form.getByLabel('Name').fill('Ines');
    await form.locator('#parley-email').fill('ines@courier.example');
    await box.check();
    const sent = v.page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/comments'));
    await form.getByRole('button', { name: 'Post Comment' }).click();
    assert.equal((await sent).postDataJSON().notifyReplies, true);

    const own = embed(v.page).locator('article.comment.is-own');
    await own.getByText(CONFIRMATION).waitFor();
    const ownId = await own.getAttribute('data-comment-id');
    assert.ok(ownId);
    const subscription = await mailing.store.db.selectFrom('reply_subscriptions').selectAll().where('comment_id', '=', ownId).executeTakeFirst();
    assert.equal(subscription?.email, 'ines@courier.example');
    assert.equal(subscription?.unsubscribed_at, null);

    // The choice is remembered in this browser, like the name and address.
    await v.page.reload();
    await box.waitFor();
    assert.equal(await box.isChecked(), true);
    assert.equal(await form.getByLabel('Name').inputValue(), 'Ines');
    // Only a comment posted here, and confirmed by the server, carries the note.
    assert.equal(await embed(v.page).getByText(CONFIRMATION).count(), 0);

    // Someone replies; the mail loop sends Ines the notice.
    const replyId = await postByApi(mailing.baseUrl, { name: 'Ferry Captain', email: 'captain@courier.example', parent: ownId, body: 'Yes, every half hour from the quay.' });
    await mailing.mail.runOnce();
    await inbox.received(1);
    assert.equal(inbox.messages.length, 1);
    const notice = inbox.messages[0];
    assert.deepEqual(
      (Array.isArray(notice.to) ? notice.to : [notice.to]).flatMap((a) => a?.value.map((x) => x.address)),
      ['ines@courier.example'],
    );
    const link = /Read the conversation: (\S+)/.exec(notice.text ?? '')?.[1] ?? '';
    assert.equal(link, `${mailing.baseUrl}/demo?site=courier&story=bridge#comment-${replyId}`);

    // Opened without the fragment, the page starts at the top and the reply is out of sight...
    await v.page.goto(`${mailing.baseUrl}/demo?site=courier&story=bridge`);
    await embed(v.page).locator(`[data-comment-id="${replyId}"]`).waitFor();
    assert.equal(await placeInViewport(v.page, replyId), 'below');
    assert.equal(await embed(v.page).locator('.is-linked').count(), 0);

    // ...opened from the e-mail (a fresh load, not a jump within the page), the embed brings the reply
    // into view and marks it.
    await v.page.goto('about:blank');
    await v.page.goto(link);
    const reply = embed(v.page).locator(`#comment-${replyId}`);
    await embed(v.page).locator(`#comment-${replyId}.is-linked`).waitFor();
    assert.equal(await reply.getAttribute('data-comment-id'), replyId);
    assert.equal(await placeInViewport(v.page, replyId), 'in view');

    // A link within the page (hashchange) moves to that comment, and the highlight with it.
    const firstId = (await embed(v.page).locator('.thread > li > article').first().getAttribute('data-comment-id'))!;
    await v.page.evaluate((id) => (location.hash = `#comment-${id}`), firstId);
    await embed(v.page).locator(`#comment-${firstId}.is-linked`).waitFor();
    assert.equal(await placeInViewport(v.page, firstId), 'in view');
    assert.equal(await reply.evaluate((el) => el.classList.contains('is-linked')), false);
    assert.equal(await placeInViewport(v.page, replyId), 'below');

    // An id that matches no comment: the "no longer available" panel opens just below the heading, so the heading comes into view.
    await v.page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    assert.equal(await headingInView(v.page), false);
    await v.page.evaluate(() => (location.hash = '#comment-not-on-this-page'));
    await v.page.waitForFunction(() => {
      const r = document.querySelector('parley-comments')?.shadowRoot?.querySelector('#parley-heading')?.getBoundingClientRect();
      return !!r && r.top > -1 && r.bottom <= innerHeight;
    });
    assert.equal(await headingInView(v.page), true);
    assert.deepEqual(v.consoleErrors, []);
  } finally {
    await v.context.close();
  }
});

test('with mail off: no box, and a remembered choice sends nothing and subscribes no one', async () => {
  const thread = await request(plain.baseUrl, '/api/v1/comments?site=courier&story=bridge');
  assert.equal(thread.body.site.replyNotifications, false);
  const v = await newVisitor(browser);
  try {
    // This browser ticked the box on a site that had mail on.
    await v.context.addInitScript(() =>
      localStorage.setItem('parley:profile', JSON.stringify({ name: 'Ines', email: 'ines@courier.example', website: '', notifyReplies: true })),
    );
    await v.page.goto(`${plain.baseUrl}/demo?site=courier&story=bridge`);
    const form = embed(v.page).locator('form.form');
    await form.locator('#parley-email').waitFor();
    assert.equal(await form.locator('#parley-email').inputValue(), 'ines@courier.example');
    assert.equal(await embed(v.page).getByLabel(CHECKBOX).count(), 0);
    assert.equal(await embed(v.page).locator('input[type="checkbox"]').count(), 0);

    await form.getByLabel('Comment').fill('No mail here, and that is fine.');
    const sent = v.page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/comments'));
    await form.getByRole('button', { name: 'Post Comment' }).click();
    assert.equal('notifyReplies' in (await sent).postDataJSON(), false);
    await embed(v.page).locator('article.comment.is-own').waitFor();
    assert.equal(await embed(v.page).getByText(CONFIRMATION).count(), 0);
    assert.equal((await plain.store.db.selectFrom('reply_subscriptions').selectAll().execute()).length, 0);
    assert.deepEqual(v.consoleErrors, []);
  } finally {
    await v.context.close();
  }
});
