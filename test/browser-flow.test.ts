// The whole path in Chromium: a guest posts in the embed on the demo page → it waits in the
// dashboard's Pending queue → a moderator approves it with the keyboard → it appears in a second
// reader's open page without a reload. Also writes the screenshots linked from the README.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { embedOf, createModerator, launchBrowser, newVisitor, screenshot, seedStory, signInDashboard, startParley, type Parley } from './helpers/browser.js';

const TITLE = 'Riverside library reopens after two-year renovation';
let parley: Parley;
let browser: Browser;

before(async () => {
  parley = await startParley();
  await seedStory(parley.store, {
    site: 'demo',
    story: 'welcome',
    title: TITLE,
    settings: { mode: 'premod', policy: 'Be civil and stay on topic. Criticise ideas, not people. Comments are reviewed before they are published.' },
  });
  await createModerator(parley.store);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await parley?.close();
});

const embed = embedOf;

async function openArticle(page: Page): Promise<void> {
  await page.goto(`${parley.baseUrl}/demo?site=demo&story=welcome`);
  await embed(page).getByRole('heading', { level: 2 }).filter({ hasText: TITLE }).waitFor();
}

test('a guest comment waits for moderation, is approved with the keyboard, and reaches another reader live', { timeout: 90_000 }, async () => {
  const guest = await newVisitor(browser);
  const other = await newVisitor(browser);
  const desk = await newVisitor(browser);
  try {
    // The second reader is already reading the story when everything happens.
    await openArticle(other.page);
    assert.equal(await embed(other.page).getByRole('heading', { level: 2 }).textContent(), `No comments yet on ‘${TITLE}’`);

    // The guest posts through the form.
    await openArticle(guest.page);
    const form = embed(guest.page).getByRole('form', { name: 'Leave a Reply' });
    await form.getByLabel('Comment').fill('Great to see the branch open again. Will the maker space be free for students?');
    await form.getByLabel('Name').fill('Maya Lindqvist');
    await form.getByLabel('Email').fill('maya@example.org');
    await form.getByLabel('Website').fill('https://maya.example.org');
    await form.getByRole('button', { name: 'Post Comment' }).click();

    const own = embed(guest.page).locator('article.comment', { hasText: 'Will the maker space be free' });
    await own.waitFor();
    assert.equal(await own.getAttribute('data-status'), 'pending');
    await own.getByText('Your comment is awaiting moderation.').waitFor();
    // The form keeps the name and email for next time and empties the comment box.
    assert.equal(await form.getByLabel('Comment').inputValue(), '');
    assert.equal(await form.getByLabel('Name').inputValue(), 'Maya Lindqvist');

    // The pending comment survives a reload in the guest's browser (author token in localStorage)…
    await guest.page.reload();
    await embed(guest.page).getByText('Your comment is awaiting moderation.').waitFor();
    // …and nobody else sees it.
    assert.equal(await embed(other.page).locator('article.comment').count(), 0);

    // The moderator signs in and finds it in Pending, with the author's email and history.
    await signInDashboard(desk.page, parley.baseUrl);
    const pendingTab = desk.page.getByRole('navigation', { name: 'Queues' }).getByRole('button', { name: /Pending/ });
    await desk.page.locator('.card', { hasText: 'Will the maker space be free' }).waitFor();
    assert.match((await pendingTab.textContent()) ?? '', /Pending\s*1/);
    const card = desk.page.locator('.card').first();
    assert.match((await card.textContent()) ?? '', /maya@example\.org/);
    assert.match((await card.textContent()) ?? '', /0 approved/);
    assert.match((await card.textContent()) ?? '', new RegExp(TITLE));
    await screenshot(desk.page, 'dashboard-pending.png');

    // Keyboard only: the first card is selected; "a" approves it.
    await desk.page.keyboard.press('a');
    await desk.page.getByRole('status').filter({ hasText: 'Approved: Maya Lindqvist.' }).waitFor();
    await desk.page.getByText('Nothing here. Well done.').waitFor();
    assert.match((await pendingTab.textContent()) ?? '', /Pending\s*0/);

    // The other reader sees it appear without reloading, announced politely.
    const arrived = embed(other.page).locator('article.comment', { hasText: 'Will the maker space be free' });
    await arrived.waitFor({ timeout: 10_000 });
    assert.equal(await embed(other.page).getByRole('heading', { level: 2 }).textContent(), `1 thought on ‘${TITLE}’`);
    assert.equal(await embed(other.page).locator('[aria-live="polite"]').textContent(), 'New comment from Maya Lindqvist.');
    // The author's name links to their website, marked as user content.
    const link = arrived.getByRole('link', { name: 'Maya Lindqvist' });
    assert.equal(await link.getAttribute('href'), 'https://maya.example.org/');
    assert.equal(await link.getAttribute('rel'), 'nofollow ugc noopener');
    // The exact time is in the tooltip; the visible time is relative.
    const time = arrived.locator('time');
    assert.equal(await time.textContent(), 'just now');
    assert.match((await time.getAttribute('title')) ?? '', /\d{4}/);

    // "u" undoes the approval: the comment goes back to Pending.
    await desk.page.keyboard.press('u');
    await desk.page.locator('.card', { hasText: 'Will the maker space be free' }).waitFor();
    await desk.page.keyboard.press('a');
    await desk.page.getByText('Nothing here. Well done.').waitFor();

    for (const v of [guest, other, desk]) {
      assert.deepEqual(v.consoleErrors, [], 'no console errors');
      assert.deepEqual(v.dialogs, []);
    }
  } finally {
    await Promise.all([guest.context.close(), other.context.close(), desk.context.close()]);
  }
});

