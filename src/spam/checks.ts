// The akismet_checks table (migration 030): what was sent to Akismet about a comment that only
// Parley's hashed columns cannot give back (the raw address, user agent, referrer), and the verdict
// Akismet holds on record from us. Kept 30 days, then deleted: after that, feedback is not sent.
import type { Kysely } from 'kysely';
import type { Db } from '../store/db.js';
import type { Database } from '../store/schema.js';
import type { AkismetVerdict } from './akismet.js';

export interface AkismetChecksTable {
  comment_id: string;
  /** 'spam' | 'discard' | 'ham': Akismet's answer, or the moderator's correction sent to it since. */
  verdict: string;
  user_ip: string;
  user_agent: string | null;
  referrer: string | null;
  /** The site address the check named (feedback must name the same). */
  blog: string;
  checked_at: string;
}

/** The store with this folder's table (it lives outside store/schema.ts, which other domains own). */
type SpamDb = Kysely<Database & { akismet_checks: AkismetChecksTable }>;
const withChecks = (db: Db): SpamDb => db.withTables<{ akismet_checks: AkismetChecksTable }>();

export type KnownVerdict = Exclude<AkismetVerdict, 'unknown'>;

export interface AkismetCheck {
  commentId: string;
  verdict: KnownVerdict;
  userIp: string;
  userAgent: string | null;
  referrer: string | null;
  blog: string;
  checkedAt: string;
}

export const CHECK_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 60 * 1000;
const lastSweep = new WeakMap<Db, number>();

/** Keeps (or replaces, after an edit) the check of one comment; sweeps old rows at most once an hour. */
export async function recordCheck(db: Db, check: AkismetCheck, now = new Date()): Promise<void> {
  const row = {
    comment_id: check.commentId,
    verdict: check.verdict,
    user_ip: check.userIp,
    user_agent: check.userAgent,
    referrer: check.referrer,
    blog: check.blog,
    checked_at: check.checkedAt,
  };
  const { comment_id: _id, ...changes } = row;
  await withChecks(db)
    .insertInto('akismet_checks')
    .values(row)
    .onConflict((oc) => oc.column('comment_id').doUpdateSet(changes))
    .execute();
  if (now.getTime() - (lastSweep.get(db) ?? 0) >= SWEEP_EVERY_MS) {
    lastSweep.set(db, now.getTime());
    await sweepOldChecks(db, now);
  }
}

/** Deletes checks older than 30 days (privacy: the raw address is not kept longer). Returns how many. */
export async function sweepOldChecks(db: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - CHECK_RETENTION_MS).toISOString();
  const result = await withChecks(db).deleteFrom('akismet_checks').where('checked_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The checks kept for these comments (at most a batch's worth of ids), by comment id. */
export async function findChecks(db: Db, commentIds: string[]): Promise<Map<string, AkismetCheck>> {
  if (commentIds.length === 0) return new Map();
  const rows = await withChecks(db).selectFrom('akismet_checks').selectAll().where('comment_id', 'in', commentIds).execute();
  return new Map(
    rows.map((row) => [
      row.comment_id,
      {
        commentId: row.comment_id,
        verdict: row.verdict as KnownVerdict,
        userIp: row.user_ip,
        userAgent: row.user_agent,
        referrer: row.referrer,
        blog: row.blog,
        checkedAt: row.checked_at,
      },
    ]),
  );
}

/** A moderator's correction becomes the verdict on record (so it is sent to Akismet once). */
export async function setCheckVerdict(db: Db, commentId: string, verdict: KnownVerdict): Promise<void> {
  await withChecks(db).updateTable('akismet_checks').set({ verdict }).where('comment_id', '=', commentId).execute();
}

/** An edit Akismet gave no verdict on: the old verdict was about the old text. */
export async function forgetCheck(db: Db, commentId: string): Promise<void> {
  await withChecks(db).deleteFrom('akismet_checks').where('comment_id', '=', commentId).execute();
}
