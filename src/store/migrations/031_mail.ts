// E-mail notifications (src/mail): the outbox every message goes through, readers' reply subscriptions,
// replies waiting to be told to a subscriber, and when each moderator address last got its digest.
import type { Kysely, Migration } from 'kysely';

export const migration031Mail: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('mail_outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('to_address', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('text_body', 'text', (c) => c.notNull())
      .addColumn('html_body', 'text', (c) => c.notNull())
      .addColumn('list_unsubscribe', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text')
      .addColumn('claimed_until', 'text')
      .addColumn('sent_at', 'text')
      .addColumn('last_error', 'text')
      .execute();
    // Sent and given-up rows have no next attempt, so the sender's range holds only mail still to send.
    await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['next_attempt_at']).execute();

    await db.schema
      .createTable('reply_subscriptions')
      .addColumn('comment_id', 'text', (c) => c.primaryKey().references('comments.id').onDelete('cascade'))
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('token', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('unsubscribed_at', 'text')
      .execute();

    await db.schema
      .createTable('reply_notices')
      .addColumn('reply_id', 'text', (c) => c.primaryKey().references('comments.id').onDelete('cascade'))
      .addColumn('parent_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('done_at', 'text')
      .execute();
    await db.schema.createIndex('reply_notices_open').on('reply_notices').columns(['done_at', 'created_at']).execute();

    await db.schema
      .createTable('moderator_digests')
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('last_sent_at', 'text', (c) => c.notNull())
      .addColumn('listed_until', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('moderator_digests_pk', ['site_id', 'address'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['moderator_digests', 'reply_notices', 'reply_subscriptions', 'mail_outbox']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
