// Server benchmark (issue 2): the built server pinned to CPU 0, autocannon pinned to CPU 1.
// Story with 200 approved comments: thread reads (page of 50) at 10 connections with p50/p99,
// counts for 20 stories, comment posts, peak resident memory, and spawn → first 200 on /health.
// Posts are distinct, realistic reader comments (bench/post-load.mjs) to a site in auto mode, so the
// whole moderation pipeline with the models decides each one; the server sits behind a proxy
// (TRUST_PROXY) and each post comes from one of 5,000 addresses.
// The same phases run twice on fresh copies of the data: the server as `parley start` runs it, and a
// baseline with V8's default heap settings (PARLEY_V8_FLAGS=''), so their ratio is measured under the
// same machine load. BENCH_BASELINE=0 skips the baseline.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { openStore } from '../src/store/db.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { createSite } from '../src/sites/index.js';
import { createStory } from '../src/stories/index.js';
import { renderCommentHtml, newId, bumpStory } from '../src/comments/index.js';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const TARGETS = { readsPerSec: 4000, readP99Ms: 20, postsPerSec: 700, peakRssMiB: 150, coldStartMs: 1000 };

const pin = (cpu: number, argv: string[]): [string, string[]] =>
  hasTaskset() && availableParallelism() > 1 ? ['taskset', ['-c', String(cpu), ...argv]] : [argv[0], argv.slice(1)];

let tasksetChecked: boolean | undefined;
function hasTaskset(): boolean {
  tasksetChecked ??= spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  return tasksetChecked;
}

async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const port = (srv.address() as { port: number }).port;
  srv.close();
  await once(srv, 'close');
  return port;
}

async function seed(dataDir: string): Promise<void> {
  const store = openStore({ sqlitePath: join(dataDir, 'parley.db') });
  await migrateToLatest(store.db);
  await createSite(store.db, { id: 'bench', name: 'Bench', settings: { mode: 'auto' } });
  await createStory(store.db, 'bench', { id: 'big', title: 'City budget: where the money goes', body: 'The council published its budget.' });
  await createStory(store.db, 'bench', { id: 'posts', title: 'Harbor park opens', body: 'The new park opened on Saturday.' });
  for (let s = 1; s <= 20; s++) await createStory(store.db, 'bench', { id: `s${s}`, title: `Story ${s}` });
  const start = Date.now() - 86_400_000;
  await store.db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      const id = newId() + i;
      // Every fifth comment replies to an earlier top-level one: realistic nesting on the page.
      const parent = i % 5 === 4 ? ids[i - 1 - (i % 3)] ?? null : null;
      const parentDepth = 0;
      const body = `Comment ${i}: the **budget** line for parks grew by ${i % 17}% while transit got [less](https://example.com/${i}). Readers ask why.`;
      const at = new Date(start + i * 60_000).toISOString();
      await trx
        .insertInto('comments')
        .values({
          id, site_id: 'bench', story_id: 'big', parent_id: parent, root_id: parent ?? id, depth: parent ? parentDepth + 1 : 0,
          author_name: `Reader ${i}`, author_email: `r${i}@bench.example`, author_website: null, author_token_hash: null,
          ip_hash: null, body, html: renderCommentHtml(body), status: 'approved', risk: 0, moderation: null,
          previous_status: null, created_at: at, edited_at: null, status_changed_at: at,
        })
        .execute();
      if (!parent) ids.push(id);
    }
    await bumpStory(trx, 'bench', 'big', 200);
    for (let s = 1; s <= 20; s++) await bumpStory(trx, 'bench', `s${s}`, s);
  });
  await store.close();
}

interface Running {
  child: ChildProcess;
  url: string;
  startMs: number;
}

