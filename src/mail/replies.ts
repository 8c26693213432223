// Readers who ask to hear about replies: the subscription (with its unsubscribe token), the notice
// recorded when a reply to a subscribed comment becomes public, and the message made from it once.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { enqueueMail } from './outbox.js';
import { replyNotice } from './templates.js';

/** 32 random bytes, base64url (43 characters): the unsubscribe link's only secret. */
export function newUnsubscribeToken(): string {
  return randomBytes(32).toString('base64url');
}

export const UNSUBSCRIBE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/api/v1/unsubscribe?token=${token}`;
}

export async function subscribeToReplies(db: Kysely<Database>, commentId: string, email: string, now: Date): Promise<void> {
  await db
    .insertInto('reply_subscriptions')
    .values({ comment_id: commentId, email, token: newUnsubscribeToken(), created_at: now.toISOString(), unsubscribed_at: null })
    .onConflict((oc) => oc.column('comment_id').doNothing())
    .execute();
}

/**
 * Call when a comment became public (in the same transaction as the change, when there is one). Records
 * a notice if it replies to a comment whose author subscribed; a reply is noted once, whatever happens
 * to it later, so approving it again tells no one twice.
 */
export async function noteReplyPublished(db: Kysely<Database>, reply: { id: string; parent_id: string | null }, now = new Date()): Promise<void> {
  if (!reply.parent_id) return;
  const subscribed = await db
    .selectFrom('reply_subscriptions')
    .select('comment_id')
    .where('comment_id', '=', reply.parent_id)
    .where('unsubscribed_at', 'is', null)
    .executeTakeFirst();
  if (!subscribed) return;
  await db
    .insertInto('reply_notices')
    .values({ reply_id: reply.id, parent_id: reply.parent_id, created_at: now.toISOString(), done_at: null })
    .onConflict((oc) => oc.column('reply_id').doNothing())
    .execute();
}

/** The message for one notice, or null when there is nothing to tell (see the conditions). */
async function messageFor(db: Kysely<Database>, replyId: string, publicUrl: string) {
  const row = await db
    .selectFrom('comments as reply')
    .innerJoin('comments as parent', 'parent.id', 'reply.parent_id')
    .innerJoin('reply_subscriptions as sub', 'sub.comment_id', 'parent.id')
    .innerJoin('stories', (j) => j.onRef('stories.site_id', '=', 'reply.site_id').onRef('stories.id', '=', 'reply.story_id'))
    .select([
      'reply.id',
      'reply.author_name',
      'reply.author_email',
      'reply.author_token_hash',
      'reply.body',
      'reply.status',
      'parent.author_token_hash as parent_token_hash',
      'sub.email',
      'sub.token',
      'sub.unsubscribed_at',
      'stories.title',
      'stories.url',
    ])
    .where('reply.id', '=', replyId)
    .executeTakeFirst();
  // Not (or no longer) public, unsubscribed meanwhile, or the subscriber answering their own comment.
  if (!row || row.status !== 'approved' || row.unsubscribed_at !== null) return null;
  if (row.author_email === row.email || (row.author_token_hash !== null && row.author_token_hash === row.parent_token_hash)) return null;
  return replyNotice({
    to: row.email,
    replierName: row.author_name,
    replyBody: row.body,
    storyTitle: row.title,
    link: row.url ? `${row.url.split('#')[0]}#comment-${encodeURIComponent(row.id)}` : null,
    unsubscribeUrl: unsubscribeUrl(publicUrl, row.token),
  });
}

/** Turns open notices into queued messages (each notice handled once, even with several senders). */
export async function queueReplyNotices(db: Kysely<Database>, publicUrl: string, now: Date, limit = 50): Promise<number> {
  const open = await db
    .selectFrom('reply_notices')
    .select('reply_id')
    .where('done_at', 'is', null)
    .orderBy('created_at')
    .limit(limit)
    .execute();
  let queued = 0;
  for (const { reply_id } of open) {
    const sent = await db.transaction().execute(async (trx) => {
      const taken = await trx
        .updateTable('reply_notices')
        .set({ done_at: now.toISOString() })
        .where('reply_id', '=', reply_id)
        .where('done_at', 'is', null)
        .returning('reply_id')
        .execute();
      if (taken.length === 0) return false;
      const message = await messageFor(trx, reply_id, publicUrl);
      if (message) await enqueueMail(trx, message, now);
      return message !== null;
    });
    if (sent) queued += 1;
  }
  return queued;
}

export type UnsubscribeResult = 'unsubscribed' | 'already' | 'unknown';

/** Where a token stands, changing nothing (the unsubscribe page asks before it acts). */
export async function subscriptionState(db: Kysely<Database>, token: string): Promise<'active' | 'already' | 'unknown'> {
  if (!UNSUBSCRIBE_TOKEN.test(token)) return 'unknown';
  const row = await db.selectFrom('reply_subscriptions').select('unsubscribed_at').where('token', '=', token).executeTakeFirst();
  return !row ? 'unknown' : row.unsubscribed_at ? 'already' : 'active';
}

export async function unsubscribe(db: Kysely<Database>, token: string, now: Date): Promise<UnsubscribeResult> {
  if (!UNSUBSCRIBE_TOKEN.test(token)) return 'unknown';
  const updated = await db
    .updateTable('reply_subscriptions')
    .set({ unsubscribed_at: now.toISOString() })
    .where('token', '=', token)
    .where('unsubscribed_at', 'is', null)
    .returning('comment_id')
    .execute();
  if (updated.length) return 'unsubscribed';
  return (await subscriptionState(db, token)) === 'unknown' ? 'unknown' : 'already';
}
