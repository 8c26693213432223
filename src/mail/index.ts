// E-mail notifications over SMTP (SMTP_URL): moderator digests of held comments, reply notices for
// readers who asked, all through an outbox table sent by one loop per server process. No HTTP here.
import type { Logger } from 'pino';
import type { Store } from '../store/db.js';
import { mailSettingsFromEnv } from './settings.js';
import { MailService } from './service.js';

export { MailService, type MailServiceOptions } from './service.js';
export { mailSettingsFromEnv, type MailSettings } from './settings.js';
export { noteReplyPublished, subscribeToReplies, subscriptionState, unsubscribe, type UnsubscribeResult } from './replies.js';
export { DIGEST_WINDOW_MS } from './digests.js';
export { MAX_ATTEMPTS, RETRY_DELAYS_MS } from './outbox.js';

/** The mail service configured by the environment, or undefined when SMTP_URL is not set (mail off). */
export function openMail(store: Store, log: Logger, env: NodeJS.ProcessEnv, publicUrl: string): MailService | undefined {
  const settings = mailSettingsFromEnv(env, publicUrl);
  return settings ? new MailService({ db: store.db, dialect: store.dialect, settings, log }) : undefined;
}
