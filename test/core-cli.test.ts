// The `parley` server commands as a user runs them: help, migrate, demo, export, start/stop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/db.js';
import { updateSite } from '../src/sites/index.js';

const run = promisify(execFile);
const CLI = ['--import', 'tsx', 'src/cli/main.ts'];
const env = { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' };
const parley = (...args: string[]) => run(process.execPath, [...CLI, ...args], { env, timeout: 60_000 });

test('every server command has --help', { timeout: 120_000 }, async () => {
  const { stdout } = await parley('--help');
  for (const cmd of ['start', 'migrate', 'demo', 'export']) assert.match(stdout, new RegExp(`\\b${cmd}\\b`));
  const start = await parley('start', '--help');
  assert.match(start.stdout, /--port/);
  assert.match(start.stdout, /--host/);
  assert.match(start.stdout, /--data/);
  const exp = await parley('export', '--help');
  assert.match(exp.stdout, /--site/);
});

test('migrate, demo and export on a fresh data directory', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
  try {
    const migrate = await parley('migrate', '--data', dir);
    assert.match(migrate.stdout, /Applied \d+ migration\(s\).*001_core/);
    const again = await parley('migrate', '--data', dir);
    assert.match(again.stdout, /up to date/);

    const demo = await parley('demo', '--data', dir);
    assert.match(demo.stdout, /Created the demo site/);
    assert.match(demo.stdout, /http:\/\/127\.0\.0\.1:8080\/demo/);
    assert.match(demo.stdout, /api\/v1\/comments\?site=demo&story=welcome/);
    assert.match((await parley('demo', '--data', dir)).stdout, /already exists/);

    const exported = JSON.parse((await parley('export', '--site', 'demo', '--data', dir)).stdout);
    assert.equal(exported.site.id, 'demo');
    const welcome = exported.stories.find((s: any) => s.id === 'welcome');
    assert.ok(welcome, 'the export holds the story welcome');
    // Every article linked from the demo section page has a live thread.
    assert.deepEqual(
      exported.stories.map((s: any) => s.id).sort(),
      ['budget-vote', 'harbour-festival', 'school-meals', 'welcome'],
    );
    const comments = welcome.comments;
    assert.ok(comments.length >= 3);
    assert.ok(comments.some((c: any) => c.parent !== null), 'the demo has a reply');
    assert.ok(comments.every((c: any) => c.status === 'approved' && /@/.test(c.author.email)));

    // A site's secrets stay out of its export: the Akismet key shows as its last 4 characters.
    const store = openStore({ sqlitePath: join(dir, 'parley.db') });
    try {
      await updateSite(store.db, 'demo', { settings: { akismetKey: 'abcdef123456wxyz' } });
    } finally {
      await store.close();
    }
    const withKey = (await parley('export', '--site', 'demo', '--data', dir)).stdout;
    assert.equal(JSON.parse(withKey).site.settings.akismetKey, '…wxyz');
    assert.ok(!withKey.includes('abcdef123456'), 'the key is not in the export');

    await assert.rejects(parley('export', '--site', 'nope', '--data', dir), (err: any) => {
      assert.match(err.stderr, /There is no site "nope"/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('start --demo prints its URL, answers /health, serves the demo thread, stops on SIGTERM', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
  const child = spawn(process.execPath, [...CLI, 'start', '--port', '0', '--data', dir, '--demo'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 60_000);
      const onData = (b: Buffer) => {
        out += b.toString();
        const m = /Parley listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m && /Demo: /.test(out)) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
    });
    assert.match(out, new RegExp(`Demo: ${url.replace(/\./g, '\\.')}/demo`));
    const health = await fetch(`${url}/health`);
    assert.equal(health.status, 200);
    const thread: any = await (await fetch(`${url}/api/v1/comments?site=demo&story=welcome`)).json();
    assert.ok(thread.total >= 3);
    assert.match(thread.story.title, /Harbor Street/);
    // The demo allows the server's own origin.
    const posted = await fetch(`${url}/api/v1/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ site: 'demo', story: 'welcome', name: 'Ana', email: 'ana@example.org', body: 'Will the shuttle run on Sundays too?' }),
    });
    assert.equal(posted.status, 201);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    assert.equal(code, 0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('start on a busy port says so and exits 1', { timeout: 120_000 }, async () => {
  const { createServer } = await import('node:net');
  const blocker = createServer();
  blocker.listen(0, '127.0.0.1');
  await once(blocker, 'listening');
  const port = (blocker.address() as { port: number }).port;
  const dir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
  try {
    await assert.rejects(parley('start', '--port', String(port), '--data', dir), (err: any) => {
      assert.equal(err.code, 1);
      assert.match(err.stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
      return true;
    });
    await assert.rejects(parley('start', '--port', 'eighty', '--data', dir), (err: any) => {
      assert.match(err.stderr, /--port must be a number/);
      return true;
    });
  } finally {
    blocker.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
