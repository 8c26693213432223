// Opens the database: SQLite (better-sqlite3) by default, PostgreSQL when a URL is given.
import { Kysely, SqliteDialect, PostgresDialect, type Dialect } from 'kysely';
import SQLite from 'better-sqlite3';
import type PgModule from 'pg';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface OpenOptions {
  /** postgres://… — when set, PostgreSQL is used. */
  databaseUrl?: string;
  /** SQLite file path (default ./data/parley.db); ':memory:' for tests that need no file. */
  sqlitePath?: string;
  /** PostgreSQL schema to use (tests use a fresh one each). */
  pgSchema?: string;
  pgPoolSize?: number;
}

export interface Store {
  db: Db;
  dialect: DialectName;
  /** PostgreSQL only: where the store connects, for a connection of one's own (the live-event listener). */
  postgres?: { url: string; schema?: string };
  close(): Promise<void>;
}

/** The pg driver, loaded only when used: SQLite installs start faster without it. */
export function loadPg(): typeof PgModule {
  return createRequire(import.meta.url)('pg') as typeof PgModule;
}

export function openStore(opts: OpenOptions): Store {
  if (opts.databaseUrl) {
    const pg = loadPg();
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.pgPoolSize ?? 10,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    // Counts come back as strings from pg by default; bigint counts are small here.
    pg.types.setTypeParser(20, (v) => Number(v));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      postgres: { url: opts.databaseUrl, ...(opts.pgSchema ? { schema: opts.pgSchema } : {}) },
      close: () => db.destroy(),
    };
  }
  const path = opts.sqlitePath ?? './data/parley.db';
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a comment we acknowledged survives a crash or power loss.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const dialect: Dialect = new SqliteDialect({ database: withStatementCache(sqlite) });
  const db = new Kysely<Database>({ dialect });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; preparing costs more than running the small queries a thread
 * read makes. Reusing prepared statements per SQL text is safe here: Kysely runs one query at a time
 * on its single SQLite connection, and SQLite re-prepares a statement itself after a schema change.
 */
function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const statements = new Map<string, SQLite.Statement>();
  const prepare = (source: string): SQLite.Statement => {
    let statement = statements.get(source);
    if (!statement) {
      statement = sqlite.prepare(source);
      statements.set(source, statement);
      if (statements.size > STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
    }
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
