// The public Comment shape (docs/api.md) and the conversion from a stored row. Never carries an email.
import type { Selectable } from 'kysely';
import type { CommentsTable } from '../store/tables/core.js';
import type { CommentStatus } from '../moderation/types.js';

// featured_at may be left out of a row built in memory before its insert: a new comment is never a pick.
export type CommentRow = Omit<Selectable<CommentsTable>, 'featured_at'> & { featured_at?: string | null };

export interface PublicComment {
  id: string;
  site: string;
  story: string;
  parent: string | null;
  depth: number;
  author: { name: string; website: string | null };
  html: string;
  createdAt: string;
  editedAt: string | null;
  likes: number;
  likedByMe?: boolean;
  status: CommentStatus;
  /** An editors' pick (chosen by a moderator; who chose it is not shown). */
  featured: boolean;
  own?: boolean;
  replies?: ThreadComment[];
  replyCount: number;
  moreReplies?: string | null;
}

/**
 * Stands in, in a thread, for a comment the reader may not see (deleted by its author; rejected, marked
 * spam or deleted by a moderator; waiting for review again after an edit) that has replies they may see.
 * It carries no text, author or likes, and one status for every reason, so the reason does not leak.
 */
export interface RemovedComment {
  id: string;
  site: string;
  story: string;
  parent: string | null;
  depth: number;
  createdAt: string;
  status: 'removed';
  replies?: ThreadComment[];
  replyCount: number;
  moreReplies?: string | null;
}

/** What a thread holds: comments, and placeholders that keep visible replies in their place. */
export type ThreadComment = PublicComment | RemovedComment;

/** The columns a public reply needs (no email, no address hash, no moderation details). */
export const PUBLIC_COLUMNS = [
  'id', 'site_id', 'story_id', 'parent_id', 'root_id', 'depth', 'author_name', 'author_website',
  'author_token_hash', 'html', 'status', 'created_at', 'edited_at', 'likes', 'featured_at',
] as const;

export type PublicCommentRow = Pick<CommentRow, (typeof PUBLIC_COLUMNS)[number]>;

/** Whether a reader sees the comment itself: approved, or pending and their own. */
export function isVisibleTo(row: Pick<CommentRow, 'status' | 'author_token_hash'>, viewerTokenHash: string | null): boolean {
  return row.status === 'approved' || (!!viewerTokenHash && row.status === 'pending' && row.author_token_hash === viewerTokenHash);
}

/** A placeholder for a comment the viewer may not see: where it stood, nothing of what it said or who wrote it. */
export function toRemovedComment(row: PublicCommentRow): RemovedComment {
  return {
    id: row.id,
    site: row.site_id,
    story: row.story_id,
    parent: row.parent_id,
    depth: Number(row.depth),
    createdAt: row.created_at,
    status: 'removed',
    replyCount: 0,
  };
}

/** Stored row → what a thread shows: the comment when the viewer may see it, else its placeholder. */
export function toThreadComment(row: PublicCommentRow, viewerTokenHash: string | null): ThreadComment {
  return isVisibleTo(row, viewerTokenHash) ? toPublicComment(row, viewerTokenHash) : toRemovedComment(row);
}

/**
 * Stored row → public Comment. `viewerTokenHash` marks the viewer's own comments (own: true).
 * Replies are filled in by the thread builder.
 */
export function toPublicComment(row: PublicCommentRow, viewerTokenHash?: string | null): PublicComment {
  const comment: PublicComment = {
    id: row.id,
    site: row.site_id,
    story: row.story_id,
    parent: row.parent_id,
    depth: Number(row.depth),
    author: { name: row.author_name, website: row.author_website },
    html: row.html,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    likes: Number(row.likes),
    status: row.status as CommentStatus,
    featured: row.featured_at != null,
    replyCount: 0,
  };
  if (viewerTokenHash && row.author_token_hash === viewerTokenHash) comment.own = true;
  return comment;
}
