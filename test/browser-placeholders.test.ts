// Placeholders in the reader embed, in Chromium against the real server: a removed comment that still
// has replies shows as one muted line ("This comment was removed.") with no author, text or buttons, its
// replies below it as usual; a reader deleting their own answered comment sees it turn into that line in
// place. Also: the embed's own-comment words translate through window.ParleyStrings, and an edit's
// nudge speaks of keeping the text, not of posting it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { buttonIn, embedOf, createModerator, launchBrowser, MODERATOR, newVisitor, screenshot, seedStory, startParley, type Parley, type Visitor } from './helpers/browser.js';
import { signIn } from './helpers/admin.js';
import { request } from './helpers/server.js';

let parley: Parley;
let browser: Browser;

// Post-moderated: comments are published at once, so a thread can be built without a moderator.
const PARK = { site: 'riverside', story: 'park-benches', title: 'New benches for Harbor Park' };
// Auto mode with the thresholds of the nudge's own browser tests: clear incivility is nudged, not rejected.
const CIVIL = { site: 'civil', story: 'library-hours', title: 'Library opens on Sundays' };

before(async () => {
  parley = await startParley();
  await seedStory(parley.store, { ...PARK, siteName: 'The Riverside Courier', settings: { mode: 'postmod' } });
  await seedStory(parley.store, { ...CIVIL, siteName: 'The Civil Times', settings: { mode: 'auto', thresholds: { review: 0.6, reject: 0.95 } } });
  await createModerator(parley.store);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await parley?.close();
});

const embed = embedOf;
const pageOf = (where: { site: string; story: string }) => `${parley.baseUrl}/demo?site=${where.site}&story=${where.story}`;
const button = buttonIn;
const articleOf = (page: Page, id: string) => embed(page).locator(`article[data-comment-id="${id}"]`);

const emailOf = (name: string) => `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`;

/** Posts through the embed's form as this reader; returns the new comment's id. */
async function postThroughForm(page: Page, name: string, body: string): Promise<string> {
  const form = embed(page).getByRole('form', { name: 'Leave a Reply' });
  await form.getByLabel('Comment').fill(body);
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Email').fill(emailOf(name));
  await button(form, 'Post Comment').click();
  const mine = embed(page).locator('article.comment.is-own', { hasText: body });
  await mine.waitFor();
  return (await mine.getAttribute('data-comment-id'))!;
}

/** Posts through the API, as another reader's browser would; returns the comment's id and author token. */
async function postAsOther(where: { site: string; story: string }, name: string, body: string, parent?: string) {
  const res = await request(parley.baseUrl, '/api/v1/comments', {
    body: { site: where.site, story: where.story, name, email: emailOf(name), website: 'https://blog.example/me', body, parent },
  });
  assert.equal(res.status, 201, res.text);
  return { id: res.body.comment.id as string, token: res.body.authorToken as string };
}

async function totalOf(where: { site: string; story: string }): Promise<number> {
  const res = await request(parley.baseUrl, `/api/v1/comments?site=${where.site}&story=${where.story}`);
  assert.equal(res.status, 200);
  return res.body.total;
}

/** One reader in a fresh browser context (closed afterwards) whose page logs no error and opens no dialog. */
async function asReader(steps: (v: Visitor) => Promise<void>, strings?: Record<string, string>): Promise<void> {
  const v = await newVisitor(browser);
  try {
    if (strings) {
      await v.context.addInitScript((s) => {
        (window as unknown as { ParleyStrings: Record<string, string> }).ParleyStrings = s;
      }, strings);
    }
    await steps(v);
    assert.deepEqual(v.consoleErrors, []);
    assert.deepEqual(v.dialogs, []);
  } finally {
    await v.context.close();
  }
}

/** The placeholder shows its line and nothing else of its own: no avatar, author, time, body or button. */
async function assertPlaceholder(placeholder: Locator, line: string): Promise<void> {
  assert.equal(await placeholder.getAttribute('data-status'), 'removed');
  assert.equal(await placeholder.locator(':scope > .removed-note').textContent(), line);
  for (const own of ['.meta', '.body', '.actions', '.avatar', 'time']) assert.equal(await placeholder.locator(`:scope > ${own}`).count(), 0, own);
  assert.equal(await placeholder.locator(':scope > button, :scope > footer button').count(), 0);
}

