// Copies a whole Parley database into another, empty one: the path from the embedded SQLite file to
// PostgreSQL when a site outgrows one server (or back, or from one PostgreSQL to another).
//
// Both databases are migrated to the same version first, so every table has the same columns on both
// sides. Rows are read in pages by primary key (no OFFSET: a page costs the same at row 10 and row
// 10 million) and written in one transaction, so a failed copy leaves the target empty.
import { sql, type Kysely } from 'kysely';
import type { Db, DialectName } from './db.js';

/**
 * Every table and its primary key, parents before children (foreign keys). A table the migrations add
 * must be added here: copyStore refuses to run while the source has a table it does not know, rather
 * than leave data behind.
 */
export const COPY_TABLES: readonly { table: string; key: readonly string[] }[] = [
  { table: 'sites', key: ['id'] },
  { table: 'stories', key: ['site_id', 'id'] },
  { table: 'comments', key: ['id'] },
  { table: 'likes', key: ['comment_id', 'reader_hash'] },
  { table: 'reports', key: ['id'] },
  { table: 'users', key: ['id'] },
  { table: 'sessions', key: ['token_hash'] },
  { table: 'login_failures', key: ['id'] },
  { table: 'audit_log', key: ['id'] },
  { table: 'api_keys', key: ['id'] },
  { table: 'akismet_checks', key: ['comment_id'] },
  { table: 'mail_outbox', key: ['id'] },
  { table: 'reply_subscriptions', key: ['comment_id'] },
  { table: 'reply_notices', key: ['reply_id'] },
  { table: 'moderator_digests', key: ['site_id', 'address'] },
];

/** Rows read and written per statement: well under both engines' limits on bound parameters. */
const PAGE_ROWS = 500;

export interface CopyProgress { (table: string, copied: number): void }

export class CopyError extends Error {}

type AnyDb = Kysely<any>;

/** The user tables of the database the connection sees (its current schema on PostgreSQL). */
async function tablesOf(db: Db, dialect: DialectName): Promise<string[]> {
  const any = db as unknown as AnyDb;
  if (dialect === 'sqlite') {
    const rows = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(any);
    return rows.rows.map((r) => r.name).filter((n) => !n.startsWith('kysely_'));
  }
  const rows = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(any);
  return rows.rows.map((r) => r.name).filter((n) => !n.startsWith('kysely_'));
}

async function countRows(db: AnyDb, table: string): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Copies every row of `from` into `to`. Both must be migrated to the latest version; `to` must be empty.
 * Returns the number of rows copied per table (checked against the source's counts before returning).
 */
export async function copyStore(
  from: { db: Db; dialect: DialectName },
  to: { db: Db; dialect: DialectName },
  progress: CopyProgress = () => {},
): Promise<Record<string, number>> {
  const source = from.db as unknown as AnyDb;
  const known = new Set(COPY_TABLES.map((t) => t.table));
  const unknown = (await tablesOf(from.db, from.dialect)).filter((t) => !known.has(t));
  if (unknown.length) throw new CopyError(`Parley does not know how to copy the table(s) ${unknown.join(', ')}; nothing was copied.`);
  const present = new Set(await tablesOf(to.db, to.dialect));
  const missing = COPY_TABLES.filter((t) => !present.has(t.table)).map((t) => t.table);
  if (missing.length) throw new CopyError(`The target database lacks the table(s) ${missing.join(', ')}: migrate it first.`);
  for (const { table } of COPY_TABLES) {
    const n = await countRows(to.db as unknown as AnyDb, table);
    if (n > 0) throw new CopyError(`The target database is not empty (${table} has ${n} row(s)); copy into an empty database.`);
  }

  const copied: Record<string, number> = {};
  await to.db.transaction().execute(async (trx) => {
    const target = trx as unknown as AnyDb;
    for (const { table, key } of COPY_TABLES) {
      copied[table] = 0;
      // Replies point at their parent comment, which may have a larger id: comments go in without their
      // parent first, and the parents are set once every comment is there.
      const parents: [string, string][] = [];
      for await (const page of pagesOf(source, table, key)) {
        const rows = table === 'comments'
          ? page.map((r) => { if (r.parent_id) parents.push([r.id, r.parent_id]); return { ...r, parent_id: null }; })
          : page;
        await target.insertInto(table).values(rows).execute();
        copied[table] += rows.length;
        progress(table, copied[table]);
      }
      for (let i = 0; i < parents.length; i += PAGE_ROWS) {
        const values = sql.join(parents.slice(i, i + PAGE_ROWS).map(([id, parent]) => sql`(${id}, ${parent})`));
        await sql`update comments set parent_id = v.column2 from (values ${values}) as v where comments.id = v.column1`.execute(target);
      }
    }
    // Checked inside the transaction: a mismatch rolls the whole copy back.
    for (const { table } of COPY_TABLES) {
      const expected = await countRows(source, table);
      const found = await countRows(target, table);
      if (found !== expected || copied[table] !== expected) {
        throw new CopyError(`${table}: the source has ${expected} row(s) but ${found} were written (was it being written to during the copy?); nothing was copied.`);
      }
    }
  });
  return copied;
}

/** The table's rows in primary-key order, a page at a time (keyset pagination). */
async function* pagesOf(db: AnyDb, table: string, key: readonly string[]): AsyncGenerator<Record<string, any>[]> {
  let after: Record<string, any> | null = null;
  for (;;) {
    let query = db.selectFrom(table).selectAll();
    if (after) {
      const last = after;
      // (k1, k2) > (v1, v2), spelled out: both engines use the primary key's index for it
      query = query.where((eb) => eb.or(key.map((k, i) => eb.and([
        ...key.slice(0, i).map((prev) => eb(prev, '=', last[prev])),
        eb(k, '>', last[k]),
      ]))));
    }
    for (const k of key) query = query.orderBy(k);
    const page = await query.limit(PAGE_ROWS).execute();
    if (page.length === 0) return;
    yield page;
    if (page.length < PAGE_ROWS) return;
    after = page[page.length - 1];
  }
}
