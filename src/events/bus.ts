// In-process events (e.g. a comment became visible). Live readers (SSE) subscribe per story.
import { EventEmitter } from 'node:events';

export interface CommentPublished {
  site: string;
  story: string;
  commentId: string;
}

export class EventBus {
  private emitter = new EventEmitter().setMaxListeners(0);

  publishComment(event: CommentPublished): void {
    this.emitter.emit(`comment:${event.site}:${event.story}`, event);
  }

  onComment(site: string, story: string, listener: (e: CommentPublished) => void): () => void {
    const name = `comment:${site}:${story}`;
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
