// Table types for sites, stories, comments, likes, reports (migrations 001–009). Owned by the core.
// Portable types only: timestamps are ISO 8601 text (UTC, millisecond precision, so they sort as text),
// booleans are integers 0/1, JSON is text. Every id is text.
import type { Generated } from 'kysely';

export interface SitesTable {
  /** The site's slug, e.g. "demo". */
  id: string;
  name: string;
  /** JSON text of SiteSettings (see src/sites/settings.ts). */
  settings: string;
  created_at: string;
  updated_at: string;
}

export interface StoriesTable {
  site_id: string;
  /** The story's id within its site, e.g. "welcome". */
  id: string;
  /** Canonical URL of the article; readers may name the story by it. */
  url: string | null;
  title: string;
  body: string | null;
  /** 1 = open for comments, 0 = closed. */
  open: number;
  /** Per-story moderation mode, or null for the site's. */
  mode: string | null;
  /** Approved comments, kept up to date with every status change (counts never scan comments). */
  approved_count: Generated<number>;
  /** Bumped on every change to the story's comments; keys the rendered-thread cache and the ETag. */
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface CommentsTable {
  id: string;
  site_id: string;
  story_id: string;
  parent_id: string | null;
  /** The top-level comment of the thread (itself for a top-level comment): loads a page's replies in one query. */
  root_id: string;
  /** 0 for top-level comments. */
  depth: number;
  author_name: string;
  author_email: string;
  author_website: string | null;
  /** sha256 of the author token; the token itself is never stored. */
  author_token_hash: string | null;
  /** sha256 of the poster's network address. */
  ip_hash: string | null;
  /** Markdown source as written. */
  body: string;
  /** Rendered and sanitized at write time. */
  html: string;
  status: string;
  /** 0..1 from the moderation engine; orders the Pending queue. */
  risk: number;
  /** JSON text: { decision, scores, reasons, trail, flagged, nudgeAcknowledged? } or null. */
  moderation: string | null;
  /** The status before the last status change (moderators' undo). */
  previous_status: string | null;
  created_at: string;
  edited_at: string | null;
  status_changed_at: string;
  likes: Generated<number>;
  /** When a moderator made it an editors' pick; null when it is not one (cleared when it leaves 'approved'). */
  featured_at: string | null;
}

export interface LikesTable {
  comment_id: string;
  /** sha256 of the reader id. */
  reader_hash: string;
  created_at: string;
}

export interface ReportsTable {
  id: string;
  comment_id: string;
  site_id: string;
  reason: string;
  reader_hash: string | null;
  created_at: string;
  /** Set when a moderator acted on the comment. */
  resolved_at: string | null;
}

export interface CoreTables {
  sites: SitesTable;
  stories: StoriesTable;
  comments: CommentsTable;
  likes: LikesTable;
  reports: ReportsTable;
}
