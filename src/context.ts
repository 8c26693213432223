import type { Logger } from 'pino';
import type { Config } from './config/index.js';
import type { Store } from './store/db.js';
import type { EventBus } from './events/bus.js';
import type { MailService } from './mail/index.js';

/** What every domain service and route plugin is given. No Fastify types here. */
export interface AppContext {
  store: Store;
  config: Config;
  events: EventBus;
  log: Logger;
  /** E-mail notifications; undefined when SMTP_URL is not set (mail off). */
  mail?: MailService;
}
