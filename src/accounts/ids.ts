// Identifiers and timestamps for account and audit rows.
import { randomBytes, createHash } from 'node:crypto';

/** A random, URL-safe secret (session tokens, CSRF tokens). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

let lastStamp = 0;
/**
 * Time-ordered id: sorts like its creation time, so it doubles as a pagination cursor. Strictly
 * increasing within this process (two ids in the same millisecond still sort in creation order).
 */
export function timeOrderedId(now = Date.now()): string {
  const stamp = Math.max(now * 1000, lastStamp + 1); // microsecond slots under each millisecond
  lastStamp = stamp;
  return stamp.toString(36).padStart(11, '0') + randomBytes(5).toString('hex');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** ISO 8601 UTC, fixed width, so stored timestamps compare correctly as text on both dialects. */
export function isoNow(now = Date.now()): string {
  return new Date(now).toISOString();
}
