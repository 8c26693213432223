// Relays events between server processes on one PostgreSQL database through LISTEN/NOTIFY.
// Each process holds one listening connection of its own (not from the pool) on a channel named after
// the schema, so installs (and test schemas) sharing a database don't hear each other. Notifications
// are sent through the store's pool after the change committed. Every payload carries the sending
// process's random id: a process skips its own (its subscribers already heard the event locally), so
// each process delivers each event exactly once.
// PostgreSQL keeps no notifications for a session that is gone: when the listening connection drops,
// the relay reconnects and then catches up from the comments table (comments approved since shortly
// before the loss), delivering those it had not delivered yet.
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
/**
 * The catch-up after a reconnect starts this long before the loss was noticed: time for the loss to
 * show (at once when PostgreSQL or the network closes the connection), for a transaction to commit
 * after it took its timestamp, and for clocks of different servers to disagree.
 */
export const CATCH_UP_LOOKBACK_MS = 60_000;
/** Remembered deliveries must reach back past the lookback's start (see remember()). */
const REMEMBER_MS = 2 * CATCH_UP_LOOKBACK_MS;
/** The most comments one catch-up delivers (the latest ones): after a long outage readers reload anyway. */
const CATCH_UP_MAX = 1000;

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
  /** When the listening connection was lost, until the catch-up after reconnecting has run. */
  private lostAt: number | undefined;
  /**
   * Comments this process delivered lately (published here, heard, or caught up), oldest first: a
   * catch-up skips them. `caughtUp`: delivered by a catch-up, so its notification, if one still comes
   * (committed just after we listened again), is not delivered a second time.
   */
  private recent = new Map<string, { at: number; caughtUp: boolean }>();

  constructor(private readonly opts: PgRelayOptions) {
    this.channel = eventChannel(opts.schema);
  }

  /** Connects and listens; rejects when the first connection fails. */
  async start(): Promise<void> {
    await this.connect();
  }

  send(event: CommentPublished): void {
    if (this.closed) return;
    this.remember(event.commentId, false);
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
      const seen = this.recent.get(wire.commentId);
      if (seen?.caughtUp) {
        seen.caughtUp = false;
        return;
      }
      this.remember(wire.commentId, false);
      this.deliverSafely({ site: wire.site, story: wire.story, commentId: wire.commentId });
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

  private deliverSafely(event: CommentPublished): void {
    try {
      this.opts.deliver(event);
    } catch (err) {
      this.opts.log.warn({ err }, 'events: a subscriber failed');
    }
  }

  /** Notes a delivery; forgets those older than REMEMBER_MS, except while disconnected (the catch-up needs them). */
  private remember(commentId: string, caughtUp: boolean): void {
    const now = Date.now();
    this.recent.delete(commentId); // re-inserted last, so the map stays oldest first
    this.recent.set(commentId, { at: now, caughtUp });
    if (this.lostAt !== undefined) return;
    for (const [id, { at }] of this.recent) {
      if (at >= now - REMEMBER_MS) break;
      this.recent.delete(id);
    }
  }

  /**
   * After listening again: delivers the comments approved since CATCH_UP_LOOKBACK_MS before the loss
   * that this process has not delivered (their notifications went to the lost connection).
   */
  private async catchUp(lostAt: number): Promise<void> {
    const since = new Date(lostAt - CATCH_UP_LOOKBACK_MS).toISOString();
    const rows = await this.opts.db
      .selectFrom('comments')
      .select(['id', 'site_id', 'story_id'])
      .where('status', '=', 'approved')
      .where('status_changed_at', '>=', since)
      .orderBy('status_changed_at', 'desc')
      .limit(CATCH_UP_MAX)
      .execute();
    if (rows.length === CATCH_UP_MAX) this.opts.log.warn({ since }, `events: catch-up limited to the latest ${CATCH_UP_MAX} comments`);
    let delivered = 0;
    for (const row of rows.reverse()) {
      if (this.closed) return;
      if (this.recent.has(row.id)) continue;
      this.remember(row.id, true);
      this.deliverSafely({ site: row.site_id, story: row.story_id, commentId: row.id });
      delivered += 1;
    }
    this.opts.log.warn({ channel: this.channel, delivered, since }, 'events: caught up on comments approved while the listener was away');
  }

  /** The listening connection failed or ended: log it and reconnect (then catch up on what it missed). */
  private lost(client: PgModule.Client, err?: Error): void {
    if (client !== this.client || this.closed) return;
    this.client = undefined;
    this.lostAt ??= Date.now();
    this.opts.log.warn({ err, channel: this.channel }, 'events: lost the PostgreSQL listening connection; reconnecting');
    client.on('error', () => {});
    client.end().catch(() => {});
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      const reconnecting: Promise<void> = this.connect().then(
        async () => {
          if (this.closed) return;
          this.retryMs = FIRST_RETRY_MS;
          this.opts.log.warn({ channel: this.channel }, 'events: listening again on PostgreSQL');
          if (this.lostAt === undefined) return;
          await this.catchUp(this.lostAt).catch((err: unknown) =>
            this.opts.log.warn({ err }, 'events: could not catch up after reconnecting; events sent meanwhile are missed'),
          );
          // Lost again meanwhile: keep the earlier time, the next catch-up covers both.
          if (this.client) this.lostAt = undefined;
        },
        (err: unknown) => {
          this.opts.log.warn({ err, retryInMs: this.retryMs }, 'events: could not reconnect the PostgreSQL listener');
          this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
          this.scheduleReconnect();
        },
      ).finally(() => {
        if (this.reconnecting === reconnecting) this.reconnecting = undefined;
      });
      this.reconnecting = reconnecting;
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
