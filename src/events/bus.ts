// Events (e.g. a comment became visible). Live readers (SSE) subscribe per story.
// Subscribers of this process hear an event at once, synchronously. With a relay (PostgreSQL
// LISTEN/NOTIFY, see postgres.ts) the bus also sends each event to the other server processes on the
// same database and delivers theirs here; SQLite has one server process, so no relay.
import { EventEmitter } from 'node:events';

/** Small on purpose: it crosses processes. Readers fetch the comment itself (never text or emails here). */
export interface CommentPublished {
  site: string;
  story: string;
  commentId: string;
}

/** Carries this process's events to the others. It must not hand an event back to the process that sent it. */
export interface EventRelay {
  send(event: CommentPublished): void;
  close(): Promise<void>;
}

export class EventBus {
  private emitter = new EventEmitter().setMaxListeners(0);
  private relay: EventRelay | undefined;

  /** Announces an event: to this process's subscribers now, and through the relay to the other processes. */
  publishComment(event: CommentPublished): void {
    this.relay?.send(event);
    this.deliver(event);
  }

  /** Hands an event to this process's subscribers only (the relay calls this for other processes' events). */
  deliver(event: CommentPublished): void {
    this.emitter.emit(`comment:${event.site}:${event.story}`, event);
  }

  onComment(site: string, story: string, listener: (e: CommentPublished) => void): () => void {
    const name = `comment:${site}:${story}`;
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  useRelay(relay: EventRelay): void {
    this.relay = relay;
  }

  /** Stops the relay (its connection); local subscribers keep working. Safe to call twice. */
  async close(): Promise<void> {
    const relay = this.relay;
    this.relay = undefined;
    await relay?.close();
  }
}
