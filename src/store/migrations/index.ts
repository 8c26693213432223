// Every migration, in order. Names sort by number: 001–009 core, 010–019 accounts and audit,
// 020–029 moderation. A static list (not a folder scan) so the bundled server carries them.
import type { Migration } from 'kysely';

export const migrations: Record<string, Migration> = {};
