// One comment and the chain of comments it answers, for `#comment-<id>` links (reply e-mails) to a
// comment that is not on the thread's first page or beyond a comment's first replies. Visibility follows
// the thread's rules: the comment itself only when the viewer may see it, each ancestor as itself or as
// the removed-comment placeholder.
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { findSite, isOriginAllowed } from '../sites/index.js';
import {
  PUBLIC_COLUMNS,
  isVisibleTo,
  toPublicComment,
  toThreadComment,
  type PublicComment,
  type PublicCommentRow,
  type ThreadComment,
} from './public.js';
import { hashReader, hashToken, isWellFormedToken } from './tokens.js';
import { WRONG_ORIGIN } from './post.js';
import type { Viewer } from './thread.js';

export const COMMENT_NOT_AVAILABLE = 'This comment is not available.';

export interface CommentContext {
  comment: PublicComment;
  /** From the top-level comment down to the comment's parent. */
  ancestors: ThreadComment[];
}

function readRow(ctx: AppContext, id: string): Promise<PublicCommentRow | undefined> {
  return ctx.store.db.selectFrom('comments').select(PUBLIC_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function readCommentContext(ctx: AppContext, commentId: string, viewer: Viewer): Promise<CommentContext> {
  const tokenHash = isWellFormedToken(viewer.authorToken) ? hashToken(viewer.authorToken) : null;
  const row = await readRow(ctx, commentId);
  if (!row) throw new AppError(404, COMMENT_NOT_AVAILABLE);
  const site = await findSite(ctx.store.db, row.site_id);
  if (site && !isOriginAllowed(site, viewer.origin, viewer.ownOrigin)) throw new AppError(403, WRONG_ORIGIN);
  // An unseen comment answers exactly like an unknown one, so the reason it is hidden does not leak.
  if (!isVisibleTo(row, tokenHash)) throw new AppError(404, COMMENT_NOT_AVAILABLE);

  // One lookup per level: threads are only as deep as the site's depth limit.
  const ancestors: ThreadComment[] = [];
  for (let parentId = row.parent_id; parentId; ) {
    const parent = await readRow(ctx, parentId);
    if (!parent) break;
    ancestors.unshift(toThreadComment(parent, tokenHash));
    parentId = parent.parent_id;
  }

  const comment = toPublicComment(row, tokenHash);
  if (isWellFormedToken(viewer.readerId)) {
    const like = await ctx.store.db
      .selectFrom('likes')
      .select('comment_id')
      .where('comment_id', '=', comment.id)
      .where('reader_hash', '=', hashReader(viewer.readerId))
      .executeTakeFirst();
    comment.likedByMe = !!like;
  }
  return { comment, ancestors };
}
