// The public Comment shape (docs/api.md) and the conversion from a stored row. Never carries an email.
import type { Selectable } from 'kysely';
import type { CommentsTable } from '../store/tables/core.js';
import type { CommentStatus } from '../moderation/types.js';

export type CommentRow = Selectable<CommentsTable>;

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
  own?: boolean;
  replies?: PublicComment[];
  replyCount: number;
  moreReplies?: string | null;
}

/** The columns a public reply needs (no email, no address hash, no moderation details). */
export const PUBLIC_COLUMNS = [
  'id', 'site_id', 'story_id', 'parent_id', 'root_id', 'depth', 'author_name', 'author_website',
  'author_token_hash', 'html', 'status', 'created_at', 'edited_at', 'likes',
] as const;

export type PublicCommentRow = Pick<CommentRow, (typeof PUBLIC_COLUMNS)[number]>;

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
    replyCount: 0,
  };
  if (viewerTokenHash && row.author_token_hash === viewerTokenHash) comment.own = true;
  return comment;
}
