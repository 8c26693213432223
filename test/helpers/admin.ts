// Fixtures for the moderator API tests: accounts, a signed-in client, and comments in given states.
import { randomBytes } from 'node:crypto';
import type { Store } from '../../src/store/db.js';
import { createUser, type Role } from '../../src/accounts/index.js';
import { request } from './server.js';

export const PASSWORD = 'correct horse battery';

export async function makeUser(store: Store, email: string, role: Role = 'moderator'): Promise<void> {
  await createUser(store.db, { email, password: PASSWORD, role });
}

/** A client holding one session cookie and its CSRF token. */
export interface AdminClient {
  cookie: string;
  csrfToken: string;
  user: { id: string; email: string; role: Role };
  get(path: string): ReturnType<typeof request>;
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): ReturnType<typeof request>;
}

export async function signIn(baseUrl: string, email: string, password = PASSWORD): Promise<AdminClient> {
  const res = await request(baseUrl, '/api/v1/admin/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.text}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0];
  const csrfToken: string = res.body.csrfToken;
  return {
    cookie,
    csrfToken,
    user: res.body.user,
    get: (path) => request(baseUrl, `/api/v1/admin${path}`, { headers: { cookie } }),
    send: (method, path, body, headers = {}) =>
      request(baseUrl, `/api/v1/admin${path}`, {
        method,
        ...(body === undefined ? {} : { body }),
        headers: { cookie, 'x-csrf-token': csrfToken, ...headers },
      }),
  };
}

export interface CommentFixture {
  site?: string;
  story?: string;
  status?: string;
  email?: string;
  name?: string;
  body?: string;
  risk?: number;
  createdAt?: string;
  parent?: string | null;
  moderation?: unknown;
  previousStatus?: string | null;
}

/** Inserts a site (through the sites domain) and a story, unless they exist. */
export async function ensureStory(store: Store, site = 'news', story = 'budget', title = 'The budget, explained'): Promise<void> {
  const now = new Date().toISOString();
  const s = await store.db.selectFrom('sites').select('id').where('id', '=', site).executeTakeFirst();
  if (!s) await store.db.insertInto('sites').values({ id: site, name: `Site ${site}`, settings: '{}', created_at: now, updated_at: now }).execute();
  const st = await store.db.selectFrom('stories').select('id').where('site_id', '=', site).where('id', '=', story).executeTakeFirst();
  if (!st) {
    await store.db
      .insertInto('stories')
      .values({ site_id: site, id: story, url: null, title, body: null, open: 1, mode: null, created_at: now, updated_at: now })
      .execute();
  }
}

/** Inserts one comment row as the comment domain would store it; keeps the story's approved count right. */
export async function insertComment(store: Store, f: CommentFixture = {}): Promise<string> {
  const site = f.site ?? 'news';
  const story = f.story ?? 'budget';
  await ensureStory(store, site, story);
  const id = `c_${randomBytes(6).toString('hex')}`;
  const createdAt = f.createdAt ?? new Date().toISOString();
  const status = f.status ?? 'pending';
  let depth = 0;
  let root = id;
  if (f.parent) {
    const parent = await store.db.selectFrom('comments').select(['depth', 'root_id']).where('id', '=', f.parent).executeTakeFirstOrThrow();
    depth = Number(parent.depth) + 1;
    root = parent.root_id;
  }
  const body = f.body ?? 'A thoughtful comment about the budget.';
  await store.db
    .insertInto('comments')
    .values({
      id,
      site_id: site,
      story_id: story,
      parent_id: f.parent ?? null,
      root_id: root,
      depth,
      author_name: f.name ?? 'Reader',
      author_email: f.email ?? 'reader@example.org',
      author_website: null,
      author_token_hash: null,
      ip_hash: null,
      body,
      html: `<p>${body}</p>`,
      status,
      risk: f.risk ?? 0,
      moderation: f.moderation === undefined ? null : JSON.stringify(f.moderation),
      previous_status: f.previousStatus ?? null,
      created_at: createdAt,
      edited_at: null,
      status_changed_at: createdAt,
    })
    .execute();
  if (status === 'approved') {
    await store.db
      .updateTable('stories')
      .set((eb) => ({ approved_count: eb('approved_count', '+', 1) }))
      .where('site_id', '=', site)
      .where('id', '=', story)
      .execute();
  }
  return id;
}

export async function insertReport(store: Store, commentId: string, reason = 'abusive'): Promise<void> {
  const c = await store.db.selectFrom('comments').select('site_id').where('id', '=', commentId).executeTakeFirstOrThrow();
  await store.db
    .insertInto('reports')
    .values({ id: `r_${randomBytes(6).toString('hex')}`, comment_id: commentId, site_id: c.site_id, reason, reader_hash: null, created_at: new Date().toISOString(), resolved_at: null })
    .execute();
}
