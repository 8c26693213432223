import type { CoreTables } from './tables/core.js';
import type { AccountTables } from './tables/accounts.js';
import type { ModerationTables } from './tables/moderation.js';
import type { MailTables } from './tables/mail.js';

/** The whole database, composed from one table file per domain. */
export interface Database extends CoreTables, AccountTables, ModerationTables, MailTables {}
