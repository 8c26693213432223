// `parley copy-data`: a site that started on the embedded SQLite file moves to PostgreSQL (and back)
// with every row, through the real CLI, and the server on the new database serves the same threads,
// signs the same moderators in and keeps the same audit log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { freshDatabase, postgresOrSkip, TEST_PG_URL, type FreshDatabase } from './helpers/databases.js';
import { request, startTestServer } from './helpers/server.js';
import { makeUser, signIn } from './helpers/admin.js';
import { createDemo, DEMO_SITE, DEMO_STORY } from '../src/cli/demo.js';
import { createApiKey } from '../src/moderation/apikeys.js';
import { COPY_TABLES } from '../src/store/copy.js';
import type { Store } from '../src/store/db.js';

const run = promisify(execFile);
const CLI = ['--import', 'tsx', 'src/cli/main.ts'];
const env = { ...process.env, DATABASE_URL: '', PARLEY_PG_SCHEMA: '', LOG_LEVEL: 'warn' };
const parley = (args: string[], extraEnv: Record<string, string> = {}) =>
  run(process.execPath, [...CLI, ...args], { env: { ...env, ...extraEnv }, timeout: 120_000 });

/** Every table's rows in key order; `risk` rounded (PostgreSQL keeps it as a 4-byte real). */
async function dump(store: Store): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const { table, key } of COPY_TABLES) {
    let q = (store.db as any).selectFrom(table).selectAll();
    for (const k of key) q = q.orderBy(k);
    const rows: Record<string, unknown>[] = await q.execute();
    out[table] = rows.map((r) => ('risk' in r ? { ...r, risk: Math.round(Number(r.risk) * 1e5) / 1e5 } : r));
  }
  return out;
}

/** A site as it looks after some use: the demo, readers' comments and replies, likes, a report, a moderator's actions, an API key. */
async function useSite(store: Store): Promise<{ reply: string }> {
  await createDemo(store.db, 8080);
  await makeUser(store, 'editor@example.com', 'admin');
  await createApiKey(store.db, 'coral');
  const server = await startTestServer(store);
  try {
    const post = (body: Record<string, unknown>) => request(server.baseUrl, '/api/v1/comments', {
      body: { site: DEMO_SITE, story: DEMO_STORY, name: 'Reader', email: 'reader@example.com', ...body },
    });
    const first = await post({ body: 'The new park should keep a few spaces for disabled drivers near the library.' });
    assert.equal(first.status, 201, first.text);
    const second = await post({ body: 'Will the council publish the cost of the riverside works before the next meeting?' });
    assert.equal(second.status, 201, second.text);
    const admin = await signIn(server.baseUrl, 'editor@example.com');
    for (const c of [first, second]) {
      if (c.body.status !== 'approved') assert.equal((await admin.send('POST', `/comments/${c.body.comment.id}/approve`, { reason: 'fine' })).status, 200);
    }
    const reply = await post({ parent: first.body.comment.id, name: 'Neighbour', body: 'Agreed, and the bus stop on Harbor Street matters as much.' });
    assert.equal(reply.status, 201, reply.text);
    await admin.send('POST', `/comments/${reply.body.comment.id}/approve`, {});
    const liked = await request(server.baseUrl, `/api/v1/comments/${first.body.comment.id}/likes`, { method: 'POST', headers: { 'x-parley-reader': 'reader-one-0000001' } });
    assert.equal(liked.status, 200, liked.text);
    const reported = await request(server.baseUrl, `/api/v1/comments/${second.body.comment.id}/reports`, { body: { reason: 'off topic' }, headers: { 'x-parley-reader': 'reader-two-0000002' } });
    assert.equal(reported.status, 201, reported.text);
  } finally {
    await server.close();
  }
  // More comments than one page of the copy (500), and a reply whose id sorts first while its parent's
  // sorts last: they land on different pages, so the copy must not insert the reply before its parent.
  const model = await store.db.selectFrom('comments').selectAll().where('parent_id', 'is', null).executeTakeFirstOrThrow();
  const filler = Array.from({ length: 600 }, (_, i) => ({
    ...model, id: `m_${String(i).padStart(4, '0')}`, root_id: `m_${String(i).padStart(4, '0')}`, status: 'spam', body: `Spam ${i}`, html: `<p>Spam ${i}</p>`,
  }));
  for (let i = 0; i < filler.length; i += 100) await store.db.insertInto('comments').values(filler.slice(i, i + 100)).execute();
  await store.db.insertInto('comments').values({ ...model, id: 'zz_last_parent', root_id: 'zz_last_parent', body: 'A parent.', html: '<p>A parent.</p>' }).execute();
  await store.db.insertInto('comments').values({ ...model, id: '0_early_reply', parent_id: 'zz_last_parent', root_id: 'zz_last_parent', depth: 1, body: 'A reply.', html: '<p>A reply.</p>' }).execute();
  return { reply: '0_early_reply' };
}

