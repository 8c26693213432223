// The browser-facing routes of src/http/web.ts over real HTTP: bundles with ETag/304 and cache
// headers, the dashboard shell with its Content-Security-Policy, and demo pages that escape
// whatever is in the query string.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertBundlesBuilt, seedStory, startParley, type Parley } from './helpers/browser.js';

let parley: Parley;

before(async () => {
  assertBundlesBuilt();
  parley = await startParley();
  await seedStory(parley.store, { site: 'demo', story: 'welcome', title: 'Riverside <b>library</b> reopens', siteName: 'The "Quoted" Courier' });
});
after(() => parley?.close());

for (const [path, cache] of [
  ['/embed.js', /max-age=86400/],
  ['/count.js', /max-age=86400/],
  ['/admin.js', /no-cache/],
] as const) {
  test(`${path} is served as JavaScript with an ETag, and revalidates with 304`, async () => {
    const first = await fetch(parley.baseUrl + path);
    assert.equal(first.status, 200);
    assert.match(first.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.match(first.headers.get('cache-control') ?? '', cache);
    assert.equal(first.headers.get('x-content-type-options'), 'nosniff');
    const etag = first.headers.get('etag');
    assert.ok(etag && etag.length > 10);
    assert.ok((await first.text()).length > 100);
    const again = await fetch(parley.baseUrl + path, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    const stale = await fetch(parley.baseUrl + path, { headers: { 'if-none-match': '"something-else"' } });
    assert.equal(stale.status, 200);
  });
}

test('/admin is an HTML shell that only runs Parley’s own scripts', async () => {
  const res = await fetch(`${parley.baseUrl}/admin`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
  const html = await res.text();
  assert.match(html, /<script src="\/admin\.js" defer><\/script>/);
  assert.doesNotMatch(html, /<script>/, 'no inline script');
});

test('/demo shows the stored story and escapes everything taken from the query or the database', async () => {
  const ok = await fetch(`${parley.baseUrl}/demo?site=demo&story=welcome`);
  assert.equal(ok.status, 200);
  const html = await ok.text();
  assert.match(html, /<h1 id="headline">Riverside &#60;b&#62;library&#60;\/b&#62; reopens<\/h1>/);
  assert.match(html, /<parley-comments site="demo" story="welcome"><\/parley-comments>/);
  assert.match(html, /<script src="\/embed\.js" defer><\/script>/);
  assert.doesNotMatch(html, /<b>library<\/b>/);
  assert.match(html, /&#34;Quoted&#34;/);

  const evil = '"><script>alert(1)</script>';
  const res = await fetch(`${parley.baseUrl}/demo?site=${encodeURIComponent(evil)}&story=${encodeURIComponent(evil)}`);
  assert.equal(res.status, 200);
  const page = await res.text();
  assert.doesNotMatch(page, /<script>alert\(1\)<\/script>/);
  assert.match(page, /story="&#34;&#62;&#60;script&#62;alert\(1\)&#60;\/script&#62;"/);
});

test('/demo/section lists the site’s stories with count placeholders and loads count.js once', async () => {
  const res = await fetch(`${parley.baseUrl}/demo/section?site=demo`);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /data-parley-count="welcome"/);
  assert.ok((html.match(/data-parley-count=/g) ?? []).length >= 4);
  assert.equal((html.match(/<script src="\/count\.js" data-site="demo" async><\/script>/g) ?? []).length, 1);
});
