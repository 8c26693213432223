// Login throttling: too many failed sign-ins for one email, or from one network address, within a
// window blocks further attempts (even with the right password) until the window has passed.
import type { Db } from '../store/db.js';
import { isoNow, timeOrderedId } from './ids.js';

export const THROTTLE_WINDOW_SECONDS = 15 * 60;
/** Failures per email address (one account being guessed). */
export const MAX_FAILURES_PER_EMAIL = 5;
/** Failures per network address (one machine guessing many accounts; a newsroom may share an address). */
export const MAX_FAILURES_PER_ADDRESS = 20;

export interface ThrottleState {
  blocked: boolean;
  /** Seconds until the oldest counted failure leaves the window. */
  retryAfterSeconds: number;
}

export async function checkThrottle(db: Db, email: string, address: string, now = Date.now()): Promise<ThrottleState> {
  const since = isoNow(now - THROTTLE_WINDOW_SECONDS * 1000);
  const [byEmail, byAddress] = await Promise.all([
    db.selectFrom('login_failures').select('at').where('email', '=', email).where('at', '>', since).orderBy('at', 'desc')
      .limit(MAX_FAILURES_PER_EMAIL).execute(),
    db.selectFrom('login_failures').select('at').where('address', '=', address).where('at', '>', since).orderBy('at', 'desc')
      .limit(MAX_FAILURES_PER_ADDRESS).execute(),
  ]);
  const blockers: string[] = [];
  if (byEmail.length >= MAX_FAILURES_PER_EMAIL) blockers.push(byEmail[byEmail.length - 1].at);
  if (byAddress.length >= MAX_FAILURES_PER_ADDRESS) blockers.push(byAddress[byAddress.length - 1].at);
  if (blockers.length === 0) return { blocked: false, retryAfterSeconds: 0 };
  // Blocked until the failure that tipped the count leaves the window.
  const until = Math.max(...blockers.map((at) => Date.parse(at) + THROTTLE_WINDOW_SECONDS * 1000));
  return { blocked: true, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) };
}

export async function recordFailure(db: Db, email: string, address: string, now = Date.now()): Promise<void> {
  await db.insertInto('login_failures').values({ id: timeOrderedId(now), email, address, at: isoNow(now) }).execute();
  // Keep the table small: forget failures that can no longer count.
  await db.deleteFrom('login_failures').where('at', '<', isoNow(now - THROTTLE_WINDOW_SECONDS * 1000)).execute();
}

/** A successful sign-in clears that email's failures (the address count stays). */
export async function clearFailures(db: Db, email: string): Promise<void> {
  await db.deleteFrom('login_failures').where('email', '=', email).execute();
}
