// A commenter's data rights (GDPR access and erasure), by the email address they commented with.
// Export gathers everything Parley holds under that address; erasure anonymizes or deletes it in one
// transaction, so a failure leaves nothing half-erased. Used by `parley privacy` and the admin API.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Db } from '../store/db.js';
import type { Database } from '../store/schema.js';
import { ValidationError } from '../errors.js';
import { writeAudit, type Actor } from '../audit/index.js';
import { applyStatusChange, bumpStory } from '../comments/status.js';
import type { AkismetChecksTable } from '../spam/checks.js';

export type EraseMode = 'anonymize' | 'delete';
export const ERASE_MODES: readonly EraseMode[] = ['anonymize', 'delete'];

export const FORMER_READER = 'Former reader';
export const REMOVED_TEXT = "[removed at the author's request]";
const REMOVED_HTML = '<p>[removed at the author&#39;s request]</p>';

const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;
const EMAIL_MESSAGE = 'Please give the commenter\'s email address, e.g. "reader@example.org".';

/** Trimmed and lower-cased; a ValidationError (400) for something that is not an email address. */
export function normalizeCommenterEmail(email: unknown): string {
  const normalized = typeof email === 'string' ? email.trim().toLowerCase() : '';
  if (!EMAIL.test(normalized) || normalized.length > 254) throw new ValidationError({ email: EMAIL_MESSAGE });
  return normalized;
}

export function parseEraseMode(mode: unknown): EraseMode {
  if (!ERASE_MODES.includes(mode as EraseMode)) throw new ValidationError({ mode: 'The mode must be "anonymize" or "delete".' });
  return mode as EraseMode;
}

