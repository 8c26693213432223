// Reading a story's thread: top-level comments a page at a time (cursor), each with its replies nested
// (up to 20 per comment, oldest first). Two queries per page whatever its size: one for the page, one
// for every reply under it (by root_id). Pages without viewer-specific parts are cached by the story's
// version, which every change to its comments bumps.
import { type Expression, type SqlBool, type ExpressionBuilder } from 'kysely';
import type { AppContext } from '../context.js';
import type { Database } from '../store/schema.js';
import { AppError } from '../errors.js';
import { createHash } from 'node:crypto';
import { findSite, isOriginAllowed, toSiteInfo, type Site, type SiteInfo } from '../sites/index.js';
import { findStory, toStoryInfo, type Story, type StoryInfo } from '../stories/index.js';
import { preparedQuery } from '../store/prepared.js';
import { PUBLIC_COLUMNS, toPublicComment, type PublicComment, type PublicCommentRow } from './public.js';
import { hashReader, hashToken, isWellFormedToken } from './tokens.js';
import { WRONG_ORIGIN, type RequestMeta } from './post.js';

export type ThreadSort = 'oldest' | 'newest' | 'liked';
export const THREAD_SORTS: readonly ThreadSort[] = ['oldest', 'newest', 'liked'];
export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 100;
export const REPLIES_SHOWN = 20;

export interface ThreadPage {
  site: SiteInfo;
  story: StoryInfo;
  total: number;
  comments: PublicComment[];
  nextCursor: string | null;
}

export interface ThreadQuery {
  site: string;
  story: string;
  sort?: ThreadSort;
  limit?: number;
  cursor?: string | null;
}

export interface Viewer extends RequestMeta {
  /** X-Parley-Reader: marks likedByMe. */
  readerId?: string;
}

// ---- cursors: base64url JSON of the last item's sort key ------------------------------------------

type CursorKey = [string, string] | [number, string, string];

function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string, sort: ThreadSort | 'replies'): CursorKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key)) {
      if (sort === 'liked' && key.length === 3 && typeof key[0] === 'number' && typeof key[1] === 'string' && typeof key[2] === 'string') {
        return key as CursorKey;
      }
      if (sort !== 'liked' && key.length === 2 && typeof key[0] === 'string' && typeof key[1] === 'string') return key as CursorKey;
    }
  } catch {
    /* fall through */
  }
  throw new AppError(400, 'The cursor is not valid; start again from the first page.');
}

type Eb = ExpressionBuilder<Database, 'comments'>;

function afterCursor(eb: Eb, sort: ThreadSort | 'replies', key: CursorKey): Expression<SqlBool> {
  if (sort === 'liked') {
    const [likes, at, id] = key as [number, string, string];
    return eb.or([
      eb('likes', '<', likes),
      eb.and([eb('likes', '=', likes), eb.or([eb('created_at', '>', at), eb.and([eb('created_at', '=', at), eb('id', '>', id)])])]),
    ]);
  }
  const [at, id] = key as [string, string];
  const op = sort === 'newest' ? '<' : '>';
  return eb.or([eb('created_at', op, at), eb.and([eb('created_at', '=', at), eb('id', op, id)])]);
}

/** Approved, or pending and written by the viewer. */
function visibleTo(eb: Eb, tokenHash: string | null): Expression<SqlBool> {
  return tokenHash
    ? eb.or([eb('status', '=', 'approved'), eb.and([eb('status', '=', 'pending'), eb('author_token_hash', '=', tokenHash)])])
    : eb('status', '=', 'approved');
}

// ---- rendered-page cache ---------------------------------------------------------------------------

interface CachedPage {
  comments: PublicComment[];
  nextCursor: string | null;
}
const PAGE_CACHE_SIZE = 500;
/** Serialized pages are kept up to this many characters in all (a page of 50 long comments is ~100k):
 *  a site with many busy stories must not grow the server's memory without bound. */
const SERIALIZED_CACHE_CHARS = 8 * 1024 * 1024;
// One cache per database (tests and tools may hold several stores in one process).
const pageCaches = new WeakMap<object, Map<string, CachedPage>>();

function cacheFor(db: object): Map<string, CachedPage> {
  let cache = pageCaches.get(db);
  if (!cache) pageCaches.set(db, (cache = new Map()));
  return cache;
}

function cacheGet(cache: Map<string, CachedPage>, key: string): CachedPage | undefined {
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key); // refresh its place (LRU)
    cache.set(key, hit);
  }
  return hit;
}

