// Runs a test body against both storage engines: a fresh migrated SQLite file and a fresh PostgreSQL
// schema. PostgreSQL unreachable: the PostgreSQL variant is skipped with a visible message, except
// under CI=true where that is a failure.
import { test, type TestContext } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { spawnSync } from 'node:child_process';
import { openStore, type Store } from '../../src/store/db.js';
import { migrateToLatest } from '../../src/store/migrate.js';

export const TEST_PG_URL = process.env.PARLEY_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export type DatabaseKind = 'sqlite' | 'postgres';

/** Where a fresh database lives, so a child process (the CLI) can open the same one. */
export interface FreshDatabase {
  kind: DatabaseKind;
  /** SQLite: the data directory holding parley.db. */
  dataDir: string;
  /** PostgreSQL: connection URL and schema. */
  databaseUrl?: string;
  pgSchema?: string;
  /** Opens (and migrates) a Store on this database. */
  open(): Promise<Store>;
  /** Removes the file / drops the schema. */
  drop(): Promise<void>;
}

let pgReachable: Promise<string | null> | undefined;

/** null when reachable, otherwise why not. */
export function postgresUnavailable(): Promise<string | null> {
  pgReachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return null;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return pgReachable;
}

async function pgAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function freshDatabase(kind: DatabaseKind): Promise<FreshDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-test-'));
  if (kind === 'sqlite') {
    return {
      kind,
      dataDir,
      async open() {
        const store = openStore({ sqlitePath: join(dataDir, 'parley.db') });
        await migrateToLatest(store.db);
        return store;
      },
      async drop() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await pgAdmin((c) => c.query(`create schema ${schema}`));
  return {
    kind,
    dataDir,
    databaseUrl: TEST_PG_URL,
    pgSchema: schema,
    async open() {
      const store = openStore({ databaseUrl: TEST_PG_URL, pgSchema: schema, pgPoolSize: 4 });
      await migrateToLatest(store.db);
      return store;
    },
    async drop() {
      await pgAdmin((c) => c.query(`drop schema if exists ${schema} cascade`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** For a PostgreSQL test: true when reachable; otherwise skips t visibly (false), or throws under CI=true. */
export async function postgresOrSkip(t: TestContext): Promise<boolean> {
  const why = await postgresUnavailable();
  if (!why) return true;
  if (process.env.CI === 'true') throw new Error(`PostgreSQL at ${TEST_PG_URL} is unreachable under CI: ${why}`);
  console.log(`# SKIPPED on PostgreSQL (unreachable at ${TEST_PG_URL}: ${why})`);
  t.skip(`PostgreSQL unreachable: ${why}`);
  return false;
}

/**
 * Declares two tests, "<title> [sqlite]" and "<title> [postgres]", each given a fresh migrated store.
 * The store is closed and the database dropped afterwards.
 */
export function forEachDatabase(
  title: string,
  fn: (store: Store, t: TestContext, database: FreshDatabase) => Promise<void>,
  options: { timeout?: number } = {},
): void {
  for (const kind of ['sqlite', 'postgres'] as const) {
    test(`${title} [${kind}]`, { timeout: options.timeout ?? 60_000 }, async (t) => {
      if (kind === 'postgres' && !(await postgresOrSkip(t))) return;
      await withDatabase(kind, (store, database) => fn(store, t, database));
    });
  }
}

/** Runs fn with a fresh migrated store of one kind, then closes and drops it. */
export async function withDatabase<T>(
  kind: DatabaseKind,
  fn: (store: Store, database: FreshDatabase) => Promise<T>,
): Promise<T> {
  const database = await freshDatabase(kind);
  const store = await database.open();
  try {
    return await fn(store, database);
  } finally {
    await store.close();
    await database.drop();
  }
}

/** Runs the `parley` command (from the sources) on this database: --data for SQLite, DATABASE_URL for PostgreSQL. */
export function runCli(database: FreshDatabase, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '', PARLEY_PG_SCHEMA: '' };
  if (database.kind === 'postgres') {
    env.DATABASE_URL = database.databaseUrl;
    env.PARLEY_PG_SCHEMA = database.pgSchema;
  }
  const dataArgs = database.kind === 'sqlite' ? ['--data', database.dataDir] : [];
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args, ...dataArgs], { env, encoding: 'utf8', timeout: 60_000 });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}
