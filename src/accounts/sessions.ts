// Sign-in sessions. The browser holds a random token in an httpOnly cookie; the database holds only
// its SHA-256, so a leaked database does not leak live sessions. Each session has its own CSRF token.
import { timingSafeEqual } from 'node:crypto';
import type { Db } from '../store/db.js';
import { isoNow, randomToken, sha256Hex } from './ids.js';
import { toPublicUser, type PublicUser } from './users.js';

export const SESSION_COOKIE = 'parley_session';
export const SESSION_TTL_SECONDS = 14 * 24 * 3600;

export interface Session {
  user: PublicUser;
  csrfToken: string;
  expiresAt: string;
}

export async function createSession(db: Db, userId: string, now = Date.now()): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken();
  const csrfToken = randomToken();
  await db
    .insertInto('sessions')
    .values({
      token_hash: sha256Hex(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: isoNow(now),
      expires_at: isoNow(now + SESSION_TTL_SECONDS * 1000),
    })
    .execute();
  // Opportunistic clean-up of this user's expired sessions.
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<', isoNow(now)).execute();
  return { token, csrfToken };
}

/** The session for a cookie token, or null when unknown or expired. */
export async function findSession(db: Db, token: string | undefined, now = Date.now()): Promise<Session | null> {
  if (!token || token.length > 200) return null;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.role', 'users.created_at', 'users.password_hash', 'sessions.csrf_token', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= isoNow(now)) return null;
  return { user: toPublicUser(row), csrfToken: row.csrf_token, expiresAt: row.expires_at };
}

export async function deleteSession(db: Db, token: string | undefined): Promise<void> {
  if (!token) return;
  await db.deleteFrom('sessions').where('token_hash', '=', sha256Hex(token)).execute();
}

/** Constant-time comparison of the CSRF header against the session's token. */
export function csrfMatches(session: Session, header: unknown): boolean {
  if (typeof header !== 'string' || header.length === 0) return false;
  const a = Buffer.from(header);
  const b = Buffer.from(session.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}
