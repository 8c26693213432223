// Junk in every field and parameter of every public endpoint: always a clear 4xx (or a normal
// success), never a 500. Deterministic pseudo-random inputs so a failure can be replayed.
import assert from 'node:assert/strict';
import { forEachDatabase } from './helpers/databases.js';
import { startTestServer, request } from './helpers/server.js';
import { seedCoreFixtures, guest } from './helpers/core-fixtures.js';

function rng(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

const JUNK: unknown[] = [
  null, true, false, 0, -1, 1e308, NaN, '', ' ', 'x'.repeat(6000), '\u0000', '\ud800', '💬'.repeat(3000), '<script>', [], [1, 2],
  {}, { $gt: '' }, '__proto__', 'constructor', '../../etc/passwd', "' OR 1=1 --", 'javascript:alert(1)', 'a@b', 'https://',
];
const QUERY_JUNK = ['', '%00', '%ZZ', 'x'.repeat(3000), '-1', '0', '101', '1.5', 'NaN', '%F0%9F%92%AC', '__proto__', "'%20OR%201=1"];

/** Headers must be ASCII: junk goes in percent-encoded (a lone surrogate becomes a plain 'x'). */
function asciiHeader(value: unknown): string {
  try {
    return encodeURIComponent(String(value)).slice(0, 300);
  } catch {
    return 'x';
  }
}

forEachDatabase('junk input never causes a 500', async (store) => {
  await seedCoreFixtures(store);
  const s = await startTestServer(store);
  const random = rng(42);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  try {
    const ok = await request(s.baseUrl, '/api/v1/comments', { body: guest('live', 't') });
    const id: string = ok.body.comment.id;
    const token: string = ok.body.authorToken;
    const failures: string[] = [];
    const check = async (label: string, p: Promise<{ status: number; text: string }>) => {
      const r = await p;
      if (r.status >= 500 || r.status < 200) failures.push(`${label} → ${r.status} ${r.text.slice(0, 200)}`);
      else if (r.status >= 400 && !/"error":"/.test(r.text)) failures.push(`${label} → ${r.status} without an error message: ${r.text.slice(0, 200)}`);
    };
    for (let i = 0; i < 120; i++) {
      const body: Record<string, unknown> = guest(pick(['live', 'news', 'nope']), pick(['t', 'a', 'closed', 'nope']));
      for (const field of ['site', 'story', 'parent', 'name', 'email', 'website', 'body', 'honeypot', 'acknowledgeNudge']) {
        if (random() < 0.35) body[field] = pick(JUNK);
      }
      const payload = JSON.stringify(body);
      await check(`POST ${payload.slice(0, 120)}`, request(s.baseUrl, '/api/v1/comments', { rawBody: payload, headers: random() < 0.2 ? { 'x-parley-author': asciiHeader(pick(JUNK)) } : {} }));
      await check(`PATCH ${payload.slice(0, 80)}`, request(s.baseUrl, `/api/v1/comments/${pick([id, 'nope', '%00', 'x'.repeat(300)])}`, { method: 'PATCH', rawBody: JSON.stringify({ body: pick(JUNK) }), headers: { 'x-parley-author': pick([token, '', 'short']) } }));
      await check('report', request(s.baseUrl, `/api/v1/comments/${pick([id, 'nope'])}/reports`, { rawBody: JSON.stringify(pick([{ reason: pick(JUNK) }, pick(JUNK)])) }));
      await check('like', request(s.baseUrl, `/api/v1/comments/${pick([id, 'nope'])}/likes`, { method: pick(['POST', 'DELETE']), headers: { 'x-parley-reader': pick(['r'.repeat(20), '', 'bad reader id', 'x'.repeat(200)]) } }));
      const q = `site=${pick(['live', 'news', ...QUERY_JUNK])}&story=${pick(['t', ...QUERY_JUNK])}&sort=${pick(['oldest', 'liked', ...QUERY_JUNK])}&limit=${pick(['5', ...QUERY_JUNK])}&cursor=${pick(QUERY_JUNK)}`;
      await check(`GET ?${q.slice(0, 120)}`, request(s.baseUrl, `/api/v1/comments?${q}`));
      await check(`counts ?${q.slice(0, 120)}`, request(s.baseUrl, `/api/v1/counts?${q}&story=${pick(QUERY_JUNK)}`));
      await check('replies', request(s.baseUrl, `/api/v1/comments/${pick([id, 'nope'])}/replies?cursor=${pick(QUERY_JUNK)}&limit=${pick(QUERY_JUNK)}`));
    }
    for (const raw of ['{', '{"a":', '[', '"', 'nul', '{"site":"live"}}', '\u0000', '{"__proto__":{"x":1}}']) {
      await check(`raw ${JSON.stringify(raw)}`, request(s.baseUrl, '/api/v1/comments', { rawBody: raw }));
    }
    assert.deepEqual(failures, []);
  } finally {
    await s.close();
  }
}, { timeout: 180_000 });
