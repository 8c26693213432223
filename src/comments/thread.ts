// Reading a story's thread: top-level comments a page at a time (cursor), each with its replies nested
// (up to 20 per comment, oldest first). Two queries per page whatever its size: one for the page, one
// for every reply under it (by root_id). Pages without viewer-specific parts are cached by the story's
// version, which every change to its comments bumps.
// A comment the reader may not see (deleted, rejected, spam, pending someone else's review) that has
// replies they may see stays in its place as a placeholder (RemovedComment, status 'removed'), so those
// replies stay reachable and the story's count (every approved comment) matches what a reader can reach.
import { sql, type Expression, type SqlBool, type ExpressionBuilder } from 'kysely';
import type { AppContext } from '../context.js';
import type { Database } from '../store/schema.js';
import { AppError } from '../errors.js';
import { createHash } from 'node:crypto';
import { findSite, isOriginAllowed, toSiteInfo, type Site, type SiteInfo } from '../sites/index.js';
import { findStory, toStoryInfo, type Story, type StoryInfo } from '../stories/index.js';
import { preparedQuery } from '../store/prepared.js';
import type { CommentStatus } from '../moderation/types.js';
import {
  PUBLIC_COLUMNS,
  isVisibleTo,
  toThreadComment,
  type PublicCommentRow,
  type ThreadComment,
} from './public.js';
import { hashReader, hashToken, isWellFormedToken } from './tokens.js';
import { WRONG_ORIGIN, type RequestMeta } from './post.js';

/** 'featured' lists only the editors' picks, newest pick first, flat (top-level and replies alike). */
export type ThreadSort = 'oldest' | 'newest' | 'liked' | 'featured';
export const THREAD_SORTS: readonly ThreadSort[] = ['oldest', 'newest', 'liked', 'featured'];
export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 100;
export const REPLIES_SHOWN = 20;

