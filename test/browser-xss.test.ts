// XSS in a real browser: every payload of test/fixtures/xss-payloads.ts is posted as a name, a
// website and a body, approved, then rendered in the embed (on a host page without any CSP) and in
// the dashboard. A page-level hook records any execution; the host page's layout must not change.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { XSS_PAYLOADS } from './fixtures/xss-payloads.js';
import { signIn } from './helpers/admin.js';
import { createModerator, launchBrowser, MODERATOR, newVisitor, seedStory, signInDashboard, startParley, type Parley } from './helpers/browser.js';

let parley: Parley;
let browser: Browser;
const posted = { names: 0, bodies: 0, websites: 0, websitesRefused: 0 };
let approvedTotal = 0;

async function post(fields: Record<string, string>): Promise<{ status: number; id?: string }> {
  const res = await fetch(`${parley.baseUrl}/api/v1/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ site: 'xss', story: 'payloads', ...fields }),
  });
  const body = (await res.json()) as { comment?: { id: string } };
  return { status: res.status, id: body.comment?.id };
}

before(async () => {
  const started = Date.now();
  parley = await startParley();
  await seedStory(parley.store, { site: 'xss', story: 'payloads', title: 'A story with hostile comments' });
  await createStoryWithoutComments();
  await createModerator(parley.store);

  const ids: string[] = [];
  for (const { id, payload } of XSS_PAYLOADS) {
    const asName = await post({ name: payload.slice(0, 100), email: `name${id}@example.com`, body: `Payload ${id} as a name.` });
    if (asName.status === 201) (ids.push(asName.id!), posted.names++);
    else assert.equal(asName.status, 400, `payload ${id} as a name: a clear 400, not ${asName.status}`);

    const asBody = await post({ name: `Body ${id}`, email: `body${id}@example.com`, body: payload });
    assert.equal(asBody.status, 201, `payload ${id} as a body is accepted (and sanitized)`);
    ids.push(asBody.id!), posted.bodies++;

    // A website must be an http(s) URL: a refused one is fine (400 on the field); then the payload
    // is tried inside a URL, which the server may accept.
    let asWebsite = await post({ name: `Site ${id}`, email: `site${id}@example.com`, website: payload, body: `Payload ${id} as a website.` });
    if (asWebsite.status === 400) {
      posted.websitesRefused++;
      asWebsite = await post({ name: `Site ${id}`, email: `site${id}@example.com`, website: `https://example.com/${payload}`, body: `Payload ${id} inside a website URL.` });
    }
    if (asWebsite.status === 201) (ids.push(asWebsite.id!), posted.websites++);
    else assert.equal(asWebsite.status, 400);
  }
  assert.ok(XSS_PAYLOADS.length >= 50, 'at least 50 kinds of payload');
  assert.ok(posted.websites > 0 && posted.names > 0);

  const mod = await signIn(parley.baseUrl, MODERATOR.email, MODERATOR.password);
  const res = await mod.send('POST', '/comments/batch', { ids, action: 'approve' });
  assert.equal(res.status, 200, res.text);
  approvedTotal = ids.length;
  browser = await launchBrowser();
  console.log(`# XSS fixtures posted and approved in ${Date.now() - started} ms`);
});

async function createStoryWithoutComments(): Promise<void> {
  await seedStory(parley.store, { site: 'xss', story: 'quiet', title: 'A story with hostile comments' });
}

after(async () => {
  await browser?.close();
  await parley?.close();
});

/**
 * The host page's own layout and look: boxes of its elements and key computed styles.
 * (A string, because tsx would wrap named inner functions in a helper the page does not have.)
 */
const HOST_LAYOUT = `(() => {
  const pick = (sel) => {
    const el = document.querySelector(sel);
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    return {
      box: [r.x, r.y + scrollY, r.width, r.height].map((n) => Math.round(n)),
      style: [cs.color, cs.backgroundColor, cs.fontFamily, cs.fontSize, cs.display, cs.visibility, cs.position].join('|'),
    };
  };
  return {
    masthead: pick('header.masthead'),
    headline: pick('#headline'),
    article: pick('main article'),
    // The body grows with the comments; its position, width and look must not change.
    body: { ...pick('body'), box: pick('body').box.slice(0, 3) },
    commentsWidth: Math.round(document.querySelector('section.comments').getBoundingClientRect().width),
    embedWidth: Math.round(document.querySelector('parley-comments').getBoundingClientRect().width),
    overflowsSideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    lightDomElements: document.querySelectorAll('*').length,
  };
})()`;

