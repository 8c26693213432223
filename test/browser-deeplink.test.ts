// #comment-<id> links to a comment the embed has not loaded (a later page of a busy thread), in Chromium
// against the real server: the embed fetches the comment with the comments it answers and shows it in a
// "Linked comment" panel above the thread, in view and highlighted; Like works there; Close hides it; an
// id that names no comment the reader may see says so in the panel.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { embedOf, launchBrowser, newVisitor, seedStory, startParley, type Parley } from './helpers/browser.js';
import { postComment } from '../src/comments/index.js';

let parley: Parley;
let browser: Browser;

const BUSY = { site: 'riverside', story: 'ferry-timetable', title: 'The ferry timetable changes' };
// The embed asks for 20 top-level comments a page; more than that puts the last ones on page 2.
const TOP_LEVEL = 24;

let address = 0;
/** Posts through the comment domain, each from its own address so the rate rule holds none of them. */
async function post(name: string, body: string, parent?: string): Promise<string> {
  address += 1;
  const r = await postComment(
    parley.server.ctx,
    { site: BUSY.site, story: BUSY.story, name, email: `${name.toLowerCase()}@mail.example`, body, parent },
    { origin: parley.baseUrl, ownOrigin: parley.baseUrl, ip: `10.5.${address >> 8}.${address & 255}` },
  );
  assert.equal(r.status, 'approved');
  return r.comment.id;
}

before(async () => {
  parley = await startParley();
  await seedStory(parley.store, { ...BUSY, settings: { mode: 'postmod', depthLimit: 3 } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await parley?.close();
});

const embed = embedOf;

/** Whether the element is within the viewport (the embed's shadow root is open; locators pierce it). */
function inView(page: Page, selector: string): Promise<boolean> {
  return embed(page)
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    });
}

test('a link to a reply on the thread’s second page opens it in the Linked comment panel, in view', async () => {
  let lastTop = '';
  for (let i = 1; i <= TOP_LEVEL; i++) lastTop = await post(`Reader${i}`, `Top-level comment ${i} about the new ferry times, number ${i * 31}.`);
  const replyId = await post('Marta', 'The 7:40 boat now leaves from the north pier, which suits commuters.', lastTop);

  const v = await newVisitor(browser);
  try {
    const storyPage = `${parley.baseUrl}/demo?site=${BUSY.site}&story=${BUSY.story}`;
    await v.page.goto(`${storyPage}#comment-${replyId}`);
    const panel = embed(v.page).getByRole('region', { name: 'Linked comment' });
    const linked = panel.locator(`article[data-comment-id="${replyId}"]`);
    await linked.waitFor();
    // Not loaded in the thread itself: the first page holds 20 top-level comments and their replies.
    assert.equal(await embed(v.page).locator(`.thread [data-comment-id="${replyId}"]`).count(), 0);
    assert.match((await linked.textContent())!, /The 7:40 boat now leaves from the north pier/);
    assert.equal(await panel.locator('.chain').textContent(), `in reply to Reader${TOP_LEVEL}`);
    await panel.locator(`article[data-comment-id="${replyId}"].is-linked`).waitFor();
    assert.equal(await inView(v.page, '#parley-linked'), true);
    assert.ok(!((await panel.textContent()) ?? '').includes('@mail.example'));

    // Like works from the panel, and the server counts it.
    await panel.getByRole('button', { name: /Like/ }).click();
    await panel.locator('button[aria-pressed="true"]').waitFor();
    const context = await fetch(`${parley.baseUrl}/api/v1/comments/${replyId}/context`).then((r) => r.json());
    assert.equal(context.comment.likes, 1);

    await panel.getByRole('button', { name: 'Close', exact: true }).click();
    assert.equal(await embed(v.page).locator('#parley-linked').count(), 0);

    // An id that names no comment: the panel says so.
    await v.page.evaluate(() => (location.hash = '#comment-not-a-comment'));
    await embed(v.page).getByText('This comment is no longer available.').waitFor();
    assert.equal(await inView(v.page, '#parley-linked'), true);
    assert.deepEqual(v.consoleErrors, []);
  } finally {
    await v.context.close();
  }
});
