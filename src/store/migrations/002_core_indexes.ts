// Indexes that let SQLite's planner pick the narrow path for the queries each post and each thread
// read makes (author history per site, the thread's recent comments, a page's replies by root).
import type { Kysely, Migration } from 'kysely';

export const migration002CoreIndexes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('comments_email').execute();
    await db.schema.dropIndex('comments_token').execute();
    await db.schema.dropIndex('comments_root').execute();
    await db.schema.createIndex('comments_site_email').on('comments').columns(['site_id', 'author_email', 'created_at']).execute();
    await db.schema.createIndex('comments_site_token').on('comments').columns(['site_id', 'author_token_hash', 'created_at']).execute();
    await db.schema.createIndex('comments_root_status').on('comments').columns(['root_id', 'status', 'created_at']).execute();
    await db.schema.createIndex('comments_story_recent').on('comments').columns(['site_id', 'story_id', 'status', 'created_at']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const name of ['comments_site_email', 'comments_site_token', 'comments_root_status', 'comments_story_recent']) {
      await db.schema.dropIndex(name).execute();
    }
    await db.schema.createIndex('comments_email').on('comments').columns(['author_email', 'created_at']).execute();
    await db.schema.createIndex('comments_token').on('comments').columns(['author_token_hash', 'created_at']).execute();
    await db.schema.createIndex('comments_root').on('comments').columns(['root_id', 'created_at']).execute();
  },
};
