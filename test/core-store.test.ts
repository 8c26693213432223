import assert from 'node:assert/strict';
import { forEachDatabase } from './helpers/databases.js';
import { startTestServer, request } from './helpers/server.js';

forEachDatabase('migrations create the core tables', async (store) => {
  const now = new Date().toISOString();
  await store.db.insertInto('sites').values({ id: 's', name: 'S', settings: '{}', created_at: now, updated_at: now }).execute();
  await store.db
    .insertInto('stories')
    .values({ site_id: 's', id: 'a', url: null, title: 'A', body: null, open: 1, mode: null, created_at: now, updated_at: now })
    .execute();
  const story = await store.db.selectFrom('stories').selectAll().executeTakeFirstOrThrow();
  assert.equal(story.approved_count, 0);
  assert.equal(story.version, 0);
});

forEachDatabase('the app answers /health and clear 404s', async (store) => {
  const server = await startTestServer(store);
  try {
    const health = await request(server.baseUrl, '/health');
    assert.equal(health.status, 200);
    assert.deepEqual(health.body, { ok: true });
    const missing = await request(server.baseUrl, '/nope');
    assert.equal(missing.status, 404);
    assert.match(missing.body.error, /nothing at GET \/nope/);
  } finally {
    await server.close();
  }
});
