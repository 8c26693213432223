// An author editing or deleting their own comment (matched by author token) within the site's window.
// An edit runs the moderation entry point again, as a new comment would.
import type { AppContext } from '../context.js';
import type { CommentStatus } from '../moderation/types.js';
import { AppError } from '../errors.js';
import { findSite, isOriginAllowed } from '../sites/index.js';
import { findStory } from '../stories/index.js';
import { nowIso } from '../time.js';
import { checkBody } from './validate.js';
import { renderCommentHtml } from './render.js';
import { hashToken, isWellFormedToken } from './tokens.js';
import { buildModerationInput, moderationJson, moderateSafely } from './moderation-input.js';
import { applyStatusChange, announceStatusChange, bumpStory } from './status.js';
import { noteReplyPublished } from '../mail/index.js';
import { toPublicComment, type PublicComment, type CommentRow } from './public.js';
import { WRONG_ORIGIN, type RequestMeta } from './post.js';
import { askAkismet, rememberAkismetAnswer, withAkismetVerdict } from '../spam/comments.js';

export const NOT_YOURS = 'You can only change your own comments.';
export const WINDOW_CLOSED = 'The edit window has closed.';
export const LOCKED = 'A moderator has already decided on this comment; it can no longer be changed.';

async function ownComment(ctx: AppContext, commentId: string, meta: RequestMeta) {
  const row = await ctx.store.db.selectFrom('comments').selectAll().where('id', '=', commentId).executeTakeFirst();
  if (!row || row.status === 'deleted') throw new AppError(404, 'This comment does not exist.');
  const site = await findSite(ctx.store.db, row.site_id);
  if (!site) throw new AppError(404, 'This comment does not exist.');
  if (!isOriginAllowed(site, meta.origin, meta.ownOrigin)) throw new AppError(403, WRONG_ORIGIN);
  if (!isWellFormedToken(meta.authorToken) || row.author_token_hash !== hashToken(meta.authorToken)) {
    throw new AppError(403, NOT_YOURS);
  }
  // A moderator's rejection stands: editing must not send the comment back through the pipeline.
  if (row.status !== 'pending' && row.status !== 'approved') throw new AppError(409, LOCKED);
  const ageSeconds = (Date.now() - Date.parse(row.created_at)) / 1000;
  if (ageSeconds > site.settings.editWindowSeconds) throw new AppError(409, WINDOW_CLOSED);
  return { row, site };
}

export async function editOwnComment(
  ctx: AppContext,
  commentId: string,
  raw: unknown,
  meta: RequestMeta,
): Promise<{ comment: PublicComment; status: CommentStatus }> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new AppError(400, 'Send the edit as a JSON object: { "body": "…" }.');
  const { row, site } = await ownComment(ctx, commentId, meta);
  const checked = checkBody((raw as { body?: unknown }).body, site.settings.maxLength);
  if ('error' in checked) throw new AppError(400, checked.error, { errors: { body: checked.error } });
  const acknowledged = (raw as { acknowledgeNudge?: unknown }).acknowledgeNudge === true;
  const story = await findStory(ctx.store.db, site.id, row.story_id);
  if (!story) throw new AppError(404, 'This story does not exist.');
  if (!story.open) throw new AppError(409, 'Comments are closed on this story.');

  const parentBody = row.parent_id
    ? ((await ctx.store.db.selectFrom('comments').select('body').where('id', '=', row.parent_id).executeTakeFirst())?.body ?? null)
    : null;
  let result = moderateSafely(
    await buildModerationInput(ctx.store.db, {
      site,
      story,
      text: checked.body,
      authorName: row.author_name,
      email: row.author_email,
      website: row.author_website,
      tokenHash: row.author_token_hash,
      ipHash: row.ip_hash,
      parentBody,
      nudgeAcknowledged: acknowledged,
      excludeCommentId: row.id,
    }),
    ctx.log,
  );
  if (result.nudge && !acknowledged) throw new AppError(422, result.nudge.message, { nudge: result.nudge });
  const akismet = await askAkismet(
    {
      site,
      story,
      body: checked.body,
      authorName: row.author_name,
      email: row.author_email,
      website: row.author_website,
      isReply: row.parent_id !== null,
      createdAt: row.created_at,
      recheckReason: 'edit',
    },
    result,
    meta,
    ctx.log,
  );
  result = withAkismetVerdict(result, akismet);

  const now = nowIso();
  const change = await ctx.store.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('comments')
      // an editors' pick was of the text as it was: an edited comment is no longer one
      .set({ body: checked.body, html: renderCommentHtml(checked.body), edited_at: now, risk: result.risk, moderation: moderationJson(result, acknowledged), featured_at: null })
      .where('id', '=', row.id)
      .execute();
    const change = await applyStatusChange(trx, row.id, result.status);
    // The text changed even when the status did not: cached pages must go.
    if (!change.changed) await bumpStory(trx, row.site_id, row.story_id);
    // An edit that makes a reply public may be owed to a subscribed parent author, as an approval is.
    if (change.changed && change.to === 'approved') await noteReplyPublished(trx, change.comment);
    return change;
  });
  announceStatusChange(ctx, change);
  await rememberAkismetAnswer(ctx.store.db, row.id, akismet, ctx.log);
  const updated = (await ctx.store.db.selectFrom('comments').selectAll().where('id', '=', row.id).executeTakeFirst()) as CommentRow;
  return { comment: toPublicComment(updated, updated.author_token_hash), status: updated.status as CommentStatus };
}

export async function deleteOwnComment(ctx: AppContext, commentId: string, meta: RequestMeta): Promise<{ deleted: true; id: string }> {
  const { row } = await ownComment(ctx, commentId, meta);
  const change = await ctx.store.db.transaction().execute((trx) => applyStatusChange(trx, row.id, 'deleted'));
  announceStatusChange(ctx, change);
  return { deleted: true, id: row.id };
}
