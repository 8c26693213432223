// Changing a comment's status: the one function every path uses (moderators included), so the
// story's approved count and version (cache key) stay right and live readers hear of new comments.
import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../context.js';
import type { Database } from '../store/schema.js';
import type { CommentStatus } from '../moderation/types.js';
import { AppError } from '../errors.js';
import { nowIso } from '../time.js';
import type { CommentRow } from './public.js';

export interface StatusChange {
  comment: CommentRow; // after the change
  from: CommentStatus;
  to: CommentStatus;
  changed: boolean;
}

/**
 * Sets a comment's status inside `db` (a transaction if you pass one) and adjusts its story's
 * approved count and version. Does NOT announce: call announceStatusChange(ctx, change) after commit,
 * or use changeCommentStatus which does both.
 */
export async function applyStatusChange(
  db: Kysely<Database> | Transaction<Database>,
  commentId: string,
  to: CommentStatus,
): Promise<StatusChange> {
  const row = await db.selectFrom('comments').selectAll().where('id', '=', commentId).executeTakeFirst();
  if (!row) throw new AppError(404, 'This comment does not exist.');
  const from = row.status as CommentStatus;
  if (from === to) return { comment: row, from, to, changed: false };
  const now = nowIso();
  // A comment that stops being public stops being an editors' pick, in this same transaction: the pick
  // was of what readers saw, so restoring it later does not make it a pick again without an editor.
  const featured_at = to === 'approved' ? (row.featured_at ?? null) : null;
  await db
    .updateTable('comments')
    .set({ status: to, previous_status: from, status_changed_at: now, featured_at })
    .where('id', '=', commentId)
    .execute();
  const delta = (to === 'approved' ? 1 : 0) - (from === 'approved' ? 1 : 0);
  await bumpStory(db, row.site_id, row.story_id, delta);
  return { comment: { ...row, status: to, previous_status: from, status_changed_at: now, featured_at }, from, to, changed: true };
}

/** Adds `approvedDelta` to the story's count and bumps its version (invalidates cached thread pages). */
export async function bumpStory(
  db: Kysely<Database> | Transaction<Database>,
  site: string,
  story: string,
  approvedDelta = 0,
): Promise<void> {
  await db
    .updateTable('stories')
    .set((eb) => ({ approved_count: eb('approved_count', '+', approvedDelta), version: eb('version', '+', 1) }))
    .where('site_id', '=', site)
    .where('id', '=', story)
    .execute();
}

/** Tells live readers (SSE) when a change made a comment visible. Call after the transaction committed. */
export function announceStatusChange(ctx: Pick<AppContext, 'events'>, change: StatusChange): void {
  if (change.changed && change.to === 'approved') {
    ctx.events.publishComment({ site: change.comment.site_id, story: change.comment.story_id, commentId: change.comment.id });
  }
}

/** Changes one comment's status in its own transaction, then announces it. */
export async function changeCommentStatus(ctx: AppContext, commentId: string, to: CommentStatus): Promise<StatusChange> {
  const change = await ctx.store.db.transaction().execute((trx) => applyStatusChange(trx, commentId, to));
  announceStatusChange(ctx, change);
  return change;
}