test('replies, likes and the screenshots of the embed in light and dark', { timeout: 60_000 }, async () => {
  const reader = await newVisitor(browser);
  try {
    await openArticle(reader.page);
    const first = embed(reader.page).locator('article.comment').first();
    await first.waitFor();

    // Like toggles, with "Liked by 1 person".
    await first.getByRole('button', { name: 'Like' }).click();
    await first.getByText('Liked by 1 person').waitFor();
    assert.equal(await first.getByRole('button', { name: 'Like' }).getAttribute('aria-pressed'), 'true');
    await reader.page.reload();
    await embed(reader.page).getByText('Liked by 1 person').waitFor();

    // Reply: the form opens under the comment , focused on its first empty field.
    await first.getByRole('button', { name: 'Reply to Maya Lindqvist' }).click();
    const replyForm = embed(reader.page).getByRole('form', { name: 'Reply to Maya Lindqvist' });
    await replyForm.waitFor();
    await replyForm.getByLabel('Comment').fill('It is free for anyone with a library card, according to the council.');
    await replyForm.getByLabel('Name').fill('Daniel Obi');
    await replyForm.getByLabel('Email').fill('daniel@example.net');
    await replyForm.getByRole('button', { name: 'Post Comment' }).click();
    const reply = embed(reader.page).locator('.replies article.comment', { hasText: 'library card' });
    await reply.waitFor();
    assert.equal(await reply.getAttribute('data-status'), 'pending');

    // More approved comments for a realistic screenshot, then approve the reply too.
    const client = await import('./helpers/admin.js');
    const mod = await client.signIn(parley.baseUrl, 'desk@courier.example', 'correct horse battery staple');
    for (const [name, body] of [
      ['Ruth Okafor', 'Thank you to everyone who wrote to the council. **Two years** of letters, and it worked.'],
      ['Sam Whitfield', 'Good news, but I would still like to see the final costs published. The bus cuts hurt a lot of people on my street.'],
    ] as const) {
      const res = await fetch(`${parley.baseUrl}/api/v1/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ site: 'demo', story: 'welcome', name, email: `${name.split(' ')[0]!.toLowerCase()}@example.com`, body }),
      });
      assert.equal(res.status, 201);
      const { comment } = (await res.json()) as { comment: { id: string } };
      assert.equal((await mod.send('POST', `/comments/${comment.id}/approve`, {})).status, 200);
    }
    await reader.page.reload();
    await embed(reader.page).getByRole('heading', { level: 2 }).filter({ hasText: `3 thoughts on ‘${TITLE}’` }).waitFor();
    // The reader's own pending reply is still there after reload.
    await embed(reader.page).locator('.replies article.comment', { hasText: 'library card' }).waitFor();

    // Sorting: newest first puts the last comment on top.
    const firstAuthor = () => embed(reader.page).locator('.thread > li > article.comment .author').first().textContent();
    assert.equal(await firstAuthor(), 'Maya Lindqvist');
    await embed(reader.page).getByLabel('Sort by').selectOption('newest');
    await reader.page.waitForFunction(() => {
      const root = document.querySelector('parley-comments')?.shadowRoot;
      return root?.querySelector('.thread > li > article.comment .author')?.textContent === 'Sam Whitfield';
    });
    await embed(reader.page).getByLabel('Sort by').selectOption('oldest');
    await reader.page.waitForFunction(() => {
      const root = document.querySelector('parley-comments')?.shadowRoot;
      return root?.querySelector('.thread > li > article.comment .author')?.textContent === 'Maya Lindqvist';
    });

    // Reporting a comment puts it in the moderators' Reported queue.
    const sam = embed(reader.page).locator('article.comment', { hasText: 'Sam Whitfield' });
    await sam.getByRole('button', { name: 'Report' }).click();
    const reportForm = sam.getByRole('form', { name: 'Report this comment to the moderators' });
    await reportForm.getByLabel('What is wrong with it?').selectOption('off-topic');
    await reportForm.getByRole('button', { name: 'Send report' }).click();
    await sam.getByText('Thank you. Our moderators will take a look.').waitFor();
    const reported = await mod.get('/queue?status=reported&site=demo');
    assert.equal(reported.status, 200);
    assert.deepEqual(reported.body.comments.map((x: { author: { name: string } }) => x.author.name), ['Sam Whitfield']);

    await screenshot(reader.page, 'embed-light.png', { element: 'section.comments' });
    await reader.page.emulateMedia({ colorScheme: 'dark' });
    const bg = await embed(reader.page).locator('.parley').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(bg, 'rgb(255, 255, 255)', 'dark mode follows prefers-color-scheme');
    await screenshot(reader.page, 'embed-dark.png', { element: 'section.comments' });
    assert.deepEqual(reader.consoleErrors, []);
  } finally {
    await reader.context.close();
  }
});

test('a site can translate every word of the embed through window.ParleyStrings', { timeout: 30_000 }, async () => {
  const reader = await newVisitor(browser);
  try {
    await reader.context.addInitScript(() => {
      (window as unknown as { ParleyStrings: Record<string, string> }).ParleyStrings = {
        locale: 'de',
        headingMany: '{n} Kommentare zu „{title}“',
        formTitle: 'Schreiben Sie einen Kommentar',
        postComment: 'Kommentar senden',
        comment: 'Kommentar',
        name: 'Name',
        email: 'E-Mail',
        like: 'Gefällt mir',
        reply: 'Antworten',
        timeAgoNow: 'gerade eben',
      };
    });
    await reader.page.goto(`${parley.baseUrl}/demo?site=demo&story=welcome`);
    await embed(reader.page).getByRole('heading', { level: 2, name: `3 Kommentare zu „${TITLE}“` }).waitFor();
    const form = embed(reader.page).getByRole('form', { name: 'Schreiben Sie einen Kommentar' });
    await form.getByRole('button', { name: 'Kommentar senden' }).waitFor();
    await form.getByLabel('E-Mail').waitFor();
    assert.ok((await embed(reader.page).getByRole('button', { name: 'Gefällt mir' }).count()) >= 3);
    // Times use the locale too (the demo comments are minutes old, so "vor … Minuten" or "gerade eben").
    const times = await embed(reader.page).locator('time').allTextContents();
    assert.ok(times.every((t) => /^(vor \d+ Minuten?|gerade eben)$/.test(t)), times.join(', '));
  } finally {
    await reader.context.close();
  }
});

test('reply buttons stop at the site’s depth limit', { timeout: 30_000 }, async () => {
  await seedStory(parley.store, { site: 'shallow', story: 'one', title: 'A shallow thread', settings: { depthLimit: 2 } });
  const { signIn } = await import('./helpers/admin.js');
  const mod = await signIn(parley.baseUrl, 'desk@courier.example', 'correct horse battery staple');
  const postAndApprove = async (body: string, parent?: string) => {
    const res = await fetch(`${parley.baseUrl}/api/v1/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ site: 'shallow', story: 'one', name: 'Ana', email: 'ana@example.com', body, parent }),
    });
    assert.equal(res.status, 201);
    const { comment } = (await res.json()) as { comment: { id: string } };
    assert.equal((await mod.send('POST', `/comments/${comment.id}/approve`, {})).status, 200);
    return comment.id;
  };
  const top = await postAndApprove('Top-level comment.');
  await postAndApprove('A reply at the deepest level allowed.', top);
  const reader = await newVisitor(browser);
  try {
    await reader.page.goto(`${parley.baseUrl}/demo?site=shallow&story=one`);
    const topItem = embed(reader.page).locator('.thread > li > article.comment');
    const replyItem = embed(reader.page).locator('.replies article.comment');
    await replyItem.waitFor();
    assert.equal(await topItem.getByRole('button', { name: 'Reply to Ana' }).count(), 1);
    assert.equal(await replyItem.getByRole('button', { name: 'Reply to Ana' }).count(), 0);
  } finally {
    await reader.context.close();
  }
});

test('count.js fills in the counts on the section page in one request', { timeout: 30_000 }, async () => {
  const reader = await newVisitor(browser);
  try {
    const countRequests: string[] = [];
    reader.page.on('request', (r) => {
      if (r.url().includes('/api/v1/counts')) countRequests.push(r.url());
    });
    await reader.page.goto(`${parley.baseUrl}/demo/section?site=demo`);
    const welcome = reader.page.locator('[data-parley-count="welcome"]');
    await reader.page.waitForFunction(() => document.querySelector('[data-parley-count="welcome"]')?.textContent?.includes('comment'));
    assert.equal(await welcome.textContent(), '3 comments');
    assert.equal(await reader.page.locator('[data-parley-count="budget-vote"]').textContent(), 'No comments');
    assert.equal(countRequests.length, 1);
    const url = new URL(countRequests[0]!);
    assert.ok(url.searchParams.getAll('story').length >= 4);
  } finally {
    await reader.context.close();
  }
});
