// Starts the real app (all route plugins) on a free port against a fresh database of one kind.
import { loadConfig } from '../../src/config/index.js';
import { openEventBus } from '../../src/events/index.js';
import { listen, createLogger, type RunningServer } from '../../src/server.js';
import type { Store } from '../../src/store/db.js';
import type { AppContext } from '../../src/context.js';

export interface TestServer extends RunningServer {
  baseUrl: string;
}

/** Serves the given (already migrated) store on 127.0.0.1:<free port>. close() stops the server, not the store. */
export async function startTestServer(store: Store, dataDir = './data'): Promise<TestServer> {
  const config = loadConfig({ host: '127.0.0.1', port: 0, dataDir }, {});
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  // On PostgreSQL the bus listens for other processes' events (a connection of its own).
  const ctx: AppContext = { store, config, events: await openEventBus(store, log), log };
  const running = await listen(ctx);
  return {
    ...running,
    baseUrl: running.url,
    // The store belongs to the test's database helper, which closes it.
    async close() {
      await running.app.close();
      await ctx.events.close();
    },
  };
}

/** fetch + JSON body, for tests. */
export async function request(
  baseUrl: string,
  path: string,
  init: { method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; text: string; headers: Headers }> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  let payload: string | undefined = init.rawBody;
  if (init.body !== undefined) {
    payload = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  } else if (payload !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(baseUrl + path, { method: init.method ?? (payload !== undefined ? 'POST' : 'GET'), headers, body: payload });
  const text = await res.text();
  let body: any = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text, headers: res.headers };
}
