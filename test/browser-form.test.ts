// The reply form in Chromium: the API's field errors beside their fields, posting with the keyboard
// only, and the moderation nudge (highlighted words, then "post anyway" → awaiting moderation).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { embedOf, createModerator, launchBrowser, newVisitor, screenshot, seedStory, signInDashboard, startParley, type Parley } from './helpers/browser.js';

let parley: Parley;
let browser: Browser;

before(async () => {
  parley = await startParley();
  await seedStory(parley.store, { site: 'demo', story: 'welcome', title: 'Riverside library reopens after two-year renovation' });
  // A second site in auto mode, where the engine may nudge. Review at 0.6 so that only clear
  // incivility holds a comment; reject at 0.95 so that it is not rejected outright.
  await seedStory(parley.store, {
    site: 'civil',
    story: 'budget-vote',
    title: 'Council delays budget vote as transport row deepens',
    siteName: 'The Civil Times',
    settings: { mode: 'auto', thresholds: { review: 0.6, reject: 0.95 } },
  });
  await createModerator(parley.store);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await parley?.close();
});

const embed = embedOf;

/** The focused element, looking through shadow roots. */
/** The focus once the embed has moved it (it does so in an effect after rendering): polls up to 5 s. */
async function settledFocus(
  page: Page,
  wanted: (f: { id: string; tag: string; commentId: string | null }) => boolean,
): Promise<{ id: string; tag: string; commentId: string | null }> {
  const until = Date.now() + 5000;
  let focus = await deepFocus(page);
  while (!wanted(focus) && Date.now() < until) {
    await page.waitForTimeout(50);
    focus = await deepFocus(page);
  }
  return focus;
}

function deepFocus(page: Page): Promise<{ id: string; tag: string; commentId: string | null }> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return { id: el?.id ?? '', tag: el?.tagName ?? '', commentId: el?.getAttribute('data-comment-id') ?? null };
  });
}

async function fieldState(page: Page, id: string) {
  return embed(page)
    .locator(`#${id}`)
    .evaluate((el) => {
      const root = el.getRootNode() as ShadowRoot;
      const describedBy = el.getAttribute('aria-describedby');
      return {
        invalid: el.getAttribute('aria-invalid'),
        describedBy,
        message: describedBy ? (root.getElementById(describedBy)?.textContent ?? null) : null,
        // "Beside the field": the message is the next element in the same field group.
        nextToField: describedBy ? el.nextElementSibling?.id === describedBy : false,
      };
    });
}

test('the API’s field errors are shown beside their fields, and focus moves to the first one', { timeout: 30_000 }, async () => {
  const v = await newVisitor(browser);
  try {
    await v.page.goto(`${parley.baseUrl}/demo?site=demo&story=welcome`);
    const form = embed(v.page).getByRole('form', { name: 'Leave a Reply' });
    await form.getByRole('button', { name: 'Post Comment' }).click();
    await embed(v.page).locator('#parley-error-body').waitFor();

    assert.deepEqual(await fieldState(v.page, 'parley-body'), {
      invalid: 'true', describedBy: 'parley-error-body', message: 'Please enter your comment.', nextToField: true,
    });
    assert.deepEqual(await fieldState(v.page, 'parley-name'), {
      invalid: 'true', describedBy: 'parley-error-name', message: 'Please enter your name.', nextToField: true,
    });
    assert.deepEqual(await fieldState(v.page, 'parley-email'), {
      invalid: 'true', describedBy: 'parley-error-email', message: 'Please enter a valid email address.', nextToField: true,
    });
    assert.equal((await fieldState(v.page, 'parley-website')).invalid, null);
    assert.equal((await settledFocus(v.page, (f) => f.id === 'parley-body')).id, 'parley-body');

    // Fix two fields, get the website wrong: only the remaining problems are shown.
    await form.getByLabel('Comment').fill('A fair question about the costs.');
    await form.getByLabel('Name').fill('Jo');
    await form.getByLabel('Email').fill('not-an-email');
    await form.getByLabel('Website').fill('javascript:alert(1)');
    await form.getByRole('button', { name: 'Post Comment' }).click();
    await embed(v.page).locator('#parley-error-website').waitFor();
    assert.equal((await fieldState(v.page, 'parley-body')).invalid, null);
    assert.equal((await fieldState(v.page, 'parley-name')).invalid, null);
    assert.equal((await fieldState(v.page, 'parley-email')).message, 'Please enter a valid email address.');
    assert.match((await fieldState(v.page, 'parley-website')).message ?? '', /valid website address/);
    assert.equal((await settledFocus(v.page, (f) => f.id === 'parley-email')).id, 'parley-email');
    // The text typed so far is kept.
    assert.equal(await form.getByLabel('Comment').inputValue(), 'A fair question about the costs.');
    // Every field has a label, and the required ones say so.
    for (const id of ['parley-body', 'parley-name', 'parley-email']) {
      assert.equal(await embed(v.page).locator(`#${id}`).getAttribute('aria-required'), 'true');
    }
    assert.equal(await embed(v.page).getByText('Your email address will not be published. Required fields are marked *').count(), 1);
    await screenshot(v.page, 'embed-errors.png', { element: 'section.comments' });
  } finally {
    await v.context.close();
  }
});

