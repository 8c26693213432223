// The Perspective-compatible endpoint through real HTTP, against the request and reply shapes of
// Perspective's documentation (developers.perspectiveapi.com "About the API – Methods", AnalyzeComment;
// and the v1alpha1 discovery document: AnalyzeCommentRequest, AttributeParameters, AnalyzeCommentResponse,
// AttributeScores, SpanScore, Score). The key comes from `parley apikey create`, run as a real process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { forEachDatabase, withDatabase } from './helpers/databases.js';
import { createApiKey, hashKey, revokeApiKey, verifyApiKey } from '../src/moderation/apikeys.js';
import { startTestServer, request } from './helpers/server.js';

const run = promisify(execFile);
const ROOT = new URL('..', import.meta.url).pathname;

const ALL = ['TOXICITY', 'SEVERE_TOXICITY', 'INSULT', 'PROFANITY', 'THREAT', 'IDENTITY_ATTACK', 'SPAM', 'UNSUBSTANTIAL'];

function assertScore(score: unknown): void {
  assert.deepEqual(Object.keys(score as object).sort(), ['type', 'value']);
  const s = score as { value: number; type: string };
  assert.equal(s.type, 'PROBABILITY');
  assert.ok(s.value >= 0 && s.value <= 1, String(s.value));
}

test('comments:analyze answers in Perspective\'s shapes, behind an API key', { timeout: 120_000 }, async () => {
  await withDatabase('sqlite', async (store, database) => {
    // A key as an operator makes one: printed once on stdout.
    const created = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'apikey', 'create', '--name', 'coral-talk', '--data', database.dataDir], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' } });
    const key = created.stdout.trim();
    assert.match(key, /^pk_[A-Za-z0-9_-]{40,}$/);
    assert.match(created.stderr, /not shown again/);
    const stored = await store.db.selectFrom('api_keys').selectAll().execute();
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0].key_hash, key, 'only a hash of the key is stored');

    const server = await startTestServer(store, database.dataDir);
    try {
      const url = (k?: string) => `/v1alpha1/comments:analyze${k === undefined ? '' : `?key=${encodeURIComponent(k)}`}`;

      // The documentation's sample request.
      const docSample = { comment: { text: 'What kind of idiot name is foo?' }, languages: ['en'], requestedAttributes: { TOXICITY: {} } };
      const ok = await request(server.baseUrl, url(key), { body: docSample });
      assert.equal(ok.status, 200, ok.text);
      assert.deepEqual(Object.keys(ok.body).sort(), ['attributeScores', 'detectedLanguages', 'languages']);
      assert.deepEqual(ok.body.languages, ['en']);
      assert.deepEqual(ok.body.detectedLanguages, ['en']);
      assert.deepEqual(Object.keys(ok.body.attributeScores), ['TOXICITY']);
      const tox = ok.body.attributeScores.TOXICITY;
      assertScore(tox.summaryScore);
      assert.equal(tox.spanScores.length, 1);
      assert.deepEqual([tox.spanScores[0].begin, tox.spanScores[0].end], [0, docSample.comment.text.length]);
      assertScore(tox.spanScores[0].score);

      // Every supported attribute, per-sentence span annotations, the client token echoed.
      const text = 'Thanks for the report. You are an idiot!';
      const all = await request(server.baseUrl, url(key), {
        body: { comment: { text, type: 'PLAIN_TEXT' }, requestedAttributes: Object.fromEntries(ALL.map((a) => [a, { scoreType: 'PROBABILITY' }])),
          spanAnnotations: true, doNotStore: true, clientToken: 'tok-1' },
      });
      assert.equal(all.status, 200, all.text);
      assert.equal(all.body.clientToken, 'tok-1');
      assert.deepEqual(Object.keys(all.body.attributeScores).sort(), [...ALL].sort());
      for (const name of ALL) {
        const a = all.body.attributeScores[name];
        assertScore(a.summaryScore);
        assert.deepEqual(a.spanScores.map((s: { begin: number; end: number }) => text.slice(s.begin, s.end)), ['Thanks for the report.', 'You are an idiot!']);
        for (const s of a.spanScores) assertScore(s.score);
      }
      // The insulting sentence scores higher than the polite one.
      const insult = all.body.attributeScores.INSULT.spanScores;
      assert.ok(insult[1].score.value > insult[0].score.value, JSON.stringify(insult));

      // HTML comments are scored on their text; offsets still point into the HTML as sent.
      const html = '<p>Thanks for the report.</p><p>You are an <b>idiot</b>!</p>';
      const h = await request(server.baseUrl, url(key), { body: { comment: { text: html, type: 'HTML' }, requestedAttributes: { INSULT: {} }, spanAnnotations: true } });
      assert.equal(h.status, 200, h.text);
      const hs = h.body.attributeScores.INSULT.spanScores;
      assert.equal(hs.length, 2);
      assert.ok(html.slice(hs[1].begin, hs[1].end).includes('idiot'));
      assert.ok(hs[1].score.value > hs[0].score.value);

      // scoreThreshold: attributes scoring below it are left out.
      const th = await request(server.baseUrl, url(key), { body: { comment: { text: 'A calm, polite remark about the budget.' }, requestedAttributes: { THREAT: { scoreThreshold: 0.99 }, TOXICITY: {} } } });
      assert.equal(th.status, 200, th.text);
      assert.deepEqual(Object.keys(th.body.attributeScores), ['TOXICITY']);

      // Keys: missing, wrong, revoked → 403 PERMISSION_DENIED in Google's error shape.
      for (const k of [undefined, 'pk_wrong', key.slice(0, -1)]) {
        const denied = await request(server.baseUrl, url(k), { body: docSample });
        assert.equal(denied.status, 403);
        assert.equal(denied.body.error.code, 403);
        assert.equal(denied.body.error.status, 'PERMISSION_DENIED');
        assert.ok(denied.body.error.message.length > 10);
      }
      // The key in Google's header works too.
      const viaHeader = await request(server.baseUrl, url(), { body: docSample, headers: { 'x-goog-api-key': key } });
      assert.equal(viaHeader.status, 200);

      // Bad requests → 400 INVALID_ARGUMENT with a message naming the problem.
      const bad: [unknown, RegExp][] = [
        [{ comment: { text: '' }, requestedAttributes: { TOXICITY: {} } }, /non-empty/],
        [{ comment: { text: '   ' }, requestedAttributes: { TOXICITY: {} } }, /non-empty/],
        [{ requestedAttributes: { TOXICITY: {} } }, /comment\.text/],
        [{ comment: { text: 'hi there' }, requestedAttributes: { FLIRTATION: {} } }, /Unknown requested attribute: FLIRTATION/],
        [{ comment: { text: 'hi there' }, requestedAttributes: {} }, /at least one attribute/],
        [{ comment: { text: 'hi there' }, requestedAttributes: { TOXICITY: { scoreType: 'STD_DEV_SCORE' } } }, /scoreType/],
        [{ comment: { text: 'hi there' }, requestedAttributes: { TOXICITY: { scoreThreshold: 2 } } }, /scoreThreshold/],
        [{ comment: { text: 'hallo zusammen' }, languages: ['de'], requestedAttributes: { TOXICITY: {} } }, /does not support request languages: de/],
        [{ comment: { text: 'x'.repeat(20_481) }, requestedAttributes: { TOXICITY: {} } }, /too long/],
      ];
      for (const [body, message] of bad) {
        const r = await request(server.baseUrl, url(key), { body });
        assert.equal(r.status, 400, JSON.stringify(body).slice(0, 80));
        assert.deepEqual(Object.keys(r.body.error).sort(), ['code', 'message', 'status']);
        assert.equal(r.body.error.code, 400);
        assert.equal(r.body.error.status, 'INVALID_ARGUMENT');
        assert.match(r.body.error.message, message);
      }
      const notJson = await request(server.baseUrl, url(key), { rawBody: '{"comment": ' });
      assert.equal(notJson.status, 400);
      assert.equal(notJson.body.error.status, 'INVALID_ARGUMENT');

      // A revoked key stops working (once its short cache entry is gone: a fresh server here).
      await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'apikey', 'revoke', stored[0].id, '--data', database.dataDir], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' } });
      const fresh = await startTestServer(store, database.dataDir);
      try {
        const revoked = await request(fresh.baseUrl, url(key), { body: docSample });
        assert.equal(revoked.status, 403);
      } finally {
        await fresh.close();
      }
    } finally {
      await server.close();
    }
  });
});

