// Live events (SSE) across server processes. On PostgreSQL every server process relays comment events
// through LISTEN/NOTIFY, so a reader connected to one process hears comments published on another,
// exactly once, also those published while its listening connection was down (caught up after it
// reconnects); on SQLite the bus stays in-process.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { Writable } from 'node:stream';
import pg from 'pg';
import pino from 'pino';
import { forEachDatabase, freshDatabase, postgresOrSkip, TEST_PG_URL, type FreshDatabase } from './helpers/databases.js';
import { request, startTestServer } from './helpers/server.js';
import { guest, seedCoreFixtures } from './helpers/core-fixtures.js';
import { insertComment, makeUser, signIn } from './helpers/admin.js';
import { loadConfig } from '../src/config/index.js';
import { createContext, listen, type RunningServer } from '../src/server.js';
import { eventChannel } from '../src/events/postgres.js';
import type { Store } from '../src/store/db.js';

/** After the awaited events arrived, how long to keep listening for duplicates or strays. */
const SETTLE_MS = 600;

interface Stream {
  /** Comment ids in the order the `comment` events arrived. */
  ids: string[];
  close(): Promise<void>;
}

/** Opens GET /api/v1/stream and resolves once the server has subscribed it (": connected" arrived). */
async function openStream(baseUrl: string, site: string, story: string): Promise<Stream> {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/v1/stream?site=${site}&story=${story}`, { signal: controller.signal });
  assert.equal(res.status, 200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const ids: string[] = [];
  let buffer = '';
  let connected!: () => void;
  const ready = new Promise<void>((resolve) => (connected = resolve));
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith(': connected')) connected();
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event === 'comment' && data) ids.push((JSON.parse(data) as { id: string }).id);
      }
    }
  })().catch((err: unknown) => {
    if (!controller.signal.aborted) throw err;
  });
  await ready;
  return {
    ids,
    async close() {
      controller.abort();
      await reading;
    },
  };
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));

/** A PostgreSQL-only test on a fresh seeded schema: skipped when unreachable, failed under CI=true. */
function postgresTest(title: string, fn: (database: FreshDatabase, store: Store, t: TestContext) => Promise<void>): void {
  test(`${title} [postgres]`, { timeout: 60_000 }, async (t) => {
    if (!(await postgresOrSkip(t))) return;
    const database = await freshDatabase('postgres');
    const store = await database.open();
    try {
      await seedCoreFixtures(store);
      await fn(database, store, t);
    } finally {
      await store.close();
      await database.drop();
    }
  });
}

/** A server as `parley start` builds it (its own pool, migrations, event bus) on the test's schema. */
async function startServer(database: FreshDatabase, logLines?: string[], databaseUrl = database.databaseUrl): Promise<RunningServer> {
  const config = loadConfig({ host: '127.0.0.1', port: 0, dataDir: database.dataDir, databaseUrl, pgSchema: database.pgSchema }, {});
  const log = logLines
    ? pino({ level: 'warn' }, new Writable({ write: (chunk: Buffer, _enc, done) => (logLines.push(chunk.toString()), done()) }))
    : pino({ level: 'error' });
  return listen(await createContext(config, log));
}

/**
 * A TCP proxy in front of the test PostgreSQL. While it holds, new connections wait unanswered
 * (connections already through keep working): a server behind it cannot re-open its listener.
 */
interface PgProxy {
  url: string;
  hold(): void;
  /** Lets the held connections and later ones through. */
  release(): void;
  /** Connections waiting while held. */
  held(): number;
  /** The proxy's ports towards PostgreSQL: pg_stat_activity's client_port of the connections through it. */
  upstreamPorts(): number[];
  close(): Promise<void>;
}

async function startPgProxy(): Promise<PgProxy> {
  const target = new URL(TEST_PG_URL);
  const sockets = new Set<net.Socket>();
  const upstreamPorts = new Set<number>();
  let waiting: net.Socket[] = [];
  let holding = false;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const pass = (client: net.Socket) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    track(upstream);
    upstream.on('connect', () => upstreamPorts.add(upstream.localPort!));
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) socket.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  };
  const server = net.createServer((client) => {
    track(client);
    if (holding) waiting.push(client);
    else pass(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(TEST_PG_URL);
  url.host = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return {
    url: url.href,
    hold: () => (holding = true),
    release() {
      holding = false;
      for (const client of waiting) pass(client);
      waiting = [];
    },
    held: () => waiting.filter((c) => !c.destroyed).length,
    upstreamPorts: () => [...upstreamPorts],
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

forEachDatabase("one server: each published comment reaches its story's readers once, other stories' none", async (store) => {
  await seedCoreFixtures(store);
  const server = await startTestServer(store);
  const onT = await openStream(server.baseUrl, 'live', 't');
  const onU = await openStream(server.baseUrl, 'live', 'u');
  try {
    const first = await request(server.baseUrl, '/api/v1/comments', { body: guest('live', 't') });
    const second = await request(server.baseUrl, '/api/v1/comments', { body: guest('live', 't') });
    assert.equal(first.body.comment.status, 'approved');
    assert.equal(second.body.comment.status, 'approved');
    await waitFor('both comments on story t', () => onT.ids.length >= 2);
    await settle(); // on PostgreSQL our own NOTIFY comes back too: it must not be delivered again
    assert.deepEqual(onT.ids, [first.body.comment.id, second.body.comment.id]);
    assert.deepEqual(onU.ids, []);
  } finally {
    await onT.close();
    await onU.close();
    await server.close();
  }
});

postgresTest('two server processes on one schema: a reader on B hears comments published on A, exactly once', async (database, store) => {
  await makeUser(store, 'mod@example.com');
  const pendingOne = await insertComment(store, { site: 'news', story: 'a' });
  const pendingTwo = await insertComment(store, { site: 'news', story: 'a' });
  const pendingThree = await insertComment(store, { site: 'news', story: 'a' });
  const a = await startServer(database);
  const b = await startServer(database);
  const streams: Stream[] = [];
  const open = async (server: RunningServer, site: string, story: string) => {
    const s = await openStream(server.url, site, story);
    streams.push(s);
    return s;
  };
  try {
    const newsOnB = await open(b, 'news', 'a');
    const newsOnA = await open(a, 'news', 'a');
    const liveOnB = await open(b, 'live', 't');
    const liveOnA = await open(a, 'live', 't');
    const otherOnB = await open(b, 'live', 'u');
    const otherOnA = await open(a, 'live', 'u');

    // A moderator approves on A.
    const mod = await signIn(a.url, 'mod@example.com');
    assert.equal((await mod.send('POST', `/comments/${pendingOne}/approve`, {})).status, 200);
    await waitFor('the approval on B', () => newsOnB.ids.length >= 1);

    // A batch approval on A: several events in one NOTIFY statement.
    const batch = await mod.send('POST', '/comments/batch', { ids: [pendingTwo, pendingThree], action: 'approve' });
    assert.equal(batch.status, 200);
    assert.equal(batch.body.updated, 2);
    await waitFor('the batch on B', () => newsOnB.ids.length >= 3);

    // An auto-approved post on A, and one on B.
    const onA = await request(a.url, '/api/v1/comments', { body: guest('live', 't') });
    assert.equal(onA.body.comment.status, 'approved');
    const onB = await request(b.url, '/api/v1/comments', { body: guest('live', 't') });
    assert.equal(onB.body.comment.status, 'approved');
    await waitFor('both posts on both servers', () => liveOnB.ids.length >= 2 && liveOnA.ids.length >= 2);

    await settle();
    // (Each reader fetches the comment before writing it, so events close together may swap places.)
    const approved = [pendingOne, pendingTwo, pendingThree].sort();
    assert.deepEqual([...newsOnB.ids].sort(), approved);
    assert.deepEqual([...newsOnA.ids].sort(), approved);
    assert.deepEqual(new Set(liveOnB.ids), new Set([onA.body.comment.id, onB.body.comment.id]));
    assert.equal(liveOnB.ids.length, 2);
    assert.deepEqual(new Set(liveOnA.ids), new Set([onA.body.comment.id, onB.body.comment.id]));
    assert.equal(liveOnA.ids.length, 2);
    assert.deepEqual(otherOnB.ids, []);
    assert.deepEqual(otherOnA.ids, []);
  } finally {
    for (const s of streams) await s.close();
    await a.close();
    await b.close();
  }
});

postgresTest('the listening connection is re-opened after PostgreSQL drops it (logged, no crash)', async (database) => {
  const logB: string[] = [];
  const a = await startServer(database);
  const b = await startServer(database, logB);
  const channel = eventChannel(database.pgSchema);
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  const listeners = async () =>
    (await admin.query<{ pid: number }>(`select pid from pg_stat_activity where application_name = 'parley events' and query = $1`, [`LISTEN "${channel}"`]))
      .rows.map((r) => r.pid);
  let stream: Stream | undefined;
  try {
    const before = await listeners();
    assert.equal(before.length, 2, 'one listening connection per server');
    await admin.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [before]);
    await waitFor('both listeners back', async () => {
      const now = await listeners();
      return now.length === 2 && now.every((pid) => !before.includes(pid));
    });
    assert.ok(logB.some((l) => l.includes('lost the PostgreSQL listening connection')), logB.join(''));

    stream = await openStream(b.url, 'live', 't');
    const posted = await request(a.url, '/api/v1/comments', { body: guest('live', 't') });
    await waitFor('the post on B after the reconnect', () => stream!.ids.length >= 1);
    await settle();
    assert.deepEqual(stream.ids, [posted.body.comment.id]);
  } finally {
    await stream?.close();
    await admin.end();
    await a.close();
    await b.close();
  }
});

postgresTest('comments approved while a listener is away reach its readers after it reconnects, exactly once', async (database, store) => {
  await makeUser(store, 'mod@example.com');
  const heardBefore = await insertComment(store, { site: 'news', story: 'a' });
  const approvedWhileAway = await insertComment(store, { site: 'news', story: 'a' });
  const proxy = await startPgProxy();
  const logB: string[] = [];
  const a = await startServer(database);
  const b = await startServer(database, logB, proxy.url); // B reaches PostgreSQL only through the proxy
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  const streams: Stream[] = [];
  try {
    const newsOnB = await openStream(b.url, 'news', 'a');
    streams.push(newsOnB);
    const liveOnB = await openStream(b.url, 'live', 't');
    streams.push(liveOnB);
    const mod = await signIn(a.url, 'mod@example.com');

    // Before the loss: one approval heard from A, one post on B itself. The catch-up must not repeat them.
    assert.equal((await mod.send('POST', `/comments/${heardBefore}/approve`, {})).status, 200);
    const ownOnB = await request(b.url, '/api/v1/comments', { body: guest('live', 't') });
    assert.equal(ownOnB.body.comment.status, 'approved');
    await waitFor('the approval and the post on B', () => newsOnB.ids.length >= 1 && liveOnB.ids.length >= 1);

    // B's listening connection drops, and B cannot reconnect while the proxy holds.
    proxy.hold();
    const listenerOfB = await admin.query<{ pid: number }>(
      `select pid from pg_stat_activity where application_name = 'parley events' and client_port = any($1::int[])`,
      [proxy.upstreamPorts()],
    );
    assert.equal(listenerOfB.rows.length, 1, "B's listening connection");
    await admin.query('select pg_terminate_backend($1)', [listenerOfB.rows[0].pid]);
    await waitFor("B's attempt to reconnect", () => proxy.held() >= 1);
    assert.ok(logB.some((l) => l.includes('lost the PostgreSQL listening connection')), logB.join(''));

    // Meanwhile on A: an approval and an auto-approved post. Their NOTIFYs reach no listener of B.
    assert.equal((await mod.send('POST', `/comments/${approvedWhileAway}/approve`, {})).status, 200);
    const postedWhileAway = await request(a.url, '/api/v1/comments', { body: guest('live', 't') });
    assert.equal(postedWhileAway.body.comment.status, 'approved');
    assert.deepEqual(newsOnB.ids, [heardBefore], 'nothing reached B while it was away');

    proxy.release();
    await waitFor('the caught-up events on B', () => newsOnB.ids.length >= 2 && liveOnB.ids.length >= 2);
    await settle();
    assert.deepEqual(newsOnB.ids, [heardBefore, approvedWhileAway]);
    assert.deepEqual(liveOnB.ids, [ownOnB.body.comment.id, postedWhileAway.body.comment.id]);
    assert.ok(logB.some((l) => l.includes('caught up') && l.includes('"delivered":2')), logB.join(''));
  } finally {
    proxy.release();
    for (const s of streams) await s.close();
    await admin.end();
    await a.close();
    await b.close();
    await proxy.close();
  }
});

postgresTest('two servers in a child process: after both close, the process exits by itself (no open handles)', async (database) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/live-events-two-servers.fixture.ts'], {
    env: { ...process.env, PARLEY_TEST_PG_SCHEMA: database.pgSchema, PARLEY_TEST_DATA: database.dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
  clearTimeout(timer);
  assert.equal(signal, null, `the child did not exit on its own within 30 s (open handles?):\n${out}`);
  assert.equal(code, 0, out);
  assert.match(out, /^heard on B: \S+$/m);
});
