// A reader edits and deletes their own comment from the embed, in Chromium against the real server:
// Edit opens the text (as typed, Markdown included) in place and saves it through PATCH; an edit the
// engine would hold for incivility shows the nudge; Delete asks inline, then DELETE; nobody else
// gets the buttons, and they are gone once the site's edit window has closed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { buttonIn, embedOf, createModerator, launchBrowser, MODERATOR, newVisitor, screenshot, seedStory, startParley, type Parley, type Visitor } from './helpers/browser.js';
import { signIn } from './helpers/admin.js';
import { request } from './helpers/server.js';

let parley: Parley;
let browser: Browser;

// Auto mode, as in the nudge's own browser test: review at 0.6 holds only clear incivility, reject at
// 0.95 keeps it from being rejected outright, so a civil comment is published at once.
const CIVIL = { site: 'civil', story: 'bus-timetable', title: 'New bus timetable starts on Monday' };
const FROZEN = { site: 'frozen', story: 'archive', title: 'From the archive: the 1987 flood' };

before(async () => {
  parley = await startParley();
  await seedStory(parley.store, {
    ...CIVIL,
    siteName: 'The Civil Times',
    settings: { mode: 'auto', thresholds: { review: 0.6, reject: 0.95 } },
  });
  await seedStory(parley.store, { ...FROZEN, siteName: 'The Frozen Gazette', settings: { editWindowSeconds: 0 } });
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

/** Posts through the embed's form and returns the reader's new comment. Each test has its own author:
 *  the engine weighs an author's history (an earlier held comment makes the next one wait too). */
async function postThroughForm(page: Page, author: string, body: string): Promise<{ article: Locator; id: string }> {
  const form = embed(page).getByRole('form', { name: 'Leave a Reply' });
  await form.getByLabel('Comment').fill(body);
  await form.getByLabel('Name').fill(author);
  await form.getByLabel('Email').fill(`${author.toLowerCase().replace(/\W+/g, '.')}@example.com`);
  await button(form, 'Post Comment').click();
  const article = embed(page).locator('article.comment.is-own', { hasText: body.replace(/\*\*/g, '') });
  await article.waitFor();
  const id = await article.getAttribute('data-comment-id');
  assert.ok(id, 'the new comment carries its id');
  return { article: embed(page).locator(`article[data-comment-id="${id}"]`), id };
}

interface ThreadComment {
  id: string;
  html: string;
  status: string;
  editedAt: string | null;
  own?: boolean;
}

/** The public thread, as anyone (no token) or as the author (their X-Parley-Author token). */
async function threadPage(where: { site: string; story: string }, authorToken?: string): Promise<{ total: number; comments: ThreadComment[] }> {
  const res = await request(parley.baseUrl, `/api/v1/comments?site=${where.site}&story=${where.story}`, {
    headers: authorToken ? { 'x-parley-author': authorToken } : {},
  });
  assert.equal(res.status, 200);
  return res.body;
}
const thread = async (where: { site: string; story: string }, authorToken?: string) => (await threadPage(where, authorToken)).comments;

/** The embed's heading agrees with the server's count of published comments. */
async function assertHeadingCounts(page: Page, where: { site: string; story: string; title: string }): Promise<void> {
  const { total } = await threadPage(where);
  const heading = total === 0 ? `No comments yet on ‘${where.title}’` : total === 1 ? `1 thought on ‘${where.title}’` : `${total} thoughts on ‘${where.title}’`;
  assert.equal(await embed(page).getByRole('heading', { level: 2 }).textContent(), heading);
}

const authorTokenOf = (page: Page) => page.evaluate(() => localStorage.getItem('parley:author') ?? '');

/** Waits until the focused element (looking through the shadow root) has this id or comment id. */
async function focusLandsOn(page: Page, key: string): Promise<void> {
  await page.waitForFunction((wanted) => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return !!el && (el.id === wanted || el.getAttribute('data-comment-id') === wanted || el.textContent === wanted);
  }, key);
}

/** Moves a comment's creation time into the past, as if the reader had posted it that long ago. */
async function age(id: string, seconds: number): Promise<void> {
  const createdAt = new Date(Date.now() - seconds * 1000).toISOString();
  await parley.store.db.updateTable('comments').set({ created_at: createdAt }).where('id', '=', id).execute();
}

/** One reader in a fresh browser context (closed afterwards) whose page logs no error and opens no dialog. */
async function asReader(steps: (v: Visitor) => Promise<void>): Promise<void> {
  const v = await newVisitor(browser);
  try {
    await steps(v);
    assert.deepEqual(v.consoleErrors, []);
    assert.deepEqual(v.dialogs, [], 'nothing asks through window.confirm or alert');
  } finally {
    await v.context.close();
  }
}

test('a reader edits their own comment in place; the server stores it, marked edited; nobody else gets Edit or Delete', { timeout: 60_000 }, async () => {
  const edited = 'The **new** timetable is clearer, and the late evening buses are back.';
  let id = '';
  await asReader(async (v) => {
    await v.page.goto(pageOf(CIVIL));
    const original = 'The **new** timetable is much clearer than the old one.';
    const posted = await postThroughForm(v.page, 'Robin Reader', original);
    const article = posted.article;
    id = posted.id;
    assert.equal(await article.getAttribute('data-status'), 'approved');
    assert.equal(await article.locator('.edited').count(), 0);

    await button(article, 'Edit').click();
    const box = article.getByRole('textbox', { name: 'Edit your comment' });
    await focusLandsOn(v.page, `parley-edit-${id}`);
    // The text as it was typed, Markdown and all (the API only shows the rendered HTML).
    assert.equal(await box.inputValue(), original);
    // While editing, the buttons step aside.
    assert.equal(await button(article, 'Edit').count(), 0);

    await box.fill(edited);
    await button(article, 'Save changes').click();
    await article.locator('.body', { hasText: 'late evening buses are back' }).waitFor();
    assert.equal(await article.locator('.edited').textContent(), '(edited)');
    assert.equal(await article.getByRole('form', { name: 'Edit your comment' }).count(), 0);
    assert.equal(await article.locator('.body strong').textContent(), 'new');
    await focusLandsOn(v.page, id);
    assert.equal(await embed(v.page).locator('[aria-live="polite"]').textContent(), 'Your changes are saved.');

    // The server has the new text, for everyone.
    const stored = (await thread(CIVIL)).find((c) => c.id === id);
    assert.ok(stored, 'the edited comment is still published');
    assert.match(stored.html, /<strong>new<\/strong> timetable is clearer, and the late evening buses are back\./);
    assert.ok(stored.editedAt, 'editedAt is set');

    // After a reload the edit starts from what was saved; without the remembered source, from the
    // comment's HTML turned back into the same Markdown.
    await v.page.reload();
    await button(article, 'Edit').click();
    assert.equal(await article.getByRole('textbox', { name: 'Edit your comment' }).inputValue(), edited);
    await button(article, 'Cancel').click();
    await focusLandsOn(v.page, 'Edit');
    await v.page.evaluate(() => localStorage.removeItem('parley:sources'));
    await v.page.reload();
    await button(article, 'Edit').click();
    assert.equal(await article.getByRole('textbox', { name: 'Edit your comment' }).inputValue(), edited);
  });

  // Another reader sees the edited comment with its marker, and may like or report it, not change it.
  await asReader(async (other) => {
    await other.page.goto(pageOf(CIVIL));
    const seen = embed(other.page).locator(`article[data-comment-id="${id}"]`);
    await seen.locator('.body', { hasText: 'late evening buses are back' }).waitFor();
    assert.equal(await seen.locator('.edited').textContent(), '(edited)');
    assert.equal(await button(seen, 'Like').count(), 1);
    assert.equal(await button(seen, 'Report').count(), 1);
    assert.equal(await button(seen, 'Edit').count(), 0);
    assert.equal(await button(seen, 'Delete').count(), 0);
  });
});

// Uncivil, not hateful or threatening: what the nudge is for. The first one the engine nudges as an
// edit is used; a probe edit that is not nudged simply changes the probe comment.
const UNCIVIL = [
  'The route planners are idiots and liars.',
  'You are an idiot if you believe the council.',
  'What a damn mess, the planners screwed this up.',
  'This is a stupid plan from stupid people.',
];

async function findNudgedEdit(): Promise<string | null> {
  const posted = await request(parley.baseUrl, '/api/v1/comments', {
    body: { site: CIVIL.site, story: CIVIL.story, name: 'Probe', email: 'probe@example.com', body: 'A probe about the timetable.' },
  });
  assert.equal(posted.status, 201);
  const probe = { id: posted.body.comment.id as string, headers: { 'x-parley-author': posted.body.authorToken as string } };
  try {
    for (const body of UNCIVIL) {
      const res = await request(parley.baseUrl, `/api/v1/comments/${probe.id}`, { method: 'PATCH', body: { body }, headers: probe.headers });
      if (res.status === 422) return body;
      assert.equal(res.status, 200, `editing answered ${res.status}: ${res.text}`);
    }
    return null;
  } finally {
    await request(parley.baseUrl, `/api/v1/comments/${probe.id}`, { method: 'DELETE', headers: probe.headers });
  }
}

test('an edit the engine would hold shows the nudge; "Save anyway" keeps the text and it waits for review', { timeout: 60_000 }, async () => {
  const uncivil = await findNudgedEdit();
  assert.ok(uncivil, 'the moderation engine nudges at least one clearly uncivil edit in auto mode');
  await asReader(async (v) => {
    await v.page.goto(pageOf(CIVIL));
    const { article, id } = await postThroughForm(v.page, 'Nell Nudged', 'Will the night buses keep their stops?');
    await button(article, 'Edit').click();
    const box = article.getByRole('textbox', { name: 'Edit your comment' });
    await box.fill(uncivil);
    await button(article, 'Save changes').click();

    const nudge = article.locator('.nudge');
    await nudge.waitFor();
    assert.equal(await nudge.getAttribute('role'), 'alert');
    assert.match((await nudge.textContent()) ?? '', /Would you like to rephrase\?/);
    assert.equal(await nudge.locator('blockquote').textContent(), uncivil);
    const marked = await nudge.locator('mark').allTextContents();
    assert.ok(marked.length > 0, 'the words that raised it are highlighted');
    for (const m of marked) assert.ok(uncivil.includes(m), `"${m}" is part of the edit`);
    // Nothing was stored: the published comment still has its first text.
    const before = (await thread(CIVIL)).find((c) => c.id === id);
    assert.match(before?.html ?? '', /night buses keep their stops/);
    assert.equal(before?.editedAt, null);
    await screenshot(v.page, 'embed-edit.png', { element: `article[data-comment-id="${id}"]` });

    // "Edit my comment" goes back to the text box, the flagged words selected.
    await button(nudge, 'Edit my comment').click();
    await focusLandsOn(v.page, `parley-edit-${id}`);
    const selected = await box.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
    assert.ok(marked.includes(selected), `the selection "${selected}" is one of the highlighted words`);

    await button(nudge, 'Save anyway').click();
    await article.getByText('Your comment is awaiting moderation.').waitFor();
    assert.equal(await article.getAttribute('data-status'), 'pending');
    assert.equal(await article.locator('.body').textContent(), uncivil);
    assert.equal(await article.locator('.edited').textContent(), '(edited)');
    assert.equal(await embed(v.page).locator('.nudge').count(), 0);
    assert.equal(await embed(v.page).locator('[aria-live="polite"]').textContent(), 'Your changes are saved and await moderation.');
    await assertHeadingCounts(v.page, CIVIL);
    // Still the reader's, still inside the window: they can change it again while it waits.
    assert.equal(await button(article, 'Edit').count(), 1);

    // Off the public thread until a moderator decides; the author still sees it, pending, with the new text.
    assert.equal((await thread(CIVIL)).some((c) => c.id === id), false);
    const mine = (await thread(CIVIL, await authorTokenOf(v.page))).find((c) => c.id === id);
    assert.equal(mine?.status, 'pending');
    assert.equal(mine?.own, true);
    assert.ok(mine?.html.includes(uncivil), mine?.html);
  });
});

test('Delete asks inline first, then removes the comment; the server has it deleted', { timeout: 60_000 }, async () => {
  await asReader(async (v) => {
    await v.page.goto(pageOf(CIVIL));
    const { article, id } = await postThroughForm(v.page, 'Dana Deleter', 'On second thought, I will wait for the summer timetable.');

    await button(article, 'Delete').click();
    const confirm = article.getByRole('group', { name: 'Delete your comment? This cannot be undone.' });
    await confirm.waitFor();
    await focusLandsOn(v.page, 'Keep it');
    await button(confirm, 'Keep it').click();
    assert.equal(await confirm.count(), 0);
    await focusLandsOn(v.page, 'Delete');
    assert.ok((await thread(CIVIL)).some((c) => c.id === id), 'keeping it sends nothing');

    await button(article, 'Delete').click();
    await button(confirm, 'Yes, delete it').click();
    await article.waitFor({ state: 'detached' });
    assert.equal(await embed(v.page).locator('[aria-live="polite"]').textContent(), 'Your comment was deleted.');
    await focusLandsOn(v.page, 'parley-heading');
    await assertHeadingCounts(v.page, CIVIL);

    // Gone from the thread, for everyone and for its author; the moderators see it as deleted.
    assert.equal((await thread(CIVIL)).some((c) => c.id === id), false);
    assert.equal((await thread(CIVIL, await authorTokenOf(v.page))).some((c) => c.id === id), false);
    const desk = await signIn(parley.baseUrl, MODERATOR.email, MODERATOR.password);
    const deleted = await desk.get(`/queue?status=deleted&site=${CIVIL.site}`);
    assert.equal(deleted.status, 200);
    assert.ok(deleted.body.comments.some((c: { id: string; status: string }) => c.id === id && c.status === 'deleted'));
    await v.page.reload();
    await embed(v.page).getByRole('form', { name: 'Leave a Reply' }).waitFor();
    assert.equal(await embed(v.page).locator(`article[data-comment-id="${id}"]`).count(), 0);
  });
});

test('no Edit or Delete once the edit window is closed; a window that closed meanwhile answers 409 in words', { timeout: 60_000 }, async () => {
  await asReader(async (v) => {
    // A site that allows no changes at all.
    await v.page.goto(pageOf(FROZEN));
    const frozen = await postThroughForm(v.page, 'Frieda Frost', 'Remember the sandbags on Mill Street.');
    await frozen.article.getByText('Your comment is awaiting moderation.').waitFor();
    assert.equal(await button(frozen.article, 'Edit').count(), 0);
    assert.equal(await button(frozen.article, 'Delete').count(), 0);

    // A comment older than the site's window (15 minutes by default).
    await v.page.goto(pageOf(CIVIL));
    const old = await postThroughForm(v.page, 'Otto Oldtimer', 'The Sunday service needs more buses.');
    assert.equal(await button(old.article, 'Edit').count(), 1);
    await age(old.id, 16 * 60);
    await v.page.reload();
    await old.article.waitFor();
    assert.equal(await button(old.article, 'Like').count(), 1);
    assert.equal(await button(old.article, 'Edit').count(), 0);
    assert.equal(await button(old.article, 'Delete').count(), 0);

    // The window closes while the edit form is open: the server refuses, the widget says why.
    const late = await postThroughForm(v.page, 'Lou Late', 'Does the 42 still run past the hospital?');
    await button(late.article, 'Edit').click();
    await late.article.getByRole('textbox', { name: 'Edit your comment' }).fill('Does the 42 still stop at the hospital?');
    await age(late.id, 16 * 60);
    await button(late.article, 'Save changes').click();
    const alert = late.article.locator('.error-box[role="alert"]');
    await alert.waitFor();
    assert.equal(await alert.textContent(), 'The edit window has closed.');
    await button(late.article, 'Cancel').click();
    await focusLandsOn(v.page, late.id);
    assert.match((await late.article.locator('.body').textContent()) ?? '', /still run past the hospital/);
    assert.equal(await button(late.article, 'Edit').count(), 0);
    assert.equal(await button(late.article, 'Delete').count(), 0);
  });
});

test('Edit and Delete disappear by themselves when the window closes while the page is open', { timeout: 60_000 }, async () => {
  await asReader(async (v) => {
    await v.page.clock.install();
    await v.page.goto(pageOf(CIVIL));
    const { article } = await postThroughForm(v.page, 'Cleo Clock', 'Good to see the timetable printed at every stop.');
    assert.equal(await button(article, 'Edit').count(), 1);
    // The page's clock jumps past the site's 15 minutes; no reload, no request.
    await v.page.clock.fastForward('15:01');
    await button(article, 'Edit').waitFor({ state: 'detached' });
    assert.equal(await button(article, 'Delete').count(), 0);
    assert.equal(await button(article, 'Like').count(), 1);
  });
});
