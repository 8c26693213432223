// The live-event relay's catch-up after a lost PostgreSQL listener (src/events/postgres.ts) reads the
// comments approved since a moment: (status, status_changed_at) makes that a short index range instead
// of a scan of every comment.
import type { Kysely, Migration } from 'kysely';

export const migration003StatusChangedIndex: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.createIndex('comments_status_changed').on('comments').columns(['status', 'status_changed_at']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('comments_status_changed').execute();
  },
};