function cachePut(cache: Map<string, CachedPage>, key: string, page: CachedPage): void {
  cache.set(key, page);
  if (cache.size > PAGE_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
}

// ---- tree building ---------------------------------------------------------------------------------

/** Nests reply rows (sorted oldest first) under their parents; keeps REPLIES_SHOWN per parent. */
function attachReplies(parents: PublicComment[], replyRows: PublicCommentRow[], tokenHash: string | null): void {
  const byId = new Map<string, PublicComment>();
  const children = new Map<string, PublicComment[]>();
  for (const p of parents) byId.set(p.id, p);
  for (const row of replyRows) {
    const c = toPublicComment(row, tokenHash);
    byId.set(c.id, c);
    if (!c.parent) continue;
    let list = children.get(c.parent);
    if (!list) children.set(c.parent, (list = []));
    list.push(c);
  }
  const fill = (node: PublicComment) => {
    const kids = (children.get(node.id) ?? []).filter((k) => byId.has(k.parent!));
    node.replyCount = kids.length;
    const shown = kids.slice(0, REPLIES_SHOWN);
    node.replies = shown;
    node.moreReplies = kids.length > REPLIES_SHOWN ? encodeCursor([shown[shown.length - 1].createdAt, shown[shown.length - 1].id]) : null;
    for (const k of shown) fill(k);
  };
  for (const p of parents) fill(p);
}

function collectIds(comments: PublicComment[], into: string[] = []): string[] {
  for (const c of comments) {
    into.push(c.id);
    if (c.replies) collectIds(c.replies, into);
  }
  return into;
}

/** Marks likedByMe on every comment of the tree (one query). Copies the tree, cached pages stay clean. */
async function markLikes(ctx: AppContext, comments: PublicComment[], readerId: string): Promise<PublicComment[]> {
  const ids = collectIds(comments);
  const liked = new Set<string>();
  if (ids.length) {
    const rows = await ctx.store.db
      .selectFrom('likes')
      .select('comment_id')
      .where('reader_hash', '=', hashReader(readerId))
      .where('comment_id', 'in', ids)
      .execute();
    for (const r of rows) liked.add(r.comment_id);
  }
  const copy = (list: PublicComment[]): PublicComment[] =>
    list.map((c) => ({ ...c, likedByMe: liked.has(c.id), ...(c.replies ? { replies: copy(c.replies) } : {}) }));
  return copy(comments);
}

// ---- public functions ------------------------------------------------------------------------------

export function parseSort(value: unknown): ThreadSort {
  if (value === undefined || value === '') return 'oldest';
  if (typeof value === 'string' && (THREAD_SORTS as readonly string[]).includes(value)) return value as ThreadSort;
  throw new AppError(400, 'sort must be one of: oldest, newest, liked.');
}

export function parseLimit(value: unknown, fallback = DEFAULT_PAGE): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw new AppError(400, `limit must be a whole number from 1 to ${MAX_PAGE}.`);
  return n;
}

/** A reply body serialized once, with its entity tag. */
export interface SerializedReply {
  json: string;
  etag: string;
  /** Depends on the viewer (own pending comments, likedByMe): not for shared caches. */
  personal: boolean;
}

export function entityTag(json: string): string {
  return `W/"${createHash('sha1').update(json).digest('base64url')}"`;
}

const serializedCaches = new WeakMap<object, { pages: Map<string, CachedJson>; chars: number }>();
interface CachedJson {
  json: string;
  etag: string;
}

async function resolveThread(ctx: AppContext, q: ThreadQuery, viewer: Viewer): Promise<{ site: Site; story: Story }> {
  const db = ctx.store.db;
  const site = await findSite(db, q.site);
  if (!site) throw new AppError(404, 'This site does not exist.');
  if (!isOriginAllowed(site, viewer.origin, viewer.ownOrigin)) throw new AppError(403, WRONG_ORIGIN);
  const story = await findStory(db, site.id, q.story);
  if (!story) throw new AppError(404, 'This story does not exist.');
  return { site, story };
}

/**
 * The thread page as JSON text. Pages that do not depend on the viewer are kept serialized, keyed by
 * the story's version and the site's and story's last change, so a repeated read costs two lookups.
 */
