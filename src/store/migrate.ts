import { Migrator, PostgresAdapter, sql, type MigrationResultSet } from 'kysely';
import type { Db } from './db.js';
import { migrations } from './migrations/index.js';

/**
 * On PostgreSQL, the schema the connection writes to (its search_path). Kysely's migrator otherwise
 * looks for its bookkeeping tables in every schema, and a database holding several Parley schemas
 * (tests, or several installs) would make it skip creating them.
 */
async function currentPostgresSchema(db: Db): Promise<string | undefined> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return undefined;
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? undefined;
}

/**
 * PostgreSQL errors of a catalog that changed under a query: another schema, table or column dropped while
 * the migrator read the catalog (3F000 schema, 42P01 table, 42703 column does not exist; XX000 "cache lookup
 * failed"). Only retried when no migration had run yet and the message does not name our own schema.
 */
const CATALOG_RACE_CODES = new Set(['3F000', '42P01', '42703', 'XX000']);
function otherSchemaChanged(outcome: MigrationResultSet, ownSchema: string | undefined): boolean {
  const { error, results } = outcome;
  // (a failure before any migration ran leaves no results, or all of them "NotExecuted")
  if (!error || typeof error !== 'object' || results?.some((r) => r.status !== 'NotExecuted')) return false;
  if (!CATALOG_RACE_CODES.has(String((error as { code?: unknown }).code))) return false;
  const message = String((error as { message?: unknown }).message ?? '');
  return ownSchema === undefined || !message.includes(`"${ownSchema}"`);
}

/** Runs every migration not yet applied; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrationTableSchema = await currentPostgresSchema(db);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema,
    // Each domain numbers its own range (001–009 core, 010–019 accounts, …), so a database may have
    // run 010 before 002 appeared: apply missing ones whatever their place.
    allowUnorderedMigrations: true,
  });
  let outcome: MigrationResultSet = await migrator.migrateToLatest();
  // Kysely's migrator introspects every schema of the database (has_schema_privilege on each, then their
  // tables and columns). If another schema is dropped meanwhile (another install or test sharing the
  // database), PostgreSQL answers "schema … does not exist" (3F000), or the same for one of its tables or
  // columns. Nothing was applied then: try again.
  // Several schemas may be going (a test suite cleaning up): back off a little more each time.
  for (let attempt = 0; attempt < 8 && otherSchemaChanged(outcome, migrationTableSchema); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
    outcome = await migrator.migrateToLatest();
  }
  const { error, results } = outcome;
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  await optimizeStore(db);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * SQLite: refresh the planner's statistics where they are missing or stale (cheap; SQLite decides).
 * Without statistics the planner may read a whole site's comments through a broad index instead of
 * one author's. Run at start and periodically by the server. PostgreSQL analyzes by itself.
 */
export async function optimizeStore(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`PRAGMA optimize=0x10002`.execute(db);
}
