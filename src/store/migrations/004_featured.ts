// Editors' picks: a moderator may feature an approved comment (featured_at, null when not a pick).
// The public list of picks reads one story's picks newest first: (site_id, story_id, featured_at)
// makes that, and the thread's featuredCount, an index range instead of a scan of the story's comments.
import type { Kysely, Migration } from 'kysely';

export const migration004Featured: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('comments').addColumn('featured_at', 'text').execute();
    await db.schema.createIndex('comments_featured').on('comments').columns(['site_id', 'story_id', 'featured_at']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('comments_featured').execute();
    await db.schema.alterTable('comments').dropColumn('featured_at').execute();
  },
};