export async function readThreadSerialized(ctx: AppContext, q: ThreadQuery, viewer: Viewer): Promise<SerializedReply> {
  const { site, story } = await resolveThread(ctx, q, viewer);
  const personal = isWellFormedToken(viewer.authorToken) || isWellFormedToken(viewer.readerId);
  if (personal) {
    const json = JSON.stringify(await buildThreadPage(ctx, site, story, q, viewer));
    return { json, etag: entityTag(json), personal };
  }
  const key = [site.id, site.updatedAt, story.id, story.version, story.updatedAt, q.sort ?? 'oldest', q.limit ?? DEFAULT_PAGE, q.cursor ?? ''].join('\u0000');
  let cache = serializedCaches.get(ctx.store.db);
  if (!cache) serializedCaches.set(ctx.store.db, (cache = { pages: new Map(), chars: 0 }));
  const hit = cache.pages.get(key);
  if (hit) return { ...hit, personal };
  const json = JSON.stringify(await buildThreadPage(ctx, site, story, q, viewer));
  const entry = { json, etag: entityTag(json) };
  const previous = cache.pages.get(key); // another request may have built the same page meanwhile
  if (previous) cache.chars -= previous.json.length;
  cache.pages.set(key, entry);
  cache.chars += json.length;
  // Oldest first, by count and by size; the page just built stays.
  while (cache.pages.size > 1 && (cache.pages.size > PAGE_CACHE_SIZE || cache.chars > SERIALIZED_CACHE_CHARS)) {
    const oldest = cache.pages.keys().next().value as string;
    cache.chars -= cache.pages.get(oldest)!.json.length;
    cache.pages.delete(oldest);
  }
  return { ...entry, personal };
}

async function buildThreadPage(ctx: AppContext, site: Site, story: Story, q: ThreadQuery, viewer: Viewer): Promise<ThreadPage> {
  const db = ctx.store.db;
  const sort = q.sort ?? 'oldest';
  const limit = q.limit ?? DEFAULT_PAGE;
  const cursorKey = q.cursor ? decodeCursor(q.cursor, sort) : null;
  const tokenHash = isWellFormedToken(viewer.authorToken) ? hashToken(viewer.authorToken) : null;

  // The viewer's own pending comments make the page personal; only shared pages are cached.
  const cacheKey = tokenHash ? null : `${site.id}\u0000${story.id}\u0000${story.version}\u0000${sort}\u0000${limit}\u0000${q.cursor ?? ''}`;
  const cache = cacheFor(db);
  let page = cacheKey ? cacheGet(cache, cacheKey) : undefined;
  if (!page) {
    let top = db
      .selectFrom('comments')
      .select(PUBLIC_COLUMNS)
      .where('site_id', '=', site.id)
      .where('story_id', '=', story.id)
      .where('depth', '=', 0)
      .where((eb) => visibleTo(eb, tokenHash));
    if (cursorKey) top = top.where((eb) => afterCursor(eb, sort, cursorKey));
    if (sort === 'liked') top = top.orderBy('likes', 'desc').orderBy('created_at', 'asc').orderBy('id', 'asc');
    else top = top.orderBy('created_at', sort === 'newest' ? 'desc' : 'asc').orderBy('id', sort === 'newest' ? 'desc' : 'asc');
    const rows = await top.limit(limit + 1).execute();
    const more = rows.length > limit;
    const pageRows = more ? rows.slice(0, limit) : rows;
    const comments = pageRows.map((r) => toPublicComment(r, tokenHash));
    if (comments.length) {
      const replyRows = await db
        .selectFrom('comments')
        .select(PUBLIC_COLUMNS)
        .where('root_id', 'in', comments.map((c) => c.id))
        .where('depth', '>', 0)
        .where((eb) => visibleTo(eb, tokenHash))
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      attachReplies(comments, replyRows, tokenHash);
    }
    const last = pageRows[pageRows.length - 1];
    const nextCursor = more
      ? encodeCursor(sort === 'liked' ? [Number(last.likes), last.created_at, last.id] : [last.created_at, last.id])
      : null;
    page = { comments, nextCursor };
    if (cacheKey) cachePut(cache, cacheKey, page);
  }
  const comments = isWellFormedToken(viewer.readerId) ? await markLikes(ctx, page.comments, viewer.readerId) : page.comments;
  return {
    site: toSiteInfo(site),
    story: toStoryInfo(story, site.settings.mode),
    total: story.approvedCount,
    comments,
    nextCursor: page.nextCursor,
  };
}

