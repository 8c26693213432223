// Table types for the moderation engine (migrations 020–029). Scores and reasons of each comment are
// stored by the comment domain in comments.moderation (see core.ts).
// Portable types as in core.ts: timestamps are ISO 8601 text, ids are text.

/** Keys for the Perspective-compatible endpoint. Only a sha256 of each key is kept. */
export interface ApiKeysTable {
  id: string;
  /** Who or what the key is for, e.g. "coral-talk". */
  name: string;
  /** sha256 hex of the whole key. */
  key_hash: string;
  /** The key's first characters, so an operator can tell keys apart without the secret. */
  key_prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ModerationTables {
  api_keys: ApiKeysTable;
}
