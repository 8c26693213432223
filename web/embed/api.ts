// The embed's HTTP client for the public reader API (docs/api.md).
import type { Comment, NewComment, Nudge, PostResult, Sort, Thread } from './types.js';

const AUTHOR_KEY = 'parley:author';
const READER_KEY = 'parley:reader';
const PROFILE_KEY = 'parley:profile';

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
}

/** Name, email and website remembered in this browser so a regular reader need not retype them. */
export function loadProfile(): Profile {
  try {
    const p = JSON.parse(load(PROFILE_KEY) ?? '{}') as Partial<Profile>;
    return { name: String(p.name ?? ''), email: String(p.email ?? ''), website: String(p.website ?? '') };
  } catch {
    return { name: '', email: '', website: '' };
  }
}
export function saveProfile(p: Profile): void {
  save(PROFILE_KEY, JSON.stringify(p));
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

  async thread(sort: Sort, cursor?: string | null): Promise<Thread> {
    const res = await fetch(
      this.url('/api/v1/comments', { site: this.site, story: this.story, sort, cursor, limit: '20' }),
      { headers: this.headers(), cache: 'no-cache' },
    );
    if (!res.ok) throw new Error(String((await json(res)).error ?? res.status));
    return (await res.json()) as Thread;
  }

  async replies(id: string, cursor: string): Promise<{ comments: Comment[]; nextCursor: string | null }> {
    const res = await fetch(this.url(`/api/v1/comments/${encodeURIComponent(id)}/replies`, { cursor }), {
      headers: this.headers(),
      cache: 'no-cache',
    });
    if (!res.ok) throw new Error(String((await json(res)).error ?? res.status));
    return (await res.json()) as { comments: Comment[]; nextCursor: string | null };
  }

  async post(input: NewComment): Promise<PostResult> {
    let res: Response;
    try {
      res = await fetch(this.url('/api/v1/comments'), {
        method: 'POST',
        headers: this.headers({ 'Content-Type': 'application/json' }),
        body: JSON.stringify(input),
      });
    } catch {
      return { kind: 'failed', error: '' };
    }
    const body = await json(res);
    const error = typeof body.error === 'string' ? body.error : '';
    if (res.status === 201 || res.status === 200) {
      if (typeof body.authorToken === 'string') save(AUTHOR_KEY, body.authorToken);
      const comment = body.comment as Comment;
      return { kind: 'created', comment: { ...comment, own: true }, status: (body.status as Comment['status']) ?? comment.status };
    }
    if (res.status === 422 && body.nudge) return { kind: 'nudge', error, nudge: body.nudge as Nudge };
    if (res.status === 400 && body.errors && typeof body.errors === 'object') {
      return { kind: 'invalid', error, errors: body.errors as Record<string, string> };
    }
    return { kind: 'failed', error };
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