test('keys from PARLEY_API_KEYS are accepted for simple setups', { timeout: 60_000 }, async () => {
  const before = process.env.PARLEY_API_KEYS;
  process.env.PARLEY_API_KEYS = 'first-key, second-key';
  try {
    await withDatabase('sqlite', async (store, database) => {
      const server = await startTestServer(store, database.dataDir);
      try {
        const body = { comment: { text: 'A remark.' }, requestedAttributes: { SPAM: {} } };
        assert.equal((await request(server.baseUrl, '/v1alpha1/comments:analyze?key=second-key', { body })).status, 200);
        assert.equal((await request(server.baseUrl, '/v1alpha1/comments:analyze?key=third-key', { body })).status, 403);
      } finally {
        await server.close();
      }
    });
  } finally {
    if (before === undefined) delete process.env.PARLEY_API_KEYS;
    else process.env.PARLEY_API_KEYS = before;
  }
});

forEachDatabase('API keys: created once, stored hashed, verified, revoked', async (store) => {
  const created = await createApiKey(store.db, '  newsroom tool  ');
  assert.equal(created.name, 'newsroom tool');
  const row = await store.db.selectFrom('api_keys').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
  assert.equal(row.key_hash, hashKey(created.key));
  assert.ok(!JSON.stringify(row).includes(created.key), 'the key itself is not stored');
  assert.equal(await verifyApiKey(store.db, created.key, {}), true);
  assert.ok((await store.db.selectFrom('api_keys').select('last_used_at').executeTakeFirstOrThrow()).last_used_at);
  assert.equal(await verifyApiKey(store.db, created.key + 'x', {}), false);
  assert.equal(await revokeApiKey(store.db, created.prefix), 1);
  assert.equal(await verifyApiKey(store.db, created.key, {}), false);
  await assert.rejects(createApiKey(store.db, '   '), /name/);
});
