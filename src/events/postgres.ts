// Relays events between server processes on one PostgreSQL database through LISTEN/NOTIFY.
// Each process holds one listening connection of its own (not from the pool) on a channel named after
// the schema, so installs (and test schemas) sharing a database don't hear each other. Notifications
// are sent through the store's pool after the change committed. Every payload carries the sending
// process's random id: a process skips its own (its subscribers already heard the event locally), so
// each process delivers each event exactly once.
import { createHash, randomUUID } from 'node:crypto';
import type PgModule from 'pg';
import type { Logger } from 'pino';
import { sql } from 'kysely';
import { loadPg, type Db } from '../store/db.js';
import type { CommentPublished, EventRelay } from './bus.js';

/** PostgreSQL refuses payloads of 8000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7900;
const FIRST_RETRY_MS = 200;
const MAX_RETRY_MS = 30_000;

/** parley_events_<schema>, lower-cased as PostgreSQL folds the schema name; hashed past 63 bytes (NAMEDATALEN). */
export function eventChannel(schema?: string): string {
  const name = schema ? `parley_events_${schema.toLowerCase()}` : 'parley_events';
  if (name.length <= 63) return name;
  return `parley_events_${createHash('sha256').update(schema!.toLowerCase()).digest('hex').slice(0, 32)}`;
}

interface Wire extends CommentPublished {
  /** The sending process (relay) id. */
  from: string;
}

function parseWire(payload: string | undefined): Wire | null {
  try {
    const w = JSON.parse(payload ?? '') as Partial<Wire> | null;
    if (w && typeof w.from === 'string' && typeof w.site === 'string' && typeof w.story === 'string' && typeof w.commentId === 'string') {
      return { from: w.from, site: w.site, story: w.story, commentId: w.commentId };
    }
  } catch {
    // fall through
  }
  return null;
}

export interface PgRelayOptions {
  url: string;
  schema?: string;
  /** The store's Kysely instance: notifications go out through its pool. */
  db: Db;
  log: Logger;
  /** Called with each event another process published. */
  deliver(event: CommentPublished): void;
}

export class PgEventRelay implements EventRelay {
  readonly id = randomUUID();
  readonly channel: string;
  private client: PgModule.Client | undefined;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private reconnecting: Promise<void> | undefined;
  private retryMs = FIRST_RETRY_MS;
  private queue: string[] = [];
  private sending = new Set<Promise<void>>();

  constructor(private readonly opts: PgRelayOptions) {
    this.channel = eventChannel(opts.schema);
  }

  /** Connects and listens; rejects when the first connection fails. */
  async start(): Promise<void> {
    await this.connect();
  }

  send(event: CommentPublished): void {
    if (this.closed) return;
    const payload = JSON.stringify({ from: this.id, site: event.site, story: event.story, commentId: event.commentId } satisfies Wire);
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
      this.opts.log.warn({ site: event.site, story: event.story }, 'events: payload too large for NOTIFY; other processes will not hear it');
      return;
    }
    // Events published together (a batch of approvals) go out in one statement.
    if (this.queue.push(payload) === 1) queueMicrotask(() => this.flush());
  }

  private flush(): void {
    const payloads = this.queue;
    this.queue = [];
    const sending: Promise<void> = sql`select pg_notify(${this.channel}, p) from unnest(${payloads}::text[]) as p`
      .execute(this.opts.db)
      .then(
        () => {},
        (err: unknown) => this.opts.log.warn({ err, count: payloads.length }, 'events: NOTIFY failed; other processes missed these events'),
      )
      .finally(() => this.sending.delete(sending));
    this.sending.add(sending);
  }

  private async connect(): Promise<void> {
    const pg = loadPg();
    const client = new pg.Client({ connectionString: this.opts.url, application_name: 'parley events', keepAlive: true });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    client.on('notification', (msg) => {
      if (msg.channel !== this.channel) return;
      const wire = parseWire(msg.payload);
      if (!wire) {
        this.opts.log.warn({ channel: msg.channel }, 'events: ignored a malformed notification');
        return;
      }
      if (wire.from === this.id) return; // ours: delivered locally when published
      try {
        this.opts.deliver({ site: wire.site, story: wire.story, commentId: wire.commentId });
      } catch (err) {
        this.opts.log.warn({ err }, 'events: a subscriber failed');
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(this.channel)}`);
    } catch (err) {
      client.on('error', () => {});
      await client.end().catch(() => {});
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
  }

  /** The listening connection failed or ended: log it and reconnect (events sent meanwhile are missed). */
  private lost(client: PgModule.Client, err?: Error): void {
    if (client !== this.client || this.closed) return;
    this.client = undefined;
    this.opts.log.warn({ err, channel: this.channel }, 'events: lost the PostgreSQL listening connection; reconnecting');
    client.on('error', () => {});
    client.end().catch(() => {});
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.reconnecting = this.connect().then(
        () => {
          if (this.closed) return;
          this.retryMs = FIRST_RETRY_MS;
          this.opts.log.warn({ channel: this.channel }, 'events: listening again on PostgreSQL');
        },
        (err: unknown) => {
          this.opts.log.warn({ err, retryInMs: this.retryMs }, 'events: could not reconnect the PostgreSQL listener');
          this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
          this.scheduleReconnect();
        },
      ).finally(() => (this.reconnecting = undefined));
    }, this.retryMs);
    this.retryTimer.unref();
  }

  /** Sends what is queued, then closes the listening connection. */
  async close(): Promise<void> {
    if (this.queue.length) this.flush();
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await Promise.all([...this.sending, this.reconnecting]);
    const client = this.client;
    this.client = undefined;
    if (client) {
      client.removeAllListeners('notification');
      await client.end().catch(() => {});
    }
  }
}

/** Starts a relay for a PostgreSQL store: connected and listening when this resolves. */
export async function startPgRelay(opts: PgRelayOptions): Promise<PgEventRelay> {
  const relay = new PgEventRelay(opts);
  await relay.start();
  return relay;
}