export interface ThreadPage {
  site: SiteInfo;
  story: StoryInfo;
  total: number;
  /** Editors' picks on the story (what sort=featured lists). */
  featuredCount: number;
  comments: ThreadComment[];
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

/**
 * After the cursor's item in the sort's order. `likesOf` is what a row's likes count as: the column for
 * comments, 0 for placeholders (they show no likes, so 'liked' orders them as unliked).
 */
function afterCursor(eb: Eb, sort: ThreadSort | 'replies', key: CursorKey, likesOf: Expression<number> = eb.ref('likes')): Expression<SqlBool> {
  if (sort === 'liked') {
    const [likes, at, id] = key as [number, string, string];
    return eb.or([
      eb(likesOf, '<', likes),
      eb.and([eb(likesOf, '=', likes), eb.or([eb('created_at', '>', at), eb.and([eb('created_at', '=', at), eb('id', '>', id)])])]),
    ]);
  }
  const [at, id] = key as [string, string];
  const op = sort === 'newest' ? '<' : '>';
  return eb.or([eb('created_at', op, at), eb.and([eb('created_at', '=', at), eb('id', op, id)])]);
}

/** Approved, or pending and written by the viewer (the same rule as isVisibleTo). */
function visibleTo(eb: Eb, tokenHash: string | null): Expression<SqlBool> {
  return tokenHash
    ? eb.or([eb('status', '=', 'approved'), eb.and([eb('status', '=', 'pending'), eb('author_token_hash', '=', tokenHash)])])
    : eb('status', '=', 'approved');
}

// Every status but 'approved', listed rather than `<> 'approved'` so both engines read them from the
// (…, status, …) indexes instead of scanning the story's or the thread's approved comments.
const UNSEEN_STATUSES: readonly CommentStatus[] = ['pending', 'rejected', 'spam', 'deleted'];

/** The comments visibleTo leaves out. */
function hiddenFrom(eb: Eb, tokenHash: string | null): Expression<SqlBool> {
  const unseen = eb('status', 'in', UNSEEN_STATUSES);
  // Spelled without NOT(…): a comment with no token hash would make NOT(… AND NULL) unknown, not true.
  return tokenHash
    ? eb.and([unseen, eb.or([eb('status', '<>', 'pending'), eb('author_token_hash', 'is', null), eb('author_token_hash', '<>', tokenHash)])])
    : unseen;
}

/** The placeholder's columns: a public row with 0 likes (what a placeholder sorts by under 'liked'). */
const PLACEHOLDER_COLUMNS = PUBLIC_COLUMNS.map((column) => (column === 'likes' ? sql<number>`0`.as('likes') : column));

// ---- rendered-page cache ---------------------------------------------------------------------------

interface CachedPage {
  comments: ThreadComment[];
  nextCursor: string | null;
  featuredCount: number;
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

/**
 * Ids of the rows (and of the parents they name) that have at least one reply the viewer sees somewhere
 * below them: the comments a placeholder may stand in for. Walks up from each visible row, stopping at an
 * id already marked, so each row is visited about once.
 */
function withVisibleDescendants(rows: PublicCommentRow[], tokenHash: string | null): Set<string> {
  const parentOf = new Map<string, string | null>();
  for (const row of rows) parentOf.set(row.id, row.parent_id);
  const marked = new Set<string>();
  for (const row of rows) {
    if (!isVisibleTo(row, tokenHash)) continue;
    let up = row.parent_id;
    while (up && !marked.has(up)) {
      marked.add(up);
      up = parentOf.get(up) ?? null;
    }
  }
  return marked;
}

/**
 * Nests reply rows (sorted oldest first) under their parents; keeps REPLIES_SHOWN per parent. A row the
 * viewer may not see becomes a placeholder when a reply they see lies below it, and is left out otherwise.
 */
function attachReplies(parents: ThreadComment[], replyRows: PublicCommentRow[], tokenHash: string | null): void {
  const byId = new Map<string, ThreadComment>();
  const children = new Map<string, ThreadComment[]>();
  const standIn = withVisibleDescendants(replyRows, tokenHash);
  for (const p of parents) byId.set(p.id, p);
  for (const row of replyRows) {
    if (!isVisibleTo(row, tokenHash) && !standIn.has(row.id)) continue;
    const c = toThreadComment(row, tokenHash);
    byId.set(c.id, c);
    if (!c.parent) continue;
    let list = children.get(c.parent);
    if (!list) children.set(c.parent, (list = []));
    list.push(c);
  }
  const fill = (node: ThreadComment) => {
    const kids = (children.get(node.id) ?? []).filter((k) => byId.has(k.parent!));
    node.replyCount = kids.length;
    const shown = kids.slice(0, REPLIES_SHOWN);
    node.replies = shown;
    node.moreReplies = kids.length > REPLIES_SHOWN ? encodeCursor([shown[shown.length - 1].createdAt, shown[shown.length - 1].id]) : null;
    for (const k of shown) fill(k);
  };
  for (const p of parents) fill(p);
}

/** Ids of the comments in the tree that can be liked (not placeholders). */
function collectIds(comments: ThreadComment[], into: string[] = []): string[] {
  for (const c of comments) {
    if (c.status !== 'removed') into.push(c.id);
    if (c.replies) collectIds(c.replies, into);
  }
  return into;
}

/** Marks likedByMe on every comment of the tree (one query). Copies the tree, cached pages stay clean. */
async function markLikes(ctx: AppContext, comments: ThreadComment[], readerId: string): Promise<ThreadComment[]> {
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
  const copy = (list: ThreadComment[]): ThreadComment[] =>
    list.map((c) => ({
      ...c,
      ...(c.status === 'removed' ? {} : { likedByMe: liked.has(c.id) }),
      ...(c.replies ? { replies: copy(c.replies) } : {}),
    }));
  return copy(comments);
}

// ---- public functions ------------------------------------------------------------------------------

export function parseSort(value: unknown): ThreadSort {
  if (value === undefined || value === '') return 'oldest';
  if (typeof value === 'string' && (THREAD_SORTS as readonly string[]).includes(value)) return value as ThreadSort;
  throw new AppError(400, `sort must be one of: ${THREAD_SORTS.join(', ')}.`);
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
  // SiteInfo says whether this process sends mail; two apps may share one store with different settings.
  const mailOn = ctx.mail ? 'mail' : '';
  const key = [site.id, site.updatedAt, story.id, story.version, story.updatedAt, q.sort ?? 'oldest', q.limit ?? DEFAULT_PAGE, q.cursor ?? '', mailOn].join('\u0000');
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
  if (!page && sort === 'featured') {
    page = { ...(await readPicks(ctx, site.id, story.id, limit, cursorKey as [string, string] | null)), featuredCount: await countPicks(ctx, site.id, story.id) };
    if (cacheKey) cachePut(cache, cacheKey, page);
  }
  if (!page) {
    const topLevel = () => db.selectFrom('comments').where('site_id', '=', site.id).where('story_id', '=', story.id).where('depth', '=', 0);
    // The page is the first limit + 1 of two lists merged in the sort's order: the top-level comments the
    // viewer sees, and the placeholders (unseen top-level comments with a reply the viewer sees).
    // Each list is read in order and cut at limit + 1 on its own, so the usual page reads no more rows
    // than before, and placeholders cost index lookups only among the story's unseen comments.
    let seen = topLevel()
      .select(PUBLIC_COLUMNS)
      .where((eb) => visibleTo(eb, tokenHash));
    let standIns = topLevel()
      .select(PLACEHOLDER_COLUMNS)
      .where((eb) => hiddenFrom(eb, tokenHash))
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('comments as below')
            .select(sql.lit(1).as('one'))
            .whereRef('below.root_id', '=', 'comments.id')
            .where('below.depth', '>', 0)
            // Unqualified columns name the innermost table, `below`.
            .where((inner) => visibleTo(inner as unknown as Eb, tokenHash)),
        ),
      );
    if (cursorKey) {
      seen = seen.where((eb) => afterCursor(eb, sort, cursorKey));
      standIns = standIns.where((eb) => afterCursor(eb, sort, cursorKey, sql.lit(0)));
    }
    const dir = sort === 'newest' ? 'desc' : 'asc';
    if (sort === 'liked') seen = seen.orderBy('likes', 'desc');
    seen = seen.orderBy('created_at', dir).orderBy('id', dir).limit(limit + 1);
    standIns = standIns.orderBy('created_at', dir).orderBy('id', dir).limit(limit + 1);
    let merged = db.selectFrom(seen.as('seen')).selectAll().unionAll(db.selectFrom(standIns.as('stand_ins')).selectAll());
    if (sort === 'liked') merged = merged.orderBy('likes', 'desc');
    const rows = await merged.orderBy('created_at', dir).orderBy('id', dir).limit(limit + 1).execute();
    const more = rows.length > limit;
    const pageRows = more ? rows.slice(0, limit) : rows;
    const comments = pageRows.map((r) => toThreadComment(r, tokenHash));
    if (comments.length) attachReplies(comments, await readThreadRows(ctx, comments.map((c) => c.id), 0, tokenHash), tokenHash);
    const last = pageRows[pageRows.length - 1];
    const nextCursor = more
      ? encodeCursor(sort === 'liked' ? [Number(last.likes), last.created_at, last.id] : [last.created_at, last.id])
      : null;
    page = { comments, nextCursor, featuredCount: await countPicks(ctx, site.id, story.id) };
    if (cacheKey) cachePut(cache, cacheKey, page);
  }
  const comments = isWellFormedToken(viewer.readerId) ? await markLikes(ctx, page.comments, viewer.readerId) : page.comments;
  return {
    site: toSiteInfo(site, { mailOn: ctx.mail !== undefined }),
    story: toStoryInfo(story, site.settings.mode),
    total: story.approvedCount,
    featuredCount: page.featuredCount,
    comments,
    nextCursor: page.nextCursor,
  };
}