/** The audit log names an erased person by this, never by the address itself. */
export function emailDigest(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

export interface CommenterExport {
  exportedAt: string;
  email: string;
  comments: {
    id: string;
    site: string;
    story: { id: string; title: string; url: string | null };
    parent: string | null;
    author: { name: string; email: string; website: string | null };
    status: string;
    body: string;
    createdAt: string;
    editedAt: string | null;
    statusChangedAt: string;
  }[];
  replySubscriptions: { commentId: string; createdAt: string; unsubscribedAt: string | null }[];
}

// Comments may come from imports that kept the address's original case.
const byAuthor = (email: string) => sql<boolean>`lower(comments.author_email) = ${email}`;

export async function exportCommenterData(db: Db, rawEmail: string, now = new Date()): Promise<CommenterExport> {
  const email = normalizeCommenterEmail(rawEmail);
  const comments = await db
    .selectFrom('comments')
    .innerJoin('stories', (j) => j.onRef('stories.site_id', '=', 'comments.site_id').onRef('stories.id', '=', 'comments.story_id'))
    .select([
      'comments.id', 'comments.site_id', 'comments.story_id', 'comments.parent_id', 'comments.author_name', 'comments.author_email',
      'comments.author_website', 'comments.status', 'comments.body', 'comments.created_at', 'comments.edited_at',
      'comments.status_changed_at', 'stories.title', 'stories.url',
    ])
    .where(byAuthor(email))
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .execute();
  const subscriptions = await db
    .selectFrom('reply_subscriptions')
    .select(['comment_id', 'created_at', 'unsubscribed_at'])
    .where(sql<boolean>`lower(email) = ${email}`)
    .orderBy('created_at')
    .orderBy('comment_id')
    .execute();
  return {
    exportedAt: now.toISOString(),
    email,
    comments: comments.map((c) => ({
      id: c.id,
      site: c.site_id,
      story: { id: c.story_id, title: c.title, url: c.url },
      parent: c.parent_id,
      author: { name: c.author_name, email: c.author_email, website: c.author_website },
      status: c.status,
      body: c.body,
      createdAt: c.created_at,
      editedAt: c.edited_at,
      statusChangedAt: c.status_changed_at,
    })),
    replySubscriptions: subscriptions.map((s) => ({ commentId: s.comment_id, createdAt: s.created_at, unsubscribedAt: s.unsubscribed_at })),
  };
}

export interface EraseCounts {
  mode: EraseMode;
  /** Comments by the address (all anonymized). */
  comments: number;
  /** Comments that became 'deleted' (delete mode; those already deleted are not counted). */
  deleted: number;
  /** Of those, comments that were public: the stories' approved counts went down by this much. */
  approvedRemoved: number;
  replySubscriptions: number;
  queuedMail: number;
  akismetChecks: number;
}

// A transaction is a Kysely too. akismet_checks is typed in src/spam, outside store/schema.ts.
type Reader = Kysely<Database & { akismet_checks: AkismetChecksTable }>;
const withChecks = (db: Kysely<Database>): Reader => db.withTables<{ akismet_checks: AkismetChecksTable }>();

const ownCommentIds = (db: Reader, email: string) => db.selectFrom('comments').select('id').where(byAuthor(email));

// Each table's rows that erasure removes; measured first (the preview, the counts), then deleted.
// Queued mail is the unsent only: a sent message's row is the record that it went out.
const subscriptionsOf = (db: Reader, email: string) => sql<boolean>`(lower(reply_subscriptions.email) = ${email} or reply_subscriptions.comment_id in (${ownCommentIds(db, email)}))`;
const queuedMailTo = (email: string) => sql<boolean>`(lower(mail_outbox.to_address) = ${email} and mail_outbox.sent_at is null)`;
const akismetChecksOf = (db: Reader, email: string) => sql<boolean>`akismet_checks.comment_id in (${ownCommentIds(db, email)})`;

async function countWhere(db: Reader, table: 'reply_subscriptions' | 'mail_outbox' | 'akismet_checks', where: ReturnType<typeof queuedMailTo>): Promise<number> {
  const row = await db.selectFrom(table).select(sql<number | string>`count(*)`.as('n')).where(where).executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function measure(db: Reader, email: string, mode: EraseMode) {
  const comments = await db.selectFrom('comments').select(['id', 'status']).where(byAuthor(email)).orderBy('id').execute();
  const leaving = mode === 'delete' ? comments.filter((c) => c.status !== 'deleted') : [];
  const counts: EraseCounts = {
    mode,
    comments: comments.length,
    deleted: leaving.length,
    approvedRemoved: leaving.filter((c) => c.status === 'approved').length,
    replySubscriptions: await countWhere(db, 'reply_subscriptions', subscriptionsOf(db, email)),
    queuedMail: await countWhere(db, 'mail_outbox', queuedMailTo(email)),
    akismetChecks: await countWhere(db, 'akismet_checks', akismetChecksOf(db, email)),
  };
  return { comments, counts };
}

/** What eraseCommenter would change, changing nothing. */
export async function previewErase(db: Db, rawEmail: string, mode: EraseMode): Promise<EraseCounts> {
  return (await measure(withChecks(db), normalizeCommenterEmail(rawEmail), parseEraseMode(mode))).counts;
}

/**
 * Erases what Parley holds under an email address, in one transaction with its audit row.
 * 'anonymize' keeps the comments' text under "Former reader"; 'delete' also deletes the comments
 * (through the comment domain's status change, so approved counts and thread versions stay right)
 * and replaces their text.
 */
export async function eraseCommenter(db: Db, rawEmail: string, options: { mode: EraseMode; actor: Actor }, now = new Date()): Promise<EraseCounts> {
  const email = normalizeCommenterEmail(rawEmail);
  const mode = parseEraseMode(options.mode);
  return db.transaction().execute(async (trx) => {
    const { comments, counts } = await measure(withChecks(trx), email, mode);
    // Everything keyed by the comments goes first: the comments stop carrying the address below.
    await trx.deleteFrom('reply_subscriptions').where(subscriptionsOf(trx, email)).execute();
    await withChecks(trx).deleteFrom('akismet_checks').where(akismetChecksOf(trx, email)).execute();
    await trx.deleteFrom('mail_outbox').where(queuedMailTo(email)).execute();
    if (mode === 'delete') {
      for (const c of comments) if (c.status !== 'deleted') await applyStatusChange(trx, c.id, 'deleted');
    }
    const stories = await trx.selectFrom('comments').select(['site_id', 'story_id']).distinct().where(byAuthor(email)).execute();
    await trx
      .updateTable('comments')
      .set({
        author_name: FORMER_READER,
        author_email: '',
        author_website: null,
        author_token_hash: null,
        ip_hash: null,
        // The moderation record may quote the text (spans, matched words), so it goes with it.
        ...(mode === 'delete' ? { body: REMOVED_TEXT, html: REMOVED_HTML, moderation: null } : {}),
      })
      .where(byAuthor(email))
      .execute();
    // The names shown in threads changed: new versions, so cached pages and ETags do too.
    for (const s of stories) await bumpStory(trx, s.site_id, s.story_id);
    await writeAudit(trx, options.actor, { action: 'privacy.erase', detail: { emailSha256: emailDigest(email), ...counts } }, now.getTime());
    return counts;
  });
}