async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<Running> {
  const port = await freePort();
  const [cmd, args] = pin(0, [process.execPath, 'dist/parley.js', 'start', '--port', String(port), '--data', dataDir]);
  const t0 = performance.now();
  const child = spawn(cmd, args, { env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '', TRUST_PROXY: 'true', ...env }, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error('the server exited during start-up');
    try {
      const res = await fetch(`${url}/health`);
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return { child, url, startMs: performance.now() - t0 };
}

async function stop(r: Running): Promise<void> {
  if (r.child.exitCode !== null) return;
  const exited = once(r.child, 'exit');
  r.child.kill('SIGTERM');
  await exited;
}

interface CannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  '2xx': number;
}

function autocannon(url: string, extra: string[] = []): CannonResult {
  return runLoad([process.execPath, 'node_modules/autocannon/autocannon.js', '-j', '-c', String(CONNECTIONS), '-d', String(DURATION_S), ...extra, url]);
}

/** Distinct realistic comments, one per request (see bench/post-load.mjs). */
function postLoad(url: string): CannonResult {
  return runLoad([process.execPath, 'bench/post-load.mjs', url, String(DURATION_S), String(CONNECTIONS)]);
}

function runLoad(argv: string[]): CannonResult {
  const [cmd, args] = pin(1, argv);
  const out = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (out.status !== 0) throw new Error(`autocannon failed: ${out.stderr}`);
  const line = out.stdout.trim().split('\n').pop()!;
  return JSON.parse(line) as CannonResult;
}

/** CPU seconds (user + system) the process has used: with the machine shared, CPU per request is the
 *  steadier figure, and 1 / (CPU per request) is what one free core could serve. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

function measured(pid: number, run: () => CannonResult): { result: CannonResult; cpuUsPerRequest: number } {
  const before = cpuSeconds(pid);
  const result = run();
  const total = result['2xx'] + result.non2xx;
  return { result, cpuUsPerRequest: total ? Math.round(((cpuSeconds(pid) - before) * 1e6) / total) : NaN };
}

function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** How the posted comments were decided (the bench story only). */
async function postedStatuses(dataDir: string): Promise<Record<string, number>> {
  const store = openStore({ sqlitePath: join(dataDir, 'parley.db') });
  try {
    const rows = await store.db
      .selectFrom('comments')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('site_id', '=', 'bench')
      .where('story_id', '=', 'posts')
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  } finally {
    await store.close();
  }
}

/** Cold starts, then reads, counts and posts against one server on a freshly seeded database. */
async function runPhases(env: Record<string, string>): Promise<{ results: Record<string, number>; starts: number[]; statuses: Record<string, number> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  try {
    await seed(dataDir);

    const starts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await startServer(dataDir, env);
      starts.push(r.startMs);
      await stop(r);
    }

    const server = await startServer(dataDir, env);
    let results: Record<string, number>;
    try {
      const pid = server.child.pid!;
      const threadUrl = `${server.url}/api/v1/comments?site=bench&story=big&limit=50`;
      const page = (await (await fetch(threadUrl)).json()) as { comments: unknown[]; total: number };
      if (page.comments.length !== 50 || page.total !== 200) throw new Error(`unexpected thread page: ${page.comments.length} of ${page.total}`);
      const load = loadAverage();
      const { result: reads, cpuUsPerRequest: readCpu } = measured(pid, () => autocannon(threadUrl));
      const countsUrl = `${server.url}/api/v1/counts?site=bench&${Array.from({ length: 20 }, (_, i) => `story=s${i + 1}`).join('&')}`;
      const { result: counts, cpuUsPerRequest: countsCpu } = measured(pid, () => autocannon(countsUrl));
      const rssBeforePosts = peakRssMiB(pid); // reads and counts only: the moderation models load on the first post
      const { result: posts, cpuUsPerRequest: postCpu } = measured(pid, () => postLoad(server.url));
      const rss = peakRssMiB(pid);
      results = {
        threadReadsPerSec: Math.round(reads.requests.average),
        threadReadP50Ms: reads.latency.p50,
        threadReadP99Ms: reads.latency.p99,
        threadReadNon2xx: reads.non2xx + reads.errors,
        countsPerSec: Math.round(counts.requests.average),
        countsP99Ms: counts.latency.p99,
        postsPerSec: Math.round(posts.requests.average),
        postP99Ms: posts.latency.p99,
        postNon2xx: posts.non2xx + posts.errors,
        peakRssMiB: Math.round(rss * 10) / 10,
        peakRssBeforePostsMiB: Math.round(rssBeforePosts * 10) / 10,
        coldStartMedianMs: Math.round(median(starts)),
        threadReadCpuUs: readCpu,
        countsCpuUs: countsCpu,
        postCpuUs: postCpu,
        loadAverageAtStart: load,
      };
    } finally {
      await stop(server);
    }
    return { results, starts, statuses: await postedStatuses(dataDir) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchServer(): Promise<Record<string, number>> {
  if (!existsSync('dist/parley.js')) spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  const { results, starts, statuses } = await runPhases({});
  const baseline = process.env.BENCH_BASELINE === '0' ? null : await runPhases({ PARLEY_V8_FLAGS: '' });
  const r = results;
  const rows: [string, string, string][] = [
    ['thread reads/s (page of 50, 10 conn)', String(r.threadReadsPerSec), `≥ ${TARGETS.readsPerSec}`],
    ['thread read p50 / p99 (ms)', `${r.threadReadP50Ms} / ${r.threadReadP99Ms}`, `p99 < ${TARGETS.readP99Ms}`],
    ['counts for 20 stories /s', String(r.countsPerSec), ''],
    ['comment posts/s', `${r.postsPerSec} (p99 ${r.postP99Ms} ms)`, `≥ ${TARGETS.postsPerSec}`],
    ['non-2xx (reads / posts)', `${r.threadReadNon2xx} / ${r.postNon2xx}`, '0'],
    ['posted comments by status', Object.entries(statuses).map(([k, v]) => `${k} ${v}`).join(', '), ''],
    ['peak RSS (MiB): whole run / before the first post', `${r.peakRssMiB} / ${r.peakRssBeforePostsMiB}`, `≤ ${TARGETS.peakRssMiB}`],
    ['server CPU per request, µs (read / counts / post)', `${r.threadReadCpuUs} / ${r.countsCpuUs} / ${r.postCpuUs}`, 'read ≤ 250 for 4,000/s'],
    ['1-min load average before the runs (2 CPUs)', String(r.loadAverageAtStart), ''],
    ['cold start, median of 5 (ms)', `${r.coldStartMedianMs} (${starts.map((s) => Math.round(s)).join(', ')})`, `≤ ${TARGETS.coldStartMs}`],
  ];
  console.log(`server on CPU 0, load generator on CPU 1${hasTaskset() ? '' : ' (taskset missing: not pinned)'}; ${DURATION_S} s per run`);
  console.log('| measure | result | target |\n|---|---|---|');
  for (const [k, v, t] of rows) console.log(`| ${k} | ${v} | ${t} |`);
  const out: Record<string, number> = { ...r, ...Object.fromEntries(Object.entries(statuses).map(([k, v]) => [`posted_${k}`, v])) };
  if (baseline) {
    const b = baseline.results;
    const ratio = (x: number, y: number) => Math.round((x / y) * 100) / 100;
    console.log("\nbaseline: the same phases with V8's default heap settings (PARLEY_V8_FLAGS=''), then product / baseline");
    console.log('| measure | baseline | product / baseline |\n|---|---|---|');
    for (const k of ['postsPerSec', 'postCpuUs', 'peakRssMiB', 'peakRssBeforePostsMiB', 'threadReadsPerSec', 'threadReadCpuUs', 'coldStartMedianMs'] as const) {
      console.log(`| ${k} | ${b[k]} | ${ratio(r[k], b[k])} |`);
      out[`baseline_${k}`] = b[k];
      out[`ratio_${k}`] = ratio(r[k], b[k]);
    }
    out.baseline_loadAverageAtStart = b.loadAverageAtStart;
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchServer();
}
