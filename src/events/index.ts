// The event bus a server runs with: in-process on SQLite, relayed through LISTEN/NOTIFY on PostgreSQL.
import type { Logger } from 'pino';
import type { Store } from '../store/db.js';
import { EventBus } from './bus.js';
import { startPgRelay } from './postgres.js';

export { EventBus, type CommentPublished, type EventRelay } from './bus.js';

/** Close it (bus.close()) before the store: on PostgreSQL it holds a listening connection. */
export async function openEventBus(store: Store, log: Logger): Promise<EventBus> {
  const bus = new EventBus();
  if (store.postgres) {
    bus.useRelay(await startPgRelay({ ...store.postgres, db: store.db, log, deliver: (event) => bus.deliver(event) }));
  }
  return bus;
}
