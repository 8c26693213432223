// The embed's HTTP client for the public reader API (docs/api.md).
import type { Comment, CommentContext, DeleteResult, EditResult, NewComment, Nudge, PostResult, RefusedWrite, Thread, ThreadComment, ThreadView } from './types.js';

const AUTHOR_KEY = 'parley:author';
const READER_KEY = 'parley:reader';
const PROFILE_KEY = 'parley:profile';
const SOURCES_KEY = 'parley:sources';
/** Own comments whose Markdown source is remembered (the newest; edit windows are short). */
const SOURCES_KEPT = 30;

// localStorage can throw (storage disabled, sandboxed frames): the embed then simply forgets.
function load(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function save(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* storage unavailable */
  }
}

function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The anonymous reader id used for likes: created once per browser. */
export function readerId(): string {
  let id = load(READER_KEY);
  if (!id) {
    id = randomId();
    save(READER_KEY, id);
  }
  return id;
}

export interface Profile {
  name: string;
  email: string;
  website: string;
  /** The "notify me of replies" box, as the reader last posted with it. */
  notifyReplies: boolean;
}

/** Name, email, website and the reply-notice choice remembered in this browser, so a regular reader need not redo them. */
export function loadProfile(): Profile {
  try {
    const p = JSON.parse(load(PROFILE_KEY) ?? '{}') as Partial<Profile>;
    return { name: String(p.name ?? ''), email: String(p.email ?? ''), website: String(p.website ?? ''), notifyReplies: p.notifyReplies === true };
  } catch {
    return { name: '', email: '', website: '', notifyReplies: false };
  }
}
export function saveProfile(p: Profile): void {
  save(PROFILE_KEY, JSON.stringify(p));
}