/** "Load more replies": the direct replies of one comment after a cursor, each with its own replies nested. */
export async function readReplies(
  ctx: AppContext,
  commentId: string,
  q: { cursor?: string | null; limit?: number },
  viewer: Viewer,
): Promise<{ comments: PublicComment[]; nextCursor: string | null }> {
  const db = ctx.store.db;
  const tokenHash = isWellFormedToken(viewer.authorToken) ? hashToken(viewer.authorToken) : null;
  const parent = await db.selectFrom('comments').select(PUBLIC_COLUMNS).where('id', '=', commentId).executeTakeFirst();
  const parentVisible = parent && (parent.status === 'approved' || (tokenHash && parent.status === 'pending' && parent.author_token_hash === tokenHash));
  if (!parent || !parentVisible) throw new AppError(404, 'This comment does not exist.');
  const site = await findSite(db, parent.site_id);
  if (site && !isOriginAllowed(site, viewer.origin, viewer.ownOrigin)) throw new AppError(403, WRONG_ORIGIN);
  const limit = q.limit ?? REPLIES_SHOWN;
  const cursorKey = q.cursor ? (decodeCursor(q.cursor, 'replies') as [string, string]) : null;

  // Every visible comment below the parent in its thread, oldest first; nest in memory.
  const rows = await db
    .selectFrom('comments')
    .select(PUBLIC_COLUMNS)
    .where('root_id', '=', parent.root_id)
    .where('depth', '>', Number(parent.depth))
    .where((eb) => visibleTo(eb, tokenHash))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  let direct = rows.filter((r) => r.parent_id === parent.id);
  if (cursorKey) direct = direct.filter((r) => r.created_at > cursorKey[0] || (r.created_at === cursorKey[0] && r.id > cursorKey[1]));
  const more = direct.length > limit;
  const shown = direct.slice(0, limit).map((r) => toPublicComment(r, tokenHash));
  attachReplies(shown, rows.filter((r) => r.parent_id !== parent.id), tokenHash);
  const last = shown[shown.length - 1];
  const comments = isWellFormedToken(viewer.readerId) ? await markLikes(ctx, shown, viewer.readerId) : shown;
  return { comments, nextCursor: more && last ? encodeCursor([last.createdAt, last.id]) : null };
}

export const MAX_COUNT_STORIES = 100;

// Counts by story id, compiled once per number of stories asked (a section page asks the same count).
const countsQueries = new Map<number, ReturnType<typeof buildCountsQuery>>();
function buildCountsQuery(n: number) {
  return preparedQuery(n + 1, (db, site, ...ids) =>
    db.selectFrom('stories').select(['id', 'url', 'approved_count']).where('site_id', '=', site).where('id', 'in', ids),
  );
}
function countsByIds(n: number): ReturnType<typeof buildCountsQuery> {
  let query = countsQueries.get(n);
  if (!query) countsQueries.set(n, (query = buildCountsQuery(n)));
  return query;
}

/** Approved comments per story, keyed as asked (id or canonical URL). Unknown stories count 0. */
export async function countComments(
  ctx: AppContext,
  siteId: string,
  stories: string[],
  viewer: RequestMeta,
): Promise<Record<string, number>> {
  if (!stories.length) throw new AppError(400, 'Please name at least one story.');
  if (stories.length > MAX_COUNT_STORIES) throw new AppError(400, `Ask for at most ${MAX_COUNT_STORIES} stories at a time.`);
  const site = await findSite(ctx.store.db, siteId);
  if (!site) throw new AppError(404, 'This site does not exist.');
  if (!isOriginAllowed(site, viewer.origin, viewer.ownOrigin)) throw new AppError(403, WRONG_ORIGIN);
  const unique = [...new Set(stories)];
  const urls = unique.filter((s) => /^https?:\/\//i.test(s));
  const rows = urls.length
    ? await ctx.store.db
        .selectFrom('stories')
        .select(['id', 'url', 'approved_count'])
        .where('site_id', '=', site.id)
        .where((eb) => eb.or([eb('id', 'in', unique), eb('url', 'in', urls)]))
        .execute()
    : await countsByIds(unique.length)(ctx.store.db, site.id, ...unique);
  const counts: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const s of unique) counts[s] = 0;
  for (const r of rows) {
    if (r.id in counts) counts[r.id] = Number(r.approved_count);
    if (r.url && r.url in counts) counts[r.url] = Number(r.approved_count);
  }
  return counts;
}

