// Table types for moderator accounts, sessions, login throttling and the audit log (migrations 010–019).
// Timestamps are ISO 8601 text (UTC, fixed width) on both dialects, so they compare as strings.
export type Role = 'admin' | 'moderator';

export interface UsersTable {
  id: string;
  /** Lower-cased; unique. */
  email: string;
  /** argon2id digest (PHC string). */
  password_hash: string;
  role: Role;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the session token; the token itself is only ever in the cookie. */
  token_hash: string;
  user_id: string;
  /** Sent back by the dashboard in X-CSRF-Token on every non-GET request. */
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

/** One failed sign-in; rows older than the throttle window are ignored and pruned. */
export interface LoginFailuresTable {
  id: string;
  email: string;
  address: string;
  at: string;
}

export interface AuditLogTable {
  /** Time-ordered id (sorts like `at`), used as the pagination cursor. */
  id: string;
  at: string;
  actor_id: string | null;
  /** Kept even if the account is later removed, so the trail stays readable. */
  actor_email: string;
  /** approve | reject | spam | delete | restore | feature | unfeature | site.create | site.update | story.create | story.update | user.create | user.delete */
  action: string;
  site_id: string | null;
  comment_id: string | null;
  from_status: string | null;
  to_status: string | null;
  reason: string | null;
  /** JSON of what changed for settings actions. */
  detail: string | null;
}

export interface AccountTables {
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
}
