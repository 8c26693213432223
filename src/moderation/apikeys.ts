// API keys for the Perspective-compatible endpoint. A key is 32 random bytes shown once at creation;
// only its sha256 is stored (a random key needs no slow hash). Keys from PARLEY_API_KEYS
// (comma-separated) are accepted too, for simple setups.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Db } from '../store/db.js';

const PREFIX = 'pk_';

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export interface CreatedKey { id: string; name: string; key: string; prefix: string }

export async function createApiKey(db: Db, name: string): Promise<CreatedKey> {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('Please give the key a name (--name), e.g. the tool that will use it.');
  if (trimmed.length > 100) throw new Error('The key name may be at most 100 characters.');
  const key = PREFIX + randomBytes(32).toString('base64url');
  const id = randomUUID();
  const prefix = key.slice(0, PREFIX.length + 6);
  await db.insertInto('api_keys').values({
    id, name: trimmed, key_hash: hashKey(key), key_prefix: prefix, created_at: new Date().toISOString(), last_used_at: null, revoked_at: null,
  }).execute();
  return { id, name: trimmed, key, prefix };
}

export async function listApiKeys(db: Db) {
  return db.selectFrom('api_keys').select(['id', 'name', 'key_prefix', 'created_at', 'last_used_at', 'revoked_at']).orderBy('created_at').execute();
}

/** Revokes by id or by the printed prefix; returns how many keys were revoked. */
export async function revokeApiKey(db: Db, idOrPrefix: string): Promise<number> {
  const res = await db.updateTable('api_keys').set({ revoked_at: new Date().toISOString() })
    .where((eb) => eb.or([eb('id', '=', idOrPrefix), eb('key_prefix', '=', idOrPrefix)]))
    .where('revoked_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

function envKeys(env: NodeJS.ProcessEnv): string[] {
  return (env.PARLEY_API_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(hashKey(a), 'hex');
  const y = Buffer.from(hashKey(b), 'hex');
  return timingSafeEqual(x, y);
}

/** True when the key is one of PARLEY_API_KEYS or a stored, unrevoked key (then its last use is noted). */
export async function verifyApiKey(db: Db, key: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (!key || key.length > 200) return false;
  if (envKeys(env).some((k) => sameSecret(k, key))) return true;
  const row = await db.selectFrom('api_keys').select(['id']).where('key_hash', '=', hashKey(key)).where('revoked_at', 'is', null).executeTakeFirst();
  if (!row) return false;
  await db.updateTable('api_keys').set({ last_used_at: new Date().toISOString() }).where('id', '=', row.id).execute();
  return true;
}