test('a reader can post with the keyboard only (Tab, typing, Enter)', { timeout: 30_000 }, async () => {
  const v = await newVisitor(browser);
  try {
    await v.page.goto(`${parley.baseUrl}/demo?site=demo&story=welcome`);
    await embed(v.page).getByRole('form', { name: 'Leave a Reply' }).waitFor();
    // Tab from the top of the page until the comment box has focus.
    let tabs = 0;
    while ((await deepFocus(v.page)).id !== 'parley-body') {
      assert.ok(++tabs < 60, 'the comment box is reachable with Tab');
      await v.page.keyboard.press('Tab');
    }
    await v.page.keyboard.type('Typed without a mouse. The new opening hours are great.');
    await v.page.keyboard.press('Tab');
    assert.equal((await deepFocus(v.page)).id, 'parley-name');
    await v.page.keyboard.type('Keyboard Kim');
    await v.page.keyboard.press('Tab');
    assert.equal((await deepFocus(v.page)).id, 'parley-email');
    await v.page.keyboard.type('kim@example.com');
    await v.page.keyboard.press('Tab');
    assert.equal((await deepFocus(v.page)).id, 'parley-website');
    await v.page.keyboard.press('Tab'); // the honeypot is out of the tab order
    assert.equal((await deepFocus(v.page)).tag, 'BUTTON');
    await v.page.keyboard.press('Enter');

    const own = embed(v.page).locator('article.comment', { hasText: 'Typed without a mouse' });
    await own.getByText('Your comment is awaiting moderation.').waitFor();
    // Focus lands on the new comment, and the live region says what happened.
    const ownId = await own.getAttribute('data-comment-id');
    const focus = await settledFocus(v.page, (f) => f.commentId === ownId);
    assert.equal(focus.commentId, ownId);
    assert.equal(await embed(v.page).locator('[aria-live="polite"]').textContent(), 'Your comment is awaiting moderation.');
  } finally {
    await v.context.close();
  }
});

// Uncivil but not hateful or threatening: the cases the nudge is for. The first one the engine
// nudges is used (probing stores nothing: a nudge is answered before anything is saved).
const UNCIVIL = [
  'The mayor is a liar and a fool.',
  'This is a dumb plan from dumb people.',
  'What a damn mess, the planners screwed this up.',
  'You are an idiot if you believe the council.',
];

async function findNudgedText(): Promise<string | null> {
  for (const body of UNCIVIL) {
    const res = await fetch(`${parley.baseUrl}/api/v1/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ site: 'civil', story: 'budget-vote', name: 'Probe', email: 'probe@example.com', body }),
    });
    if (res.status === 422) return body;
    assert.equal(res.status, 201, `posting answered ${res.status}`);
    // A stored probe would count in the dashboard: remove it.
    const { comment } = (await res.json()) as { comment: { id: string } };
    await parley.store.db.deleteFrom('comments').where('id', '=', comment.id).execute();
  }
  return null;
}

test('the nudge: flagged words highlighted, the text kept, then "post anyway" waits for review', { timeout: 60_000 }, async () => {
  const text = await findNudgedText();
  assert.ok(text, 'the moderation engine nudges at least one clearly uncivil comment in auto mode');
  const v = await newVisitor(browser);
  const desk = await newVisitor(browser);
  try {
    await v.page.goto(`${parley.baseUrl}/demo?site=civil&story=budget-vote`);
    const form = embed(v.page).getByRole('form', { name: 'Leave a Reply' });
    await form.getByLabel('Comment').fill(text);
    await form.getByLabel('Name').fill('Pat Grumble');
    await form.getByLabel('Email').fill('pat@example.com');
    await form.getByRole('button', { name: 'Post Comment' }).click();

    const nudge = embed(v.page).locator('.nudge');
    await nudge.waitFor();
    assert.equal(await nudge.getAttribute('role'), 'alert');
    assert.match((await nudge.textContent()) ?? '', /Would you like to rephrase\?/);
    // The explanation is the engine's sentence.
    assert.match((await nudge.locator('p').first().textContent()) ?? '', /uncivil/);
    const marked = await nudge.locator('mark').allTextContents();
    assert.ok(marked.length > 0, 'some words are highlighted');
    for (const m of marked) assert.ok(text.includes(m), `"${m}" is part of the comment`);
    // The quoted text is the whole comment, and the form still holds it.
    assert.equal(await nudge.locator('blockquote').textContent(), text);
    assert.equal(await form.getByLabel('Comment').inputValue(), text);
    // Nothing was stored yet.
    assert.equal(await embed(v.page).locator('article.comment').count(), 0);
    await screenshot(v.page, 'embed-nudge.png', { element: 'section.comments' });

    await nudge.getByRole('button', { name: 'Post anyway' }).click();
    const own = embed(v.page).locator('article.comment', { hasText: text });
    await own.getByText('Your comment is awaiting moderation.').waitFor();
    assert.equal(await own.getAttribute('data-status'), 'pending');
    assert.equal(await embed(v.page).locator('.nudge').count(), 0);

    // The moderator sees it pending with the engine's reasons and the words marked.
    await signInDashboard(desk.page, parley.baseUrl);
    await desk.page.getByRole('combobox', { name: 'Site' }).selectOption('civil');
    const card = desk.page.locator('.card', { hasText: 'Pat Grumble' });
    await card.waitFor();
    assert.match((await card.locator('.reasons').textContent()) ?? '', /Posted after a nudge/);
    assert.ok((await card.locator('.text mark').count()) > 0, 'the spans that raised the scores are highlighted');
    assert.match((await card.textContent()) ?? '', /pat@example\.com/);
    await screenshot(desk.page, 'dashboard-moderation.png');
    assert.deepEqual(v.consoleErrors, []);
    assert.deepEqual(v.dialogs, []);
  } finally {
    await Promise.all([v.context.close(), desk.context.close()]);
  }
});
