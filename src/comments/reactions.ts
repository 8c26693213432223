// Readers' reactions to a published comment: likes (one per reader id) and reports.
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { findSite, isOriginAllowed } from '../sites/index.js';
import { nowIso } from '../time.js';
import { bumpStory } from './status.js';
import { hashReader, isWellFormedToken, newId } from './tokens.js';
import { WRONG_ORIGIN, type RequestMeta } from './post.js';

export const READER_REQUIRED = 'Liking needs a reader id (X-Parley-Reader header, 16–128 letters, digits, "-" or "_").';

async function publishedComment(ctx: AppContext, commentId: string, meta: RequestMeta) {
  const row = await ctx.store.db
    .selectFrom('comments')
    .select(['id', 'site_id', 'story_id', 'status', 'likes'])
    .where('id', '=', commentId)
    .executeTakeFirst();
  if (!row || row.status !== 'approved') throw new AppError(404, 'This comment does not exist.');
  const site = await findSite(ctx.store.db, row.site_id);
  if (site && !isOriginAllowed(site, meta.origin, meta.ownOrigin)) throw new AppError(403, WRONG_ORIGIN);
  return row;
}

/** Likes (liked = true) or unlikes a comment for one reader. Idempotent. */
export async function setLike(
  ctx: AppContext,
  commentId: string,
  readerId: string | undefined,
  liked: boolean,
  meta: RequestMeta,
): Promise<{ likes: number; liked: boolean }> {
  if (!isWellFormedToken(readerId)) throw new AppError(400, READER_REQUIRED);
  const comment = await publishedComment(ctx, commentId, meta);
  const readerHash = hashReader(readerId);
  const likes = await ctx.store.db.transaction().execute(async (trx) => {
    let delta = 0;
    if (liked) {
      const r = await trx
        .insertInto('likes')
        .values({ comment_id: commentId, reader_hash: readerHash, created_at: nowIso() })
        .onConflict((oc) => oc.columns(['comment_id', 'reader_hash']).doNothing())
        .executeTakeFirst();
      delta = Number(r.numInsertedOrUpdatedRows ?? 0) > 0 ? 1 : 0;
    } else {
      const r = await trx.deleteFrom('likes').where('comment_id', '=', commentId).where('reader_hash', '=', readerHash).executeTakeFirst();
      delta = Number(r.numDeletedRows) > 0 ? -1 : 0;
    }
    if (delta) {
      await trx.updateTable('comments').set((eb) => ({ likes: eb('likes', '+', delta) })).where('id', '=', commentId).execute();
      await bumpStory(trx, comment.site_id, comment.story_id);
    }
    const row = await trx.selectFrom('comments').select('likes').where('id', '=', commentId).executeTakeFirstOrThrow();
    return Number(row.likes);
  });
  return { likes, liked };
}

export const MAX_REPORT_REASON = 500;

/** A reader flags a published comment for the moderators' Reported queue. One open report per reader. */
export async function reportComment(
  ctx: AppContext,
  commentId: string,
  raw: unknown,
  readerId: string | undefined,
  meta: RequestMeta,
): Promise<{ reported: true }> {
  const reasonRaw = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { reason?: unknown }).reason : undefined;
  const reason = typeof reasonRaw === 'string' ? reasonRaw.replace(/\s+/g, ' ').trim() : '';
  if (!reason) throw new AppError(400, 'Please say what is wrong with this comment.', { errors: { reason: 'Please say what is wrong with this comment.' } });
  if (reason.length > MAX_REPORT_REASON) {
    const message = `Please keep the reason under ${MAX_REPORT_REASON} characters.`;
    throw new AppError(400, message, { errors: { reason: message } });
  }
  const comment = await publishedComment(ctx, commentId, meta);
  const readerHash = isWellFormedToken(readerId) ? hashReader(readerId) : null;
  if (readerHash) {
    const already = await ctx.store.db
      .selectFrom('reports')
      .select('id')
      .where('comment_id', '=', commentId)
      .where('reader_hash', '=', readerHash)
      .where('resolved_at', 'is', null)
      .executeTakeFirst();
    if (already) return { reported: true };
  }
  await ctx.store.db
    .insertInto('reports')
    .values({ id: newId(), comment_id: commentId, site_id: comment.site_id, reason, reader_hash: readerHash, created_at: nowIso(), resolved_at: null })
    .execute();
  return { reported: true };
}