interface HostLayout {
  masthead: unknown;
  headline: unknown;
  article: unknown;
  body: unknown;
  commentsWidth: number;
  embedWidth: number;
  overflowsSideways: boolean;
  lightDomElements: number;
}

function hostLayout(page: Page): Promise<HostLayout> {
  return page.evaluate(HOST_LAYOUT) as Promise<HostLayout>;
}

/** Hovers, focuses and mouses over every element inside the given roots, to fire any handler. */
async function poke(page: Page, rootSelector: string): Promise<void> {
  await page.evaluate((sel) => {
    const roots: ParentNode[] = [];
    for (const host of document.querySelectorAll('parley-comments')) if (host.shadowRoot) roots.push(host.shadowRoot);
    roots.push(document);
    for (const root of roots) {
      for (const el of root.querySelectorAll(`${sel} *`)) {
        for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin', 'pointerdown', 'animationstart']) {
          el.dispatchEvent(new Event(type, { bubbles: true }));
        }
      }
    }
  }, rootSelector);
}

/** Elements and attributes that must never come out of user content. */
function dangerousMarkup(page: Page, rootSelector: string) {
  return page.evaluate((sel) => {
    const roots: ParentNode[] = [document];
    for (const host of document.querySelectorAll('parley-comments')) if (host.shadowRoot) roots.push(host.shadowRoot);
    const found: string[] = [];
    for (const root of roots) {
      for (const el of root.querySelectorAll(`${sel} *`)) {
        const tag = el.tagName.toLowerCase();
        if (['script', 'iframe', 'object', 'embed', 'style', 'link', 'meta', 'base', 'form', 'frame', 'frameset', 'svg', 'math', 'template', 'input', 'button'].includes(tag)) {
          found.push(`<${tag}>`);
        }
        for (const attr of el.getAttributeNames()) {
          if (attr.startsWith('on') || attr === 'style' || attr === 'formaction' || attr.includes('href') && /^\s*(javascript|data|vbscript):/i.test(el.getAttribute(attr) ?? '')) {
            found.push(`${tag}[${attr}=${(el.getAttribute(attr) ?? '').slice(0, 40)}]`);
          }
        }
        const url = (el as HTMLAnchorElement).href ?? (el as HTMLImageElement).src;
        if (typeof url === 'string' && /^(javascript|data|vbscript):/i.test(url)) found.push(`${tag} → ${url.slice(0, 40)}`);
      }
    }
    return found;
  }, rootSelector);
}

