// Shutdown: closing the server ends live streams cleanly, lets a request in progress finish, and does
// not wait on idle or never-used connections (Node's server.close() waits for those by itself: an open
// SSE stream made close hang for good, fetch's spare connection made it 4 s late).
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { forEachDatabase } from './helpers/databases.js';
import { guest, seedCoreFixtures } from './helpers/core-fixtures.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/** Only a guard against a hang (the failure this file is about): nothing here asserts a duration. */
const HANG_GUARD_MS = 20_000;

function withinHangGuard<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${HANG_GUARD_MS} ms (hangs)`)), HANG_GUARD_MS);
  });
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer));
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + HANG_GUARD_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const openConnections = (server: TestServer) =>
  new Promise<number>((resolve, reject) => server.app.server.getConnections((err, n) => (err ? reject(err) : resolve(n))));

interface SseClient {
  /** Resolves once the server has subscribed the stream (": connected" arrived). */
  connected: Promise<void>;
  /** 'ended' when the response body ended properly (final chunk), else what went wrong. */
  outcome: Promise<string>;
}

function openSse(baseUrl: string, story: string): SseClient {
  let connected!: () => void;
  const connectedPromise = new Promise<void>((resolve) => (connected = resolve));
  const outcome = new Promise<string>((resolve) => {
    const req = http.get(`${baseUrl}/api/v1/stream?site=live&story=${story}`, { agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes(': connected')) connected();
      });
      res.on('end', () => resolve(res.complete ? 'ended' : 'ended early (incomplete body)'));
      res.on('aborted', () => resolve('aborted'));
      res.on('error', (err) => resolve(`response error: ${err.message}`));
    });
    req.on('error', (err) => resolve(`request error: ${err.message}`));
  });
  return { connected: connectedPromise, outcome };
}

/** A raw connection, to hold a request half-sent or send nothing at all; `closed` resolves with all it received. */
function rawConnection(baseUrl: string): { socket: net.Socket; opened: Promise<void>; closed: Promise<string> } {
  const { hostname, port } = new URL(baseUrl);
  const socket = net.connect(Number(port), hostname);
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  const opened = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  socket.on('error', () => {}); // seen as 'close'
  return { socket, opened, closed };
}

forEachDatabase('close() ends open SSE streams cleanly, finishes a request in progress, and drops idle connections', async (store) => {
  await seedCoreFixtures(store);
  const server = await startTestServer(store);
  const requests: string[] = [];
  server.app.server.on('request', (req: http.IncomingMessage) => requests.push(`${req.method} ${req.url}`));
  let closing: Promise<void> | undefined;
  try {
    // Two live readers.
    const readers = [openSse(server.baseUrl, 't'), openSse(server.baseUrl, 'u')];
    await Promise.all(readers.map((r) => r.connected));

    // A keep-alive connection left idle after a finished request.
    const agent = new http.Agent({ keepAlive: true });
    const idleSocket = await new Promise<net.Socket>((resolve, reject) => {
      const req = http.get(`${server.baseUrl}/health`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(req.socket!));
      });
      req.on('error', reject);
    });
    const idleSocketClosed = new Promise((closed) => idleSocket.once('close', closed));

    // A connection that never sends a request (as fetch's spare one).
    const silent = rawConnection(server.baseUrl);
    await silent.opened;

    // A comment post whose body has only half arrived when close() begins.
    const post = rawConnection(server.baseUrl);
    await post.opened;
    const body = JSON.stringify(guest('live', 't'));
    const half = Math.floor(body.length / 2);
    post.socket.write(
      `POST /api/v1/comments HTTP/1.1\r\nHost: ${new URL(server.baseUrl).host}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n${body.slice(0, half)}`,
    );
    await waitFor('the server to receive the half-sent post', () => requests.includes('POST /api/v1/comments'));
    await waitFor('the server to hold all five connections', async () => (await openConnections(server)) === 5);

    closing = server.close();
    // The readers' streams end while close() runs (before the server stops), each with its final chunk.
    assert.deepEqual(await withinHangGuard('the SSE streams to end', Promise.all(readers.map((r) => r.outcome))), ['ended', 'ended']);

    // The post in progress still gets its answer, told that the connection closes after it.
    post.socket.write(body.slice(half));
    const answer = await withinHangGuard('the post to be answered', post.closed);
    assert.match(answer, /^HTTP\/1\.1 201 /);
    assert.match(answer, /^connection: close\r$/im);
    assert.match(answer, /"status":"approved"/);

    await withinHangGuard('app.close()', closing);
    await withinHangGuard('the idle keep-alive connection to close', idleSocketClosed);
    assert.equal(await withinHangGuard('the never-used connection to close', silent.closed), '', 'nothing was sent on it');
    assert.equal(server.app.server.listening, false);
    assert.equal(await openConnections(server), 0, 'no connection remains');
    agent.destroy();
  } finally {
    if (!closing) await server.close();
  }
});
