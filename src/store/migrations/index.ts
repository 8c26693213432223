// Every migration, in order. Names sort by number: 001–009 core, 010–019 accounts and audit,
// 020–029 moderation. A static list (not a folder scan) so the bundled server carries them.
import type { Migration } from 'kysely';
import { migration001Core } from './001_core.js';
import { migration002CoreIndexes } from './002_core_indexes.js';
import { migration003StatusChangedIndex } from './003_status_changed_index.js';
import { migration004Featured } from './004_featured.js';
import { m010_accounts } from './010_accounts.js';
import { m011_audit } from './011_audit.js';
import { m012_review_indexes } from './012_review_indexes.js';
import { migration020ApiKeys } from './020_api_keys.js';
import { migration030Akismet } from './030_akismet.js';
import { migration031Mail } from './031_mail.js';

export const migrations: Record<string, Migration> = {
  '001_core': migration001Core,
  '002_core_indexes': migration002CoreIndexes,
  '003_status_changed_index': migration003StatusChangedIndex,
  '004_featured': migration004Featured,
  '010_accounts': m010_accounts,
  '011_audit': m011_audit,
  '012_review_indexes': m012_review_indexes,
  '020_api_keys': migration020ApiKeys,
  '030_akismet': migration030Akismet,
  '031_mail': migration031Mail,
};