// The API shows a comment as rendered HTML only; the Markdown the reader typed is kept here, in the
// same storage as the author token that makes the comment theirs, so that "Edit" starts from it.
function loadSources(): [string, string][] {
  try {
    const list: unknown = JSON.parse(load(SOURCES_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((e): e is [string, string] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string') : [];
  } catch {
    return [];
  }
}

/** Remembers the Markdown source of one of the reader's own comments. */
export function rememberSource(id: string, body: string): void {
  const rest = loadSources().filter(([known]) => known !== id);
  save(SOURCES_KEY, JSON.stringify([[id, body] as [string, string], ...rest].slice(0, SOURCES_KEPT)));
}

/** The Markdown source this browser posted for a comment, or null when it was not kept. */
export function rememberedSource(id: string): string | null {
  return loadSources().find(([known]) => known === id)?.[1] ?? null;
}

export function forgetSource(id: string): void {
  save(SOURCES_KEY, JSON.stringify(loadSources().filter(([known]) => known !== id)));
}

async function json(res: Response): Promise<Record<string, unknown>> {
  try {
    return (await res.json()) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export class ReaderApi {
  constructor(
    readonly base: string,
    readonly site: string,
    readonly story: string,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { 'X-Parley-Reader': readerId(), ...extra };
    const author = load(AUTHOR_KEY);
    if (author) h['X-Parley-Author'] = author;
    return h;
  }

  private url(path: string, params: Record<string, string | null | undefined> = {}): string {
    const u = new URL(path, this.base);
    for (const [k, v] of Object.entries(params)) if (v != null) u.searchParams.set(k, v);
    return u.href;
  }

  async thread(sort: ThreadView, cursor?: string | null): Promise<Thread> {
    const res = await fetch(
      this.url('/api/v1/comments', { site: this.site, story: this.story, sort, cursor, limit: '20' }),
      { headers: this.headers(), cache: 'no-cache' },
    );
    if (!res.ok) throw new Error(String((await json(res)).error ?? res.status));
    return (await res.json()) as Thread;
  }

  async replies(id: string, cursor: string): Promise<{ comments: ThreadComment[]; nextCursor: string | null }> {
    const res = await fetch(this.url(`/api/v1/comments/${encodeURIComponent(id)}/replies`, { cursor }), {
      headers: this.headers(),
      cache: 'no-cache',
    });
    if (!res.ok) throw new Error(String((await json(res)).error ?? res.status));
    return (await res.json()) as { comments: ThreadComment[]; nextCursor: string | null };
  }

  /** A comment with the comments it answers; null when it is not available (or not reachable). */
  async context(id: string): Promise<CommentContext | null> {
    try {
      const res = await fetch(this.url(`/api/v1/comments/${encodeURIComponent(id)}/context`), { headers: this.headers(), cache: 'no-cache' });
      return res.ok ? ((await res.json()) as CommentContext) : null;
    } catch {
      return null;
    }
  }

  /** A JSON request that changes something; null when it never reached the server. */
  private async send(method: string, path: string, payload?: unknown): Promise<{ res: Response; body: Record<string, unknown> } | null> {
    try {
      const res = await fetch(this.url(path), {
        method,
        headers: this.headers(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
        body: payload === undefined ? undefined : JSON.stringify(payload),
      });
      return { res, body: await json(res) };
    } catch {
      return null;
    }
  }

  async post(input: NewComment): Promise<PostResult> {
    const sent = await this.send('POST', '/api/v1/comments', input);
    if (!sent) return { kind: 'failed', error: '' };
    const { res, body } = sent;
    if (res.status === 201 || res.status === 200) {
      if (typeof body.authorToken === 'string') save(AUTHOR_KEY, body.authorToken);
      const comment = body.comment as Comment;
      rememberSource(comment.id, input.body);
      return {
        kind: 'created',
        comment: { ...comment, own: true },
        status: (body.status as Comment['status']) ?? comment.status,
        notifyReplies: body.notifyReplies === true,
      };
    }
    return refused(res, body);
  }

  /** Saves new text for one of the reader's own comments; the server moderates it again. */
  async edit(id: string, text: string, acknowledgeNudge: boolean): Promise<EditResult> {
    const sent = await this.send('PATCH', `/api/v1/comments/${encodeURIComponent(id)}`, {
      body: text,
      ...(acknowledgeNudge ? { acknowledgeNudge: true } : {}),
    });
    if (!sent) return { kind: 'failed', error: '' };
    const { res, body } = sent;
    if (res.ok) {
      rememberSource(id, text);
      const comment = body.comment as Comment;
      return { kind: 'edited', comment: { ...comment, own: true }, status: (body.status as Comment['status']) ?? comment.status };
    }
    return refused(res, body);
  }

  async remove(id: string): Promise<DeleteResult> {
    const sent = await this.send('DELETE', `/api/v1/comments/${encodeURIComponent(id)}`);
    if (!sent) return { ok: false, error: '' };
    if (sent.res.ok) {
      forgetSource(id);
      return { ok: true };
    }
    return { ok: false, error: typeof sent.body.error === 'string' ? sent.body.error : '', httpStatus: sent.res.status };
  }

  async like(id: string, on: boolean): Promise<{ likes: number; liked: boolean } | null> {
    try {
      const res = await fetch(this.url(`/api/v1/comments/${encodeURIComponent(id)}/likes`), {
        method: on ? 'POST' : 'DELETE',
        headers: this.headers(),
      });
      return res.ok ? ((await res.json()) as { likes: number; liked: boolean }) : null;
    } catch {
      return null;
    }
  }

  async report(id: string, reason: string): Promise<boolean> {
    try {
      const res = await fetch(this.url(`/api/v1/comments/${encodeURIComponent(id)}/reports`), {
        method: 'POST',
        headers: this.headers({ 'Content-Type': 'application/json' }),
        body: JSON.stringify({ reason }),
      });
      return res.ok;
    } catch {
      return false;
    }
  }

  streamUrl(): string {
    return this.url('/api/v1/stream', { site: this.site, story: this.story });
  }
}

/** An answer that stored nothing, reduced to what the forms show. */
function refused(res: Response, body: Record<string, unknown>): RefusedWrite {
  const error = typeof body.error === 'string' ? body.error : '';
  if (res.status === 422 && body.nudge) return { kind: 'nudge', error, nudge: body.nudge as Nudge };
  if (res.status === 400 && body.errors && typeof body.errors === 'object') {
    return { kind: 'invalid', error, errors: body.errors as Record<string, string> };
  }
  return { kind: 'failed', error, httpStatus: res.status };
}
