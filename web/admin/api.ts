// The dashboard's client for the moderator API (docs/api.md): session cookie + X-CSRF-Token on every non-GET.

export interface User {
  id: string;
  email: string;
  role: string;
}

// Type-only imports: the server's own shapes (erased by esbuild).
import type { Reason } from '../../src/moderation/types.js';
import type { ModComment } from '../../src/comments/review.js';

export type { Reason, ModComment };

export type QueueName = 'pending' | 'reported' | 'approved' | 'rejected' | 'spam';
export type Counts = Partial<Record<QueueName | 'deleted', number>>;

export interface AdminSite {
  id: string;
  name: string;
  origins: string[];
  policy: string;
  mode: 'premod' | 'auto' | 'postmod';
  depthLimit: number;
  maxLength: number;
  editWindowSeconds: number;
  thresholds: { review: number; reject: number };
  wordLists: { banned: string[]; suspect: string[] };
  /** Whether an Akismet key is set and its last 4 characters; never the key itself. */
  akismet: { keySet: boolean; keyLast4: string | null };
  /** Moderators' addresses told by e-mail about held comments. */
  notifyEmails: string[];
}

export interface AdminStory {
  id: string;
  title: string;
  url: string | null;
  open: boolean;
  mode: 'premod' | 'auto' | 'postmod' | null;
  approved: number;
  pending: number;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string | null; email: string };
  action: string;
  commentId: string | null;
  from: string | null;
  to: string | null;
  reason: string | null;
}

export interface Stats {
  perDay: { day: string; count: number }[];
  decisions: { reason: string; count: number }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: Record<string, string> = {},
  ) {
    super(message);
  }
}

export class AdminApi {
  csrf = '';
  /** Called when the session is gone (401), so the app can show the sign-in form. */
  onSignedOut: () => void = () => {};

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') headers['X-CSRF-Token'] = this.csrf;
    let res: Response;
    try {
      res = await fetch(`/api/v1/admin${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, 'The server cannot be reached. Check your connection and try again.');
    }
    let data: Record<string, unknown> = {};
    try {
      data = (await res.json()) as Record<string, unknown>;
    } catch {
      /* empty body */
    }
    if (!res.ok) {
      if (res.status === 401 && !path.startsWith('/login')) this.onSignedOut();
      throw new ApiError(
        res.status,
        typeof data.error === 'string' ? data.error : `The server answered ${res.status}.`,
        (data.errors as Record<string, string>) ?? {},
      );
    }
    return data as T;
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }
  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.call<T>('POST', path, body);
  }
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('PATCH', path, body);
  }
}

export const q = (params: Record<string, string | number | null | undefined>): string => {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
};
