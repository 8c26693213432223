// The outbox: every message is a row first, so nothing is lost while the SMTP server is away. Senders
// claim due rows for a while (claimed_until), several server processes on one PostgreSQL take
// different rows (FOR UPDATE SKIP LOCKED), and a failed attempt is retried later, less and less often.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DialectName } from '../store/db.js';
import type { Database } from '../store/schema.js';
import type { MailOutboxTable } from '../store/tables/mail.js';
import type { MailMessage } from './templates.js';

export type OutboxRow = Selectable<MailOutboxTable>;

/** Wait after the 1st, 2nd, 3rd and 4th failed attempt; the 5th failure gives up (the row keeps last_error). */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** How long a claimed row is left alone by other senders: far longer than one SMTP exchange may take. */
export const CLAIM_MS = 5 * 60_000;

const iso = (at: Date, plusMs = 0) => new Date(at.getTime() + plusMs).toISOString();

/** Queues a message (in the caller's transaction when given one); it is due at once. */
export async function enqueueMail(db: Kysely<Database>, message: MailMessage, now: Date): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('mail_outbox')
    .values({
      id,
      to_address: message.to,
      subject: message.subject,
      text_body: message.text,
      html_body: message.html,
      list_unsubscribe: message.listUnsubscribe ?? null,
      created_at: iso(now),
      attempts: 0,
      next_attempt_at: iso(now),
      claimed_until: null,
      sent_at: null,
      last_error: null,
    })
    .execute();
  return id;
}

/**
 * Takes up to `limit` due rows for this sender until now + CLAIM_MS. The outer conditions repeat the
 * inner ones: on PostgreSQL an UPDATE that waited for another sender's lock re-checks them on the row
 * as that sender left it, so a row is never claimed twice.
 */
export async function claimDueMail(db: Kysely<Database>, dialect: DialectName, now: Date, limit = 20): Promise<OutboxRow[]> {
  const at = iso(now);
  let due = db
    .selectFrom('mail_outbox')
    .select('id')
    .where('next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', at)]))
    .orderBy('next_attempt_at')
    .limit(limit);
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  return db
    .updateTable('mail_outbox')
    .set({ claimed_until: iso(now, CLAIM_MS) })
    .where('id', 'in', due)
    .where('next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', at)]))
    .returningAll()
    .execute();
}

export async function markSent(db: Kysely<Database>, row: OutboxRow, now: Date): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ sent_at: iso(now), attempts: Number(row.attempts) + 1, next_attempt_at: null, claimed_until: null, last_error: null })
    .where('id', '=', row.id)
    .execute();
}

/** Records a failed attempt: retried after the next delay, or given up after MAX_ATTEMPTS. */
export async function markFailed(db: Kysely<Database>, row: OutboxRow, error: string, now: Date): Promise<{ gaveUp: boolean }> {
  const attempts = Number(row.attempts) + 1;
  const gaveUp = attempts >= MAX_ATTEMPTS;
  await db
    .updateTable('mail_outbox')
    .set({
      attempts,
      last_error: error.slice(0, 1000),
      next_attempt_at: gaveUp ? null : iso(now, RETRY_DELAYS_MS[attempts - 1]),
      claimed_until: null,
    })
    .where('id', '=', row.id)
    .execute();
  return { gaveUp };
}

/** Hands claimed rows back untried (the SMTP server could not be reached for an earlier one). */
export async function releaseClaims(db: Kysely<Database>, rows: OutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.updateTable('mail_outbox').set({ claimed_until: null }).where('id', 'in', rows.map((r) => r.id)).execute();
}
