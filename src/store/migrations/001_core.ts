// Core tables: sites, stories, comments, likes, reports. Types chosen to mean the same on SQLite and PostgreSQL.
import type { Kysely, Migration } from 'kysely';

export const migration001Core: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('sites')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('stories')
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('url', 'text')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text')
      .addColumn('open', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('mode', 'text')
      .addColumn('approved_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('stories_pk', ['site_id', 'id'])
      .execute();
    await db.schema.createIndex('stories_url').on('stories').columns(['site_id', 'url']).execute();

    await db.schema
      .createTable('comments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site_id', 'text', (c) => c.notNull())
      .addColumn('story_id', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'text', (c) => c.references('comments.id'))
      .addColumn('root_id', 'text', (c) => c.notNull())
      .addColumn('depth', 'integer', (c) => c.notNull())
      .addColumn('author_name', 'text', (c) => c.notNull())
      .addColumn('author_email', 'text', (c) => c.notNull())
      .addColumn('author_website', 'text')
      .addColumn('author_token_hash', 'text')
      .addColumn('ip_hash', 'text')
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('html', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('risk', 'real', (c) => c.notNull().defaultTo(0))
      .addColumn('moderation', 'text')
      .addColumn('previous_status', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('edited_at', 'text')
      .addColumn('status_changed_at', 'text', (c) => c.notNull())
      .addColumn('likes', 'integer', (c) => c.notNull().defaultTo(0))
      .addForeignKeyConstraint('comments_story_fk', ['site_id', 'story_id'], 'stories', ['site_id', 'id'], (c) =>
        c.onDelete('cascade'),
      )
      .execute();
    // Thread pages: a story's top-level comments of one status, by time or by likes.
    await db.schema
      .createIndex('comments_thread')
      .on('comments')
      .columns(['site_id', 'story_id', 'status', 'depth', 'created_at'])
      .execute();
    await db.schema.createIndex('comments_root').on('comments').columns(['root_id', 'created_at']).execute();
    await db.schema.createIndex('comments_parent').on('comments').columns(['parent_id', 'created_at']).execute();
    // Moderation queues ordered by risk, author history by email / token / address.
    await db.schema.createIndex('comments_queue').on('comments').columns(['status', 'risk']).execute();
    await db.schema.createIndex('comments_email').on('comments').columns(['author_email', 'created_at']).execute();
    await db.schema.createIndex('comments_token').on('comments').columns(['author_token_hash', 'created_at']).execute();
    await db.schema.createIndex('comments_ip').on('comments').columns(['ip_hash', 'created_at']).execute();

    await db.schema
      .createTable('likes')
      .addColumn('comment_id', 'text', (c) => c.notNull().references('comments.id').onDelete('cascade'))
      .addColumn('reader_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('likes_pk', ['comment_id', 'reader_hash'])
      .execute();

    await db.schema
      .createTable('reports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('comment_id', 'text', (c) => c.notNull().references('comments.id').onDelete('cascade'))
      .addColumn('site_id', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('reader_hash', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('resolved_at', 'text')
      .execute();
    await db.schema.createIndex('reports_comment').on('reports').columns(['comment_id', 'resolved_at']).execute();
    await db.schema.createIndex('reports_open').on('reports').columns(['site_id', 'resolved_at']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['reports', 'likes', 'comments', 'stories', 'sites']) await db.schema.dropTable(table).execute();
  },
};
