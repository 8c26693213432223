// The audit log: one row per moderator action (who, what, when, previous and new status, reason).
import type { Kysely, Migration } from 'kysely';

export const m011_audit: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_email', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('site_id', 'text')
      .addColumn('comment_id', 'text')
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text')
      .addColumn('reason', 'text')
      .addColumn('detail', 'text')
      .execute();
    await db.schema.createIndex('audit_log_comment_idx').on('audit_log').columns(['comment_id', 'id']).execute();
    await db.schema.createIndex('audit_log_site_idx').on('audit_log').columns(['site_id', 'id']).execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('audit_log').execute();
  },
};
