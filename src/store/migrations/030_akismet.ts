// Akismet checks (030–039: outside spam services). A comment's network address is otherwise kept
// only hashed; Akismet's feedback calls (submit-spam / submit-ham) must repeat what the
// check sent, so the raw address, user agent and referrer of checked comments live here, and rows
// older than 30 days are deleted (src/spam/checks.ts).
import type { Kysely, Migration } from 'kysely';

export const migration030Akismet: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('akismet_checks')
      .addColumn('comment_id', 'text', (c) => c.primaryKey().references('comments.id').onDelete('cascade'))
      .addColumn('verdict', 'text', (c) => c.notNull())
      .addColumn('user_ip', 'text', (c) => c.notNull())
      .addColumn('user_agent', 'text')
      .addColumn('referrer', 'text')
      .addColumn('blog', 'text', (c) => c.notNull())
      .addColumn('checked_at', 'text', (c) => c.notNull())
      .execute();
    // The 30-day sweep reads by age.
    await db.schema.createIndex('akismet_checks_age').on('akismet_checks').column('checked_at').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('akismet_checks').execute();
  },
};
