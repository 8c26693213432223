// Table types for e-mail notifications (migration 031, src/mail). Timestamps are ISO 8601 text as
// everywhere else, so they compare as strings on both dialects.
import type { Generated } from 'kysely';

/** One message to send. Rows stay after sending (sent_at) or giving up (last_error, no next attempt). */
export interface MailOutboxTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** The one-click unsubscribe URL for the List-Unsubscribe header, when the mail has one. */
  list_unsubscribe: string | null;
  created_at: string;
  /** Delivery attempts made so far. */
  attempts: Generated<number>;
  /** When the next attempt is due; null once sent or given up. */
  next_attempt_at: string | null;
  /** A sender holds the row until then (several server processes may share PostgreSQL). */
  claimed_until: string | null;
  sent_at: string | null;
  last_error: string | null;
}

/** A reader asked to hear about replies to their comment. The token is the secret of the unsubscribe link. */
export interface ReplySubscriptionsTable {
  comment_id: string;
  /** Lower-cased, as stored on the comment. */
  email: string;
  /** 32 random bytes, base64url. */
  token: string;
  created_at: string;
  unsubscribed_at: string | null;
}

/** A reply became public under a subscribed comment; the mail sender turns it into a message once. */
export interface ReplyNoticesTable {
  /** One notice per reply, ever: approving the same reply again tells no one twice. */
  reply_id: string;
  parent_id: string;
  created_at: string;
  /** Set when handled (a message queued, or nothing to send). */
  done_at: string | null;
}

/** When one moderator address last got a digest of a site's held comments (at most one per window). */
export interface ModeratorDigestsTable {
  site_id: string;
  address: string;
  last_sent_at: string;
  /** status_changed_at of the newest held comment listed so far; the next digest lists later ones. */
  listed_until: string;
}

export interface MailTables {
  mail_outbox: MailOutboxTable;
  reply_subscriptions: ReplySubscriptionsTable;
  reply_notices: ReplyNoticesTable;
  moderator_digests: ModeratorDigestsTable;
}