async function threadOf(store: Store) {
  const server = await startTestServer(store);
  try {
    const res = await request(server.baseUrl, `/api/v1/comments?site=${DEMO_SITE}&story=${DEMO_STORY}`);
    assert.equal(res.status, 200, res.text);
    const admin = await signIn(server.baseUrl, 'editor@example.com');
    const audit = await admin.get('/audit?limit=200');
    assert.equal(audit.status, 200, audit.text);
    return { thread: res.body, audit: audit.body };
  } finally {
    await server.close();
  }
}

test('copy-data moves a used SQLite database to PostgreSQL and back, row for row', { timeout: 240_000 }, async (t) => {
  if (!(await postgresOrSkip(t))) return;
  const sqlite = await freshDatabase('sqlite');
  const pg: FreshDatabase = await freshDatabase('postgres');
  const back = mkdtempSync(join(tmpdir(), 'parley-copy-back-'));
  const stores: Store[] = [];
  try {
    const source = await sqlite.open();
    stores.push(source);
    const { reply } = await useSite(source);
    const served = await threadOf(source);
    const before = await dump(source);
    assert.ok(before.comments.length > 600 && before.likes.length === 1 && before.reports.length === 1 && before.audit_log.length >= 3 && before.api_keys.length === 1 && before.sessions.length >= 1,
      'the source has rows in every kind of table');

    const out = await parley(['copy-data', '--data', sqlite.dataDir, '--to', TEST_PG_URL, '--to-schema', pg.pgSchema!]);
    assert.match(out.stdout, new RegExp(`Copied \\d+ rows from ${sqlite.dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/parley.db to PostgreSQL \\(schema ${pg.pgSchema}\\)`));
    assert.match(out.stdout, new RegExp(`comments\\s+${before.comments.length}\\b`));
    assert.match(out.stdout, /Every table's row count matches/);

    const target = await pg.open();
    stores.push(target);
    assert.deepEqual(await dump(target), before, 'every row of every table arrived unchanged');
    const early = await target.db.selectFrom('comments').select(['parent_id']).where('id', '=', reply).executeTakeFirstOrThrow();
    assert.notEqual(early.parent_id, null, 'a reply keeps its parent even when its id sorts first');
    // The server on PostgreSQL serves the same thread, signs the same moderator in, shows the same audit log.
    const servedPg = await threadOf(target);
    assert.deepEqual(servedPg.thread, served.thread);
    assert.ok(served.audit.entries.length >= 3);
    assert.deepEqual(servedPg.audit.entries, served.audit.entries);
    const onPostgres = await dump(target); // one more moderator session now

    // Into a database that already has data: refused, nothing written.
    const again = await parley(['copy-data', '--data', sqlite.dataDir, '--to', TEST_PG_URL, '--to-schema', pg.pgSchema!]).then(
      () => assert.fail('copy-data into a non-empty database must fail'),
      (err: { code: number; stderr: string }) => err,
    );
    assert.equal(again.code, 1);
    assert.match(again.stderr, /error: The target database is not empty \(sites has 1 row\(s\)\); copy into an empty database\./);
    assert.deepEqual(await dump(target), onPostgres);

    // And back again, from PostgreSQL to a new SQLite file.
    const home = await parley(['copy-data', '--to', back], { DATABASE_URL: TEST_PG_URL, PARLEY_PG_SCHEMA: pg.pgSchema! });
    assert.match(home.stdout, /Copied \d+ rows from PostgreSQL \(DATABASE_URL\) to /);
    const roundTrip = await freshDatabaseAt(back);
    stores.push(roundTrip);
    assert.deepEqual(await dump(roundTrip), onPostgres);
  } finally {
    for (const s of stores) await s.close();
    await sqlite.drop();
    await pg.drop();
    rmSync(back, { recursive: true, force: true });
  }
});

test('copy-data refuses a source with a table it does not know, and leaves the target empty', { timeout: 120_000 }, async () => {
  const from = await freshDatabase('sqlite');
  const to = mkdtempSync(join(tmpdir(), 'parley-copy-to-'));
  try {
    const source = await from.open();
    await createDemo(source.db, 8080);
    await sql`create table plugin_notes (id text primary key, note text)`.execute(source.db);
    await source.close();
    const failed = await parley(['copy-data', '--data', from.dataDir, '--to', to]).then(
      () => assert.fail('must fail'),
      (err: { code: number; stderr: string }) => err,
    );
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /error: Parley does not know how to copy the table\(s\) plugin_notes; nothing was copied\./);
    const target = await freshDatabaseAt(to);
    try {
      const sites = await target.db.selectFrom('sites').select('id').execute();
      assert.deepEqual(sites, []);
    } finally {
      await target.close();
    }
  } finally {
    await from.drop();
    rmSync(to, { recursive: true, force: true });
  }
});

/** Opens (and migrates) the SQLite database in an existing data directory. */
async function freshDatabaseAt(dir: string): Promise<Store> {
  const { openStore } = await import('../src/store/db.js');
  const { migrateToLatest } = await import('../src/store/migrate.js');
  const store = openStore({ sqlitePath: join(dir, 'parley.db') });
  await migrateToLatest(store.db);
  return store;
}