test('no payload runs or breaks the host page in the embed', { timeout: 120_000 }, async () => {
  const v = await newVisitor(browser);
  try {
    // The same page with a story that has no comments is the baseline.
    await v.page.goto(`${parley.baseUrl}/demo?site=xss&story=quiet`);
    await v.page.locator('parley-comments').getByRole('heading', { level: 2 }).waitFor();
    const baseline = await hostLayout(v.page);

    await v.page.goto(`${parley.baseUrl}/demo?site=xss&story=payloads`);
    const embed = v.page.locator('parley-comments');
    await embed.getByRole('heading', { level: 2, name: new RegExp(`^${approvedTotal} thoughts on`) }).waitFor();
    // Load every page of the thread.
    for (let i = 0; i < 50; i++) {
      const more = embed.getByRole('button', { name: 'Load more comments' });
      if ((await more.count()) === 0) break;
      await more.click();
      await v.page.waitForTimeout(150);
    }
    assert.equal(await embed.locator('article.comment').count(), approvedTotal, 'every approved comment is rendered');
    await embed.locator('article.comment').last().scrollIntoViewIfNeeded();
    await poke(v.page, '.thread');
    await v.page.waitForTimeout(500);

    assert.deepEqual(await v.page.evaluate(() => (window as unknown as { __xss: string[] }).__xss), [], 'no payload executed');
    assert.deepEqual(v.dialogs, []);
    assert.deepEqual(v.consoleErrors, []);
    assert.deepEqual(await dangerousMarkup(v.page, '.thread .body'), []);

    // Names are shown as text: exactly the names the API returns, character for character.
    const apiNames: string[] = [];
    for (let cursor: string | null = null, i = 0; i === 0 || cursor; i++) {
      const page = (await (
        await fetch(`${parley.baseUrl}/api/v1/comments?site=xss&story=payloads&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      ).json()) as { comments: { author: { name: string } }[]; nextCursor: string | null };
      apiNames.push(...page.comments.map((c) => c.author.name));
      cursor = page.nextCursor;
    }
    const shownNames = await embed.locator('.author').allTextContents();
    assert.deepEqual([...shownNames].sort(), [...apiNames].sort());
    // (The server turns < and > in names into spaces; the rest of a payload is shown as text.)
    assert.ok(shownNames.some((n) => n.includes('onerror="__xss.push(3)"')), 'a handler-looking name is shown as text');
    // Website links are only ever http(s), and carry rel="nofollow ugc noopener".
    const links = await embed.locator('a.author').evaluateAll((els) => els.map((a) => [a.getAttribute('href'), a.getAttribute('rel')]));
    assert.ok(links.length > 0);
    for (const [href, rel] of links) {
      assert.match(href ?? '', /^https?:\/\//);
      assert.equal(rel, 'nofollow ugc noopener');
    }

    const withPayloads = await hostLayout(v.page);
    assert.deepEqual(
      { ...withPayloads, lightDomElements: undefined },
      { ...baseline, lightDomElements: undefined },
      'the host page looks and sits exactly as before',
    );
    assert.equal(withPayloads.lightDomElements, baseline.lightDomElements, 'nothing was added to the host page’s own DOM');
    assert.equal(withPayloads.overflowsSideways, false);
    assert.equal(withPayloads.embedWidth, withPayloads.commentsWidth, 'the embed stays within its column');
  } finally {
    await v.context.close();
  }
});

test('no payload runs in the moderator dashboard', { timeout: 120_000 }, async () => {
  const v = await newVisitor(browser);
  try {
    await signInDashboard(v.page, parley.baseUrl);
    await v.page.getByRole('combobox', { name: 'Site' }).selectOption('xss');
    await v.page.getByRole('navigation', { name: 'Queues' }).getByRole('button', { name: /Approved/ }).click();
    await v.page.locator('.card').first().waitFor();
    for (let i = 0; i < 50; i++) {
      const more = v.page.getByRole('button', { name: 'Load more' });
      if ((await more.count()) === 0) break;
      await more.click();
      await v.page.waitForTimeout(150);
    }
    assert.equal(await v.page.locator('.card').count(), approvedTotal);
    // Walk down the queue with the keyboard (each card gets focus and scrolls into view).
    for (let i = 0; i < Math.min(approvedTotal, 60); i++) await v.page.keyboard.press('j');
    assert.equal(await v.page.locator('.card[aria-current="true"]').getAttribute('data-index'), String(Math.min(approvedTotal, 60)));
    await poke(v.page, '.cards');
    await v.page.waitForTimeout(500);
    assert.deepEqual(await v.page.evaluate(() => (window as unknown as { __xss: string[] }).__xss), [], 'no payload executed (or was blocked by the CSP)');
    assert.deepEqual(v.dialogs, []);
    assert.deepEqual(v.consoleErrors, []);
    // The card text is the source as typed, shown as text; only sanitized HTML would be markup.
    assert.deepEqual(await dangerousMarkup(v.page, '.card .text'), []);
    assert.ok((await v.page.locator('.card .text').allTextContents()).some((t) => t.includes('<script>__xss.push(1)</script>')));
    const overflow = await v.page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    assert.equal(overflow, false, 'long payloads do not push the dashboard sideways');
  } finally {
    await v.context.close();
  }
  console.log(`# XSS: ${XSS_PAYLOADS.length} payloads; posted ${posted.names} as names, ${posted.bodies} as bodies, ${posted.websites} as websites (${posted.websitesRefused} bare website payloads refused with 400); ${approvedTotal} approved and rendered`);
});