test('a comment a moderator removed keeps its replies on the page, under a muted line with no author or actions', { timeout: 60_000 }, async () => {
  const removed = await postAsOther(PARK, 'Rex Removed', 'Benches are a waste of money, says Rex.');
  const reply = await postAsOther(PARK, 'Ada Answer', 'I sit on the old one every morning with my dog.', removed.id);
  const nested = await postAsOther(PARK, 'Nico Nested', 'Same here, the view over the water is lovely.', reply.id);
  const desk = await signIn(parley.baseUrl, MODERATOR.email, MODERATOR.password);
  assert.equal((await desk.send('POST', `/comments/${removed.id}/reject`, {})).status, 200);

  await asReader(async (v) => {
    await v.page.goto(pageOf(PARK));
    const placeholder = articleOf(v.page, removed.id);
    await placeholder.waitFor();
    await assertPlaceholder(placeholder, 'This comment was removed.');
    const shown = (await embed(v.page).locator('.parley').textContent()) ?? '';
    for (const secret of ['Rex Removed', 'waste of money', 'blog.example']) assert.ok(!shown.includes(secret), `the page shows "${secret}"`);
    // The note is muted: in the theme's muted colour, not the text colour.
    const colours = await placeholder.locator('.removed-note').evaluate((el) => {
      const root = el.closest('.parley')!;
      return { note: getComputedStyle(el).color, text: getComputedStyle(root).color };
    });
    assert.notEqual(colours.note, colours.text);

    // The replies below it are whole comments, with their authors and buttons.
    const replyArticle = placeholder.locator(`article[data-comment-id="${reply.id}"]`);
    assert.equal(await replyArticle.locator(':scope > .meta .author').textContent(), 'Ada Answer');
    const replyActions = replyArticle.locator(':scope > .actions');
    assert.equal(await button(replyActions, 'Like').count(), 1);
    assert.equal(await replyActions.getByRole('button', { name: 'Reply to Ada Answer' }).count(), 1);
    assert.equal(await replyArticle.locator(`article[data-comment-id="${nested.id}"] .author`).textContent(), 'Nico Nested');

    // The heading counts what the reader can see: the two replies.
    assert.equal(await totalOf(PARK), 2);
    assert.equal(await embed(v.page).getByRole('heading', { level: 2 }).textContent(), `2 thoughts on ‘${PARK.title}’`);
    await screenshot(v.page, 'embed-removed.png', { element: `article[data-comment-id="${removed.id}"]` });
  });

  // A site's translation reaches the placeholder like every other word.
  await asReader(
    async (v) => {
      await v.page.goto(pageOf(PARK));
      await assertPlaceholder(articleOf(v.page, removed.id), 'Dieser Kommentar wurde entfernt.');
    },
    { commentRemoved: 'Dieser Kommentar wurde entfernt.' },
  );
});

test('a reader deletes their own comment that has a reply: it becomes the placeholder in place, the reply stays', { timeout: 60_000 }, async () => {
  await asReader(
    async (v) => {
      await v.page.goto(pageOf(PARK));
      const id = await postThroughForm(v.page, 'Dora Deleter', 'Could the new benches face the harbor instead of the road?');
      const answer = await postAsOther(PARK, 'Otto Other', 'Yes please, facing the water would be much nicer.', id);
      await v.page.reload();
      const article = articleOf(v.page, id);
      await article.locator(`article[data-comment-id="${answer.id}"]`).waitFor();
      const before = await totalOf(PARK);

      // The own-comment words come from the site's table too.
      await button(article, 'Löschen').click();
      await button(article, 'Yes, delete it').click();
      await article.locator(':scope > .removed-note').waitFor();
      await assertPlaceholder(article, 'This comment was removed.');
      assert.equal(await article.locator(`article[data-comment-id="${answer.id}"] .author`).textContent(), 'Otto Other');
      assert.equal(await embed(v.page).locator('[aria-live="polite"]').textContent(), 'Your comment was deleted.');
      // Focus stays where the comment was.
      await v.page.waitForFunction((wanted) => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.getAttribute('data-comment-id') === wanted;
      }, id);
      assert.equal(await totalOf(PARK), before - 1);
      assert.equal(await embed(v.page).getByRole('heading', { level: 2 }).textContent(), `${before - 1} thoughts on ‘${PARK.title}’`);

      // The server shows the same after a reload, and to its former author no more than to anyone.
      await v.page.reload();
      await assertPlaceholder(articleOf(v.page, id), 'This comment was removed.');
      assert.ok(!((await embed(v.page).locator('.parley').textContent()) ?? '').includes('Dora Deleter'));
    },
    { deleteComment: 'Löschen' },
  );
});

// Uncivil, not hateful or threatening: what the nudge is for. The first one the engine nudges as an edit is used.
const UNCIVIL = ['The librarians are idiots and liars.', 'You are an idiot if you believe the council.', 'This is a stupid plan from stupid people.'];

test('an edit the engine nudges is told to keep or reword its text, never to "post" it', { timeout: 60_000 }, async () => {
  await asReader(async (v) => {
    await v.page.goto(pageOf(CIVIL));
    // By id: a saved edit changes the text.
    const article = articleOf(v.page, await postThroughForm(v.page, 'Erin Editor', 'Sunday opening is good news for students.'));
    let nudged = false;
    for (const text of UNCIVIL) {
      await button(article, 'Edit').click();
      await article.getByRole('textbox', { name: 'Edit your comment' }).fill(text);
      // The server's answer decides: 422 is the nudge; otherwise the edit was saved and the next candidate is tried.
      const [answer] = await Promise.all([
        v.page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/v1/comments/')),
        button(article, 'Save changes').click(),
      ]);
      if (answer.status() === 422) {
        const nudge = article.locator('.nudge');
        await nudge.waitFor();
        const said = (await nudge.locator('p').first().textContent()) ?? '';
        assert.match(said, /Would you like to reword it\? If you keep it as it is, a moderator will review it before it is published\./);
        assert.doesNotMatch(said, /\bpost/i);
        assert.equal(await button(nudge, 'Save anyway').count(), 1);
        nudged = true;
        break;
      }
      await article.getByRole('textbox', { name: 'Edit your comment' }).waitFor({ state: 'detached' });
    }
    assert.ok(nudged, 'the moderation engine nudges at least one clearly uncivil edit in auto mode');
  });
});
