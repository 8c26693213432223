// The sender loop: every few seconds (and at once when woken) it queues due moderator digests and reply
// notices, then sends what the outbox holds over SMTP. Started with the server, stopped before the
// store closes; a failed tick is logged and the next one tries again.
import { createRequire } from 'node:module';
import type { Transporter } from 'nodemailer';
import type NodemailerModule from 'nodemailer';
import type { Logger } from 'pino';
import type { Db, DialectName } from '../store/db.js';
import type { MailSettings } from './settings.js';
import { claimDueMail, markFailed, markSent, releaseClaims, type OutboxRow } from './outbox.js';
import { queueModeratorDigests } from './digests.js';
import { queueReplyNotices } from './replies.js';

export interface MailServiceOptions {
  db: Db;
  dialect: DialectName;
  settings: MailSettings;
  log: Logger;
  /** The time as the mail code sees it (tests move it forward instead of waiting). */
  clock?: () => Date;
  /** Pause between ticks when nobody wakes the loop. */
  pollMs?: number;
}

export const DEFAULT_POLL_MS = 15_000;
/** Batches sent per tick at most, so a long queue cannot hold shutdown for long. */
const BATCHES_PER_TICK = 5;

/** Errors that say the SMTP server was not reached at all: the rest of the batch would fail the same way. */
const UNREACHABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ETLS']);

export class MailService {
  readonly settings: MailSettings;
  private readonly db: Db;
  private readonly dialect: DialectName;
  private readonly log: Logger;
  private readonly clock: () => Date;
  private readonly pollMs: number;
  private readonly transport: Transporter;
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private started = false;

  constructor(options: MailServiceOptions) {
    this.settings = options.settings;
    this.db = options.db;
    this.dialect = options.dialect;
    this.log = options.log;
    this.clock = options.clock ?? (() => new Date());
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    // Loaded here, not at start-up: a server without SMTP_URL never loads it.
    const nodemailer = createRequire(import.meta.url)('nodemailer') as typeof NodemailerModule;
    this.transport = nodemailer.createTransport(options.settings.smtpUrl, {
      from: options.settings.from,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    });
  }

  now(): Date {
    return this.clock();
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule(0);
  }

  /** Ask for a tick soon (e.g. a comment was just held), instead of at the next poll. */
  wake(): void {
    if (this.started) this.schedule(0);
  }

  /** Stops the loop and waits for the tick in progress, so the store may close after. Safe to call twice. */
  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.timer);
    await this.chain;
    this.transport.close();
  }

  /** Runs one full tick after any tick in progress; rejects with its error (the background loop logs instead). */
  runOnce(): Promise<void> {
    const run = this.chain.then(() => this.tick());
    this.chain = run.catch(() => {});
    return run;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.runOnce()
        .catch((err: unknown) => this.log.error({ err }, 'mail: tick failed'))
        .finally(() => {
          if (this.started) this.schedule(this.pollMs);
        });
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const now = this.clock();
    await queueModeratorDigests(this.db, this.settings.publicUrl, now);
    await queueReplyNotices(this.db, this.settings.publicUrl, now);
    for (let batch = 0; batch < BATCHES_PER_TICK; batch++) {
      const rows = await claimDueMail(this.db, this.dialect, this.clock());
      if (rows.length === 0 || !(await this.sendBatch(rows))) return;
    }
  }

  /** Sends claimed rows one by one; false when the server was unreachable (the rest are handed back). */
  private async sendBatch(rows: OutboxRow[]): Promise<boolean> {
    for (const [i, row] of rows.entries()) {
      try {
        await this.transport.sendMail({
          to: row.to_address,
          subject: row.subject,
          text: row.text_body,
          html: row.html_body,
          // RFC 8058: mail clients unsubscribe with one POST to the link; the link opened in a browser asks first
          ...(row.list_unsubscribe ? { list: { unsubscribe: row.list_unsubscribe }, headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } } : {}),
        });
        await markSent(this.db, row, this.clock());
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const { gaveUp } = await markFailed(this.db, row, message, this.clock());
        if (gaveUp) this.log.error({ mail: row.id, to: row.to_address, err: message }, 'mail: giving up after repeated failures');
        else this.log.warn({ mail: row.id, err: message }, 'mail: sending failed; will retry');
        if (UNREACHABLE.has(String((err as { code?: unknown }).code))) {
          await releaseClaims(this.db, rows.slice(i + 1));
          return false;
        }
      }
    }
    return true;
  }
}
