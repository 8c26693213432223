// Posting a guest comment: validate every field, check the site's origin and the story, run the one
// moderation entry point, store the comment with its status, and announce it when it is published.
import type { AppContext } from '../context.js';
import type { CommentStatus, ModerationResult } from '../moderation/types.js';
import { AppError, ValidationError } from '../errors.js';
import { findSite, isOriginAllowed, DEFAULT_SITE_SETTINGS } from '../sites/index.js';
import { findStory } from '../stories/index.js';
import { nowIso } from '../time.js';
import { checkCommentFields, MESSAGES } from './validate.js';
import { renderCommentHtml } from './render.js';
import { newId, newAuthorToken, isWellFormedToken, hashToken, hashAddress } from './tokens.js';
import { buildModerationInput, moderationJson, moderateSafely } from './moderation-input.js';
import { insertComment } from './writer.js';
import { toPublicComment, type PublicComment, type CommentRow } from './public.js';
import { noteReplyPublished, subscribeToReplies } from '../mail/index.js';
import { askAkismet, rememberAkismetAnswer, withAkismetVerdict } from '../spam/comments.js';

/** Who is asking, as the HTTP layer saw it. */
export interface RequestMeta {
  /** The browser's Origin header, if any. */
  origin?: string;
  /** This server's own origin (pages Parley serves itself may always call it). */
  ownOrigin?: string;
  ip?: string;
  /** User-Agent and Referer headers, for Akismet (sites with a key only). */
  userAgent?: string;
  referrer?: string;
  /** X-Parley-Author, if sent. */
  authorToken?: string;
}

export interface PostedComment {
  comment: PublicComment;
  status: CommentStatus;
  authorToken: string;
  /** True when the author will be e-mailed about replies (asked for it, and this server sends mail). */
  notifyReplies: boolean;
}

export const WRONG_ORIGIN = 'This site does not accept comments from this page’s address.';

const HONEYPOT_RESULT = (): ModerationResult => ({
  decision: 'reject',
  status: 'spam',
  scores: { toxicity: 0, severe_toxicity: 0, attack: 0, threat: 0, hate: 0, profanity: 0, spam: 1, off_topic: 0, unsubstantial: 0 },
  reasons: [{ label: 'honeypot', score: 1, spans: [], detail: 'The hidden form field was filled in, as bots do.' }],
  risk: 1,
  flagged: false,
  trail: ['honeypot'],
});

export async function postComment(ctx: AppContext, raw: unknown, meta: RequestMeta): Promise<PostedComment> {
  const db = ctx.store.db;
  // Field checks need the site's length limit; look the site up first when it is named.
  const siteId = raw && typeof raw === 'object' && typeof (raw as { site?: unknown }).site === 'string' ? (raw as { site: string }).site.trim() : '';
  const site = siteId ? await findSite(db, siteId) : null;
  if (site && !isOriginAllowed(site, meta.origin, meta.ownOrigin)) throw new AppError(403, WRONG_ORIGIN);

  const checked = checkCommentFields(raw, site?.settings.maxLength ?? DEFAULT_SITE_SETTINGS.maxLength);
  if ('notObject' in checked) throw new AppError(400, MESSAGES.notObject);
  const { fields, errors } = checked;
  if (fields.site && !site) errors.site = MESSAGES.unknownSite;

  const story = site && fields.story ? await findStory(db, site.id, fields.story) : null;
  if (site && fields.story && !story) errors.story = MESSAGES.unknownStory;
  else if (story && !story.open) errors.story = MESSAGES.closed;

  let parentRow: CommentRow | undefined;
  if (fields.parent && story) {
    parentRow = await db.selectFrom('comments').selectAll().where('id', '=', fields.parent).executeTakeFirst();
    const tokenHash = isWellFormedToken(meta.authorToken) ? hashToken(meta.authorToken) : null;
    const visible =
      parentRow &&
      parentRow.site_id === story.site &&
      parentRow.story_id === story.id &&
      (parentRow.status === 'approved' || (parentRow.status === 'pending' && !!tokenHash && parentRow.author_token_hash === tokenHash));
    if (!visible) errors.parent = MESSAGES.parent;
    else if (Number(parentRow!.depth) + 1 >= site!.settings.depthLimit) errors.parent = MESSAGES.depth(site!.settings.depthLimit);
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);

  // Keep one token per browser: reuse the one it sent, else issue a new one.
  const authorToken = isWellFormedToken(meta.authorToken) ? meta.authorToken : newAuthorToken();
  const tokenHash = hashToken(authorToken);
  const ipHash = meta.ip ? hashAddress(meta.ip) : null;

  let result = fields.honeypot
    ? HONEYPOT_RESULT()
    : moderateSafely(
        await buildModerationInput(db, {
          site: site!,
          story: story!,
          text: fields.body,
          authorName: fields.name,
          email: fields.email,
          website: fields.website,
          tokenHash,
          ipHash,
          parentBody: parentRow?.body ?? null,
          nudgeAcknowledged: fields.acknowledgeNudge,
        }),
        ctx.log,
      );
  if (result.nudge && !fields.acknowledgeNudge) {
    throw new AppError(422, result.nudge.message, { nudge: result.nudge });
  }

  const now = nowIso();
  const id = newId();
  // A second opinion when the site has an Akismet key; at worst it costs the client's short timeout.
  const akismet = await askAkismet(
    { site: site!, story: story!, body: fields.body, authorName: fields.name, email: fields.email, website: fields.website, isReply: !!parentRow, createdAt: now },
    result,
    meta,
    ctx.log,
  );
  result = withAkismetVerdict(result, akismet);
  const row: CommentRow = {
    id,
    site_id: site!.id,
    story_id: story!.id,
    parent_id: parentRow?.id ?? null,
    root_id: parentRow ? parentRow.root_id : id,
    depth: parentRow ? Number(parentRow.depth) + 1 : 0,
    author_name: fields.name,
    author_email: fields.email,
    author_website: fields.website,
    author_token_hash: tokenHash,
    ip_hash: ipHash,
    body: fields.body,
    html: renderCommentHtml(fields.body),
    status: result.status,
    risk: result.risk,
    moderation: moderationJson(result, fields.acknowledgeNudge),
    previous_status: null,
    created_at: now,
    edited_at: null,
    status_changed_at: now,
    likes: 0,
  };
  await insertComment(db, row);
  await rememberAkismetAnswer(db, id, akismet, ctx.log);
  if (row.status === 'approved') ctx.events.publishComment({ site: row.site_id, story: row.story_id, commentId: id });
  // The comment is stored: from here on nothing may turn its 201 into an error (the reader would post it again).
  const notifyReplies = await notifyByMail(ctx, row, fields.notifyReplies).catch((err: unknown) => {
    ctx.log.error({ err, commentId: id }, 'could not record the mail side of a new comment');
    return false;
  });
  return { comment: toPublicComment(row, tokenHash), status: row.status as CommentStatus, authorToken, notifyReplies };
}

/** Mail side of a new comment (nothing when mail is off): subscription, reply notice, moderators' digest. */
async function notifyByMail(ctx: AppContext, row: CommentRow, wantsReplies: boolean): Promise<boolean> {
  const mail = ctx.mail;
  if (!mail) return false;
  const subscribe = wantsReplies && (row.status === 'approved' || row.status === 'pending');
  if (subscribe) await subscribeToReplies(ctx.store.db, row.id, row.author_email, mail.now());
  if (row.status === 'approved') await noteReplyPublished(ctx.store.db, row, mail.now());
  if (row.status === 'pending' || row.status === 'approved') mail.wake();
  return subscribe;
}