/** A story's editors' picks (featured_at is cleared when a comment leaves 'approved', so every pick is public). */
function picksOf(ctx: AppContext, site: string, story: string) {
  return ctx.store.db
    .selectFrom('comments')
    .where('site_id', '=', site)
    .where('story_id', '=', story)
    .where('featured_at', 'is not', null)
    .where('status', '=', 'approved');
}

async function countPicks(ctx: AppContext, site: string, story: string): Promise<number> {
  const row = await picksOf(ctx, site, story).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** sort=featured: the picks, newest pick first, flat (no replies nested); the cursor is (featured_at, id). */
async function readPicks(ctx: AppContext, site: string, story: string, limit: number, after: [string, string] | null): Promise<Omit<CachedPage, 'featuredCount'>> {
  let query = picksOf(ctx, site, story).select(PUBLIC_COLUMNS);
  if (after) {
    const [at, id] = after;
    query = query.where((eb) => eb.or([eb('featured_at', '<', at), eb.and([eb('featured_at', '=', at), eb('id', '<', id)])]));
  }
  const rows = await query.orderBy('featured_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  return { comments: shown.map((r) => toThreadComment(r, null)), nextCursor: more && last ? encodeCursor([last.featured_at!, last.id]) : null };
}

/**
 * The replies below `depth` in the given threads (root ids), oldest first, in one query: those the viewer
 * sees, and the unseen ones that have a reply of their own (candidate placeholders; attachReplies keeps
 * those with a visible reply somewhere below). Unseen replies nobody answered are not read at all.
 */
async function readThreadRows(ctx: AppContext, rootIds: string[], depth: number, tokenHash: string | null): Promise<PublicCommentRow[]> {
  const db = ctx.store.db;
  const below = () => db.selectFrom('comments').select(PUBLIC_COLUMNS).where('root_id', 'in', rootIds).where('depth', '>', depth);
  const seen = below().where((eb) => visibleTo(eb, tokenHash));
  const answeredUnseen = below()
    .where((eb) => hiddenFrom(eb, tokenHash))
    .where((eb) => eb.exists(eb.selectFrom('comments as answer').select(sql.lit(1).as('one')).whereRef('answer.parent_id', '=', 'comments.id')));
  return db
    .selectFrom(seen.unionAll(answeredUnseen).as('thread_rows'))
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** "Load more replies": the direct replies of one comment after a cursor, each with its own replies nested. */
export async function readReplies(
  ctx: AppContext,
  commentId: string,
  q: { cursor?: string | null; limit?: number },
  viewer: Viewer,
): Promise<{ comments: ThreadComment[]; nextCursor: string | null }> {
  const db = ctx.store.db;
  const tokenHash = isWellFormedToken(viewer.authorToken) ? hashToken(viewer.authorToken) : null;
  const parent = await db.selectFrom('comments').select(PUBLIC_COLUMNS).where('id', '=', commentId).executeTakeFirst();
  if (!parent) throw new AppError(404, 'This comment does not exist.');
  const site = await findSite(db, parent.site_id);
  const limit = q.limit ?? REPLIES_SHOWN;
  const cursorKey = q.cursor ? (decodeCursor(q.cursor, 'replies') as [string, string]) : null;

  // Every comment below the parent in its thread that the reader sees or that a placeholder may stand
  // for, oldest first; nest in memory.
  const rows = await readThreadRows(ctx, [parent.root_id], Number(parent.depth), tokenHash);
  const standIn = withVisibleDescendants(rows, tokenHash);
  // An unseen parent answers only as a placeholder: when a reply the viewer sees lies below it.
  if (!isVisibleTo(parent, tokenHash) && !standIn.has(parent.id)) throw new AppError(404, 'This comment does not exist.');
  if (site && !isOriginAllowed(site, viewer.origin, viewer.ownOrigin)) throw new AppError(403, WRONG_ORIGIN);
  let direct = rows.filter((r) => r.parent_id === parent.id && (isVisibleTo(r, tokenHash) || standIn.has(r.id)));
  if (cursorKey) direct = direct.filter((r) => r.created_at > cursorKey[0] || (r.created_at === cursorKey[0] && r.id > cursorKey[1]));
  const more = direct.length > limit;
  const shown = direct.slice(0, limit).map((r) => toThreadComment(r, tokenHash));
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

