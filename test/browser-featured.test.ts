// Editors' picks in Chromium against the real server: a moderator features approved comments from the
// dashboard card (the Feature button, and the f key), which then shows an "Editors’ pick" badge; the
// reader's embed marks the picks and its "Editors’ picks (N)" toggle shows only them, and back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { createModerator, launchBrowser, newVisitor, screenshot, seedStory, signInDashboard, startParley, type Parley } from './helpers/browser.js';
import { request } from './helpers/server.js';

let parley: Parley;
let browser: Browser;

// Post-moderated: comments are published at once, so they can be picked straight away.
const PARK = { site: 'riverside', story: 'park-benches', title: 'New benches for Harbor Park' };

before(async () => {
  parley = await startParley();
  await seedStory(parley.store, { ...PARK, siteName: 'The Riverside Courier', settings: { mode: 'postmod' } });
  await createModerator(parley.store);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await parley?.close();
});

async function post(name: string, body: string): Promise<string> {
  const res = await request(parley.baseUrl, '/api/v1/comments', {
    body: { site: PARK.site, story: PARK.story, name, email: `${name.toLowerCase()}@example.com`, body },
  });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.body.status, 'approved');
  return res.body.comment.id;
}

const cardOf = (page: Page, id: string) => page.locator(`article.card[data-id="${id}"]`);

test("a moderator features comments from the dashboard; readers see the badge and the picks toggle", async () => {
  const plain = await post('Ada', 'The old benches were fine, honestly.');
  const byButton = await post('Grace', 'Benches facing the water would be used all year; the ones by the road are not.');
  const byKey = await post('Linus', 'Could some of them have backs? Older visitors need them.');

  const mod = await newVisitor(browser);
  try {
    await signInDashboard(mod.page, parley.baseUrl);
    await mod.page.locator('button[data-queue="approved"]').click();
    const card = cardOf(mod.page, byButton);
    await card.getByRole('button', { name: /^Feature/ }).click();
    await card.locator('.status.pick', { hasText: 'Editors’ pick' }).waitFor();
    await card.getByRole('button', { name: /^Unfeature/ }).waitFor();
    // The newest comment's card is selected first: f features it.
    const keyCard = cardOf(mod.page, byKey);
    await keyCard.click();
    await mod.page.keyboard.press('f');
    await keyCard.locator('.status.pick').waitFor();
    assert.equal(await cardOf(mod.page, plain).locator('.status.pick').count(), 0);
    await screenshot(mod.page, 'admin-featured.png', { element: `article.card[data-id="${byButton}"]` });
    assert.deepEqual(mod.consoleErrors, []);
  } finally {
    await mod.context.close();
  }

  const reader = await newVisitor(browser);
  try {
    const { page } = reader;
    await page.goto(`${parley.baseUrl}/demo?site=${PARK.site}&story=${PARK.story}`);
    const embed = page.locator('parley-comments');
    const article = (id: string) => embed.locator(`article[data-comment-id="${id}"]`);
    await article(plain).waitFor();
    assert.equal(await embed.locator('article.comment').count(), 3);
    assert.equal(await article(byButton).locator('.pick').textContent(), 'Editors’ pick');
    assert.equal(await article(byKey).locator('.pick').count(), 1);
    assert.equal(await article(plain).locator('.pick').count(), 0);

    const toggle = embed.getByRole('button', { name: 'Editors’ picks (2)' });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await toggle.click();
    await embed.locator('.picks[aria-pressed="true"]').waitFor();
    await article(plain).waitFor({ state: 'detached' });
    // Newest pick first: the one featured by key came second.
    const shown = await embed.locator('article.comment').evaluateAll((els) => els.map((e) => e.getAttribute('data-comment-id')));
    assert.deepEqual(shown, [byKey, byButton]);
    await screenshot(page, 'embed-featured.png', { element: 'parley-comments' });

    await toggle.click();
    await article(plain).waitFor();
    assert.equal(await embed.locator('article.comment').count(), 3);
    assert.deepEqual(reader.consoleErrors, []);
    assert.deepEqual(reader.dialogs, []);
  } finally {
    await reader.context.close();
  }
});
