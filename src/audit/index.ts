// The audit log of moderator actions. Writes take the caller's transaction, so an action and its
// audit row commit together or not at all.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema.js';
import type { Db } from '../store/db.js';
import { isoNow, timeOrderedId } from '../accounts/ids.js';

export interface Actor {
  id: string;
  email: string;
}

export interface AuditRecord {
  /** approve | reject | spam | delete | restore | feature | unfeature | site.create | site.update | story.create |
   *  story.update | user.create | user.delete | privacy.erase (detail: counts and emailSha256, never the address) */
  action: string;
  siteId?: string | null;
  commentId?: string | null;
  from?: string | null;
  to?: string | null;
  reason?: string | null;
  /** What changed, for settings actions. */
  detail?: unknown;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string | null; email: string };
  action: string;
  site: string | null;
  commentId: string | null;
  from: string | null;
  to: string | null;
  reason: string | null;
  detail: unknown;
}

export async function writeAudit(db: Kysely<Database> | Transaction<Database>, actor: Actor, record: AuditRecord, now = Date.now()): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: timeOrderedId(now),
      at: isoNow(now),
      actor_id: actor.id,
      actor_email: actor.email,
      action: record.action,
      site_id: record.siteId ?? null,
      comment_id: record.commentId ?? null,
      from_status: record.from ?? null,
      to_status: record.to ?? null,
      reason: record.reason ?? null,
      detail: record.detail === undefined ? null : JSON.stringify(record.detail),
    })
    .execute();
}

export interface AuditQuery {
  site?: string;
  comment?: string;
  limit: number;
  /** The id of the last entry of the previous page. */
  cursor?: string;
}

/** Newest first. */
export async function listAudit(db: Db, q: AuditQuery): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
  let query = db.selectFrom('audit_log').selectAll();
  if (q.site) query = query.where('site_id', '=', q.site);
  if (q.comment) query = query.where('comment_id', '=', q.comment);
  if (q.cursor) query = query.where('id', '<', q.cursor);
  const rows = await query.orderBy('id', 'desc').limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at,
      actor: { id: r.actor_id, email: r.actor_email },
      action: r.action,
      site: r.site_id,
      commentId: r.comment_id,
      from: r.from_status,
      to: r.to_status,
      reason: r.reason,
      detail: r.detail ? (JSON.parse(r.detail) as unknown) : null,
    })),
    nextCursor: rows.length > q.limit ? page[page.length - 1].id : null,
  };
}
