// Ids, author tokens and one-way hashes of reader-identifying values.
import { createHash, randomBytes } from 'node:crypto';

/** Cryptographically random bytes are drawn 4 KiB at a time: one system call serves ~100 posts. */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let used = 0;
function random(n: number): Buffer {
  if (used + n > pool.length) {
    pool = randomBytes(POOL_BYTES);
    used = 0;
  }
  const bytes = pool.subarray(used, used + n);
  used += n;
  return bytes;
}

/** Opaque comment/report id: time-ordered prefix (base36 ms) + 9 random bytes. */
export function newId(): string {
  return Date.now().toString(36) + random(9).toString('base64url');
}

/** A new author token for a browser (returned once, only its hash is stored). */
export function newAuthorToken(): string {
  return random(24).toString('base64url');
}

/** Tokens and reader ids the browser sends back: opaque, 16–128 URL-safe characters. */
export function isWellFormedToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(value);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(`parley-token:${token}`).digest('base64url');
}

export function hashReader(readerId: string): string {
  return createHash('sha256').update(`parley-reader:${readerId}`).digest('base64url');
}

/** The poster's address is kept only as a hash, used to count bursts from one address. */
export function hashAddress(ip: string): string {
  return createHash('sha256').update(`parley-ip:${ip}`).digest('base64url');
}
