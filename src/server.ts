// Start-up: open and migrate the store, build the context and the HTTP app, listen.
import { setFlagsFromString } from 'node:v8';
import pino, { type Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.js';
import { sqlitePath, type Config } from './config/index.js';
import { openStore, type Store } from './store/db.js';
import { migrateToLatest, optimizeStore } from './store/migrate.js';
import { openEventBus } from './events/index.js';
import { buildApp } from './http/app.js';
import { openMail } from './mail/index.js';

export function openConfiguredStore(config: Config): Store {
  return config.databaseUrl
    ? openStore({ databaseUrl: config.databaseUrl, pgSchema: config.pgSchema })
    : openStore({ sqlitePath: sqlitePath(config) });
}

/**
 * V8 settings for a long-running server, applied by `parley start` as it begins.
 * --optimize-for-size makes V8 grow the old generation conservatively and collect it sooner: the live
 * heap of a busy server is ~25 MiB, but by default garbage from short-lived requests piles up to ~90 MiB
 * between full collections. Measured with `npm run bench` (comment posts on one core): peak resident
 * memory ~220 → ~140 MiB for a few per cent more CPU per post. It is one of the few heap settings V8
 * reads while running (semi-space sizes are fixed when the process starts). PARLEY_V8_FLAGS replaces
 * it ('' for V8's defaults).
 */
export const SERVER_V8_FLAGS = '--optimize-for-size';

export function applyServerV8Flags(flags = process.env.PARLEY_V8_FLAGS ?? SERVER_V8_FLAGS): string {
  if (flags.trim()) setFlagsFromString(flags);
  return flags;
}

/** Warnings and errors by default (start-up lines are printed plainly); LOG_LEVEL=info for more. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'warn'): Logger {
  return pino({ level });
}

/** Opens and migrates the configured database and returns the context every part is given. */
export async function createContext(config: Config, log: Logger = createLogger()): Promise<AppContext> {
  const store = openConfiguredStore(config);
  try {
    await migrateToLatest(store.db);
    const mail = openMail(store, log, process.env, config.publicUrl ?? `http://${config.host}:${config.port}`);
    return { store, config, events: await openEventBus(store, log), log, ...(mail ? { mail } : {}) };
  } catch (err) {
    await store.close();
    throw err;
  }
}

const OPTIMIZE_EVERY_MS = 60 * 60 * 1000;

export interface RunningServer {
  app: FastifyInstance;
  ctx: AppContext;
  /** http://host:port actually bound (port 0 resolved). */
  url: string;
  close(): Promise<void>;
}

/** Builds the app on a ready context and listens on config.host:config.port. */
export async function listen(ctx: AppContext): Promise<RunningServer> {
  const app = await buildApp(ctx);
  // The mail loop stops with the app (onClose), before whoever owns the store closes it.
  const mail = ctx.mail;
  if (mail) app.addHook('onClose', async () => mail.stop());
  try {
    await app.listen({ host: ctx.config.host, port: ctx.config.port });
  } catch (err) {
    await app.close().catch(() => {});
    await ctx.events.close().catch(() => {});
    await ctx.store.close().catch(() => {});
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE') {
      throw new Error(`Port ${ctx.config.port} on ${ctx.config.host} is already in use; choose another with --port or PORT.`);
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new Error(`Cannot listen on ${ctx.config.host}: no such address here.`);
    throw err;
  }
  mail?.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : ctx.config.port;
  const host = ctx.config.host.includes(':') ? `[${ctx.config.host}]` : ctx.config.host;
  // SQLite's advice for long-running processes: PRAGMA optimize now and then.
  const optimizer = setInterval(() => {
    optimizeStore(ctx.store.db).catch((err: unknown) => ctx.log.warn({ err }, 'PRAGMA optimize failed'));
  }, OPTIMIZE_EVERY_MS).unref();
  let closed = false;
  return {
    app,
    ctx,
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(optimizer);
      await app.close();
      await ctx.events.close();
      await ctx.store.close();
    },
  };
}
