// Signing in and out. Routes call these; no Fastify here.
import type { Db } from '../store/db.js';
import { verifyDecoy, verifyPassword } from './passwords.js';
import { checkThrottle, clearFailures, recordFailure } from './throttle.js';
import { createSession } from './sessions.js';
import { findUserByEmail, normalizeEmail, toPublicUser, type PublicUser } from './users.js';

export * from './users.js';
export * from './sessions.js';
export { MIN_PASSWORD_LENGTH } from './passwords.js';

export type LoginResult =
  | { ok: true; user: PublicUser; token: string; csrfToken: string }
  | { ok: false; reason: 'bad_credentials' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

export async function login(db: Db, input: { email: string; password: string; address: string }): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const throttle = await checkThrottle(db, email, input.address);
  if (throttle.blocked) return { ok: false, reason: 'throttled', retryAfterSeconds: throttle.retryAfterSeconds };
  const user = await findUserByEmail(db, email);
  const valid = user ? await verifyPassword(user.password_hash, input.password) : await verifyDecoy(input.password);
  if (!user || !valid) {
    await recordFailure(db, email, input.address);
    return { ok: false, reason: 'bad_credentials' };
  }
  await clearFailures(db, email);
  const { token, csrfToken } = await createSession(db, user.id);
  return { ok: true, user: toPublicUser(user), token, csrfToken };
}
