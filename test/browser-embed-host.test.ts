// The embed as a news site really uses it: a page on another origin includes Parley's script
// (element form and one-script-tag form), its hostile CSS cannot reach into the embed, posting
// works across origins (CORS), an origin the site does not allow is refused, and live updates
// arrive over a cross-origin EventSource.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { signIn } from './helpers/admin.js';
import { createModerator, launchBrowser, MODERATOR, newVisitor, seedStory, startParley, type Parley } from './helpers/browser.js';

let parley: Parley;
let browser: Browser;
let host: Server;
let hostUrl = '';

// CSS a careless host page might have: it must not change how the comments look or work.
const HOSTILE_CSS = `
  * { color: rgb(255, 0, 0) !important; font-family: "Comic Sans MS", cursive !important; line-height: 4 !important; }
  h2, button, input, textarea, form, article { display: none !important; }
  .heading, .comment, .form, .button { display: none !important; visibility: hidden !important; }
`;

function hostPage(body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,">
<style>${HOSTILE_CSS}</style></head><body><h1 id="top">The Other Origin Times</h1>${body}</body></html>`;
}

before(async () => {
  parley = await startParley();
  browser = await launchBrowser();
  host = createServer((req, res) => {
    const api = parley.baseUrl; // 127.0.0.1:<port>; the host page is on localhost:<other port>
    const pages: Record<string, string> = {
      '/element': hostPage(`<parley-comments site="news" story="far"></parley-comments><script src="${api}/embed.js" async></script>`),
      '/script-tag': hostPage(`<script src="${api}/embed.js" data-site="news" data-story="far"></script>`),
      '/not-allowed': hostPage(`<parley-comments site="closed-shop" story="far"></parley-comments><script src="${api}/embed.js" async></script>`),
    };
    const page = pages[req.url ?? ''];
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page ?? 'not found');
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://localhost:${(host.address() as AddressInfo).port}`;
  await seedStory(parley.store, { site: 'news', story: 'far', title: 'Tram line extension approved', settings: { allowedOrigins: [hostUrl] } });
  await seedStory(parley.store, { site: 'closed-shop', story: 'far', title: 'A site that allows no other origin' });
  await createModerator(parley.store);
});

after(async () => {
  await browser?.close();
  // (no host server when an earlier step of `before` failed: waiting on it would hang the file)
  if (host) await new Promise((resolve) => host.close(resolve));
  await parley?.close();
});

test('on another origin: the host page’s CSS cannot reach in; posting and live updates work', { timeout: 60_000 }, async () => {
  const author = await newVisitor(browser);
  const other = await newVisitor(browser);
  try {
    await other.page.goto(`${hostUrl}/script-tag`); // one-script-tag form
    await author.page.goto(`${hostUrl}/element`); // custom-element form
    for (const p of [author.page, other.page]) {
      await p.locator('parley-comments').getByRole('heading', { level: 2, name: 'No comments yet on ‘Tram line extension approved’' }).waitFor();
    }
    // The host's styles apply to the host page…
    assert.equal(await author.page.locator('#top').evaluate((el) => getComputedStyle(el).color), 'rgb(255, 0, 0)');
    // …but not inside the embed: visible, own colours, own fonts.
    const look = await author.page.locator('parley-comments').evaluate((el) => {
      const root = el.shadowRoot!;
      const heading = root.querySelector('.heading')!;
      const button = root.querySelector('button[type="submit"]')!;
      return {
        headingColor: getComputedStyle(heading).color,
        headingDisplay: getComputedStyle(heading).display,
        buttonDisplay: getComputedStyle(button).display,
        buttonFont: getComputedStyle(button).fontFamily,
        lineHeight: getComputedStyle(root.querySelector('.parley')!).lineHeight,
      };
    });
    assert.notEqual(look.headingColor, 'rgb(255, 0, 0)');
    assert.equal(look.headingDisplay, 'block');
    assert.notEqual(look.buttonDisplay, 'none');
    assert.doesNotMatch(look.buttonFont, /Comic/);
    assert.notEqual(look.lineHeight, '64px');

    // Post across origins (CORS preflight for the JSON body and the reader headers).
    const form = author.page.locator('parley-comments').getByRole('form', { name: 'Leave a Reply' });
    await form.getByLabel('Comment').fill('Finally a tram to the hospital. How long will the works on Station Road take?');
    await form.getByLabel('Name').fill('Ines Duarte');
    await form.getByLabel('Email').fill('ines@example.pt');
    await form.getByRole('button', { name: 'Post Comment' }).click();
    const own = author.page.locator('parley-comments').locator('article.comment', { hasText: 'tram to the hospital' });
    await own.getByText('Your comment is awaiting moderation.').waitFor();

    // Approval reaches the other reader's page over the cross-origin event stream.
    const mod = await signIn(parley.baseUrl, MODERATOR.email, MODERATOR.password);
    const id = await own.getAttribute('data-comment-id');
    assert.equal((await mod.send('POST', `/comments/${id}/approve`, {})).status, 200);
    await other.page.locator('parley-comments').locator('article.comment', { hasText: 'tram to the hospital' }).waitFor();
    // The author's own copy turns from "awaiting moderation" into a published comment, live too.
    await own.getByText('Your comment is awaiting moderation.').waitFor({ state: 'detached' });
    assert.equal(await own.getAttribute('data-status'), 'approved');
    assert.deepEqual(author.consoleErrors, []);
    assert.deepEqual(other.consoleErrors, []);
  } finally {
    await Promise.all([author.context.close(), other.context.close()]);
  }
});

test('a site that does not allow the page’s origin: the embed says so instead of breaking', { timeout: 30_000 }, async () => {
  const v = await newVisitor(browser);
  try {
    await v.page.goto(`${hostUrl}/not-allowed`);
    await v.page.locator('parley-comments').getByRole('alert').filter({ hasText: 'The comments could not be loaded.' }).waitFor();
    assert.equal(await v.page.locator('parley-comments').locator('article.comment').count(), 0);
    assert.equal(await v.page.evaluate(() => (window as unknown as { __xss: string[] }).__xss.length), 0);
  } finally {
    await v.context.close();
  }
});
