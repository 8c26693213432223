// The moderator's side of comments: queues by status, and status changes (approve, reject, spam,
// delete, restore) that keep the story's approved count and version right, resolve open reports,
// and write the audit row in the same transaction. No HTTP here.
import { sql, type Selectable, type Transaction } from 'kysely';
import type { Db, DialectName } from '../store/db.js';
import { announceStatusChange, applyStatusChange, bumpStory, type StatusChange } from './status.js';
import type { Database } from '../store/schema.js';
import type { CommentsTable } from '../store/tables/core.js';
import type { EventBus } from '../events/bus.js';
import { AppError, conflict, notFound } from '../errors.js';
import { writeAudit, type Actor } from '../audit/index.js';
import type { CommentStatus, Reason } from '../moderation/types.js';
import { noteReplyPublished } from '../mail/index.js';
import { sendAkismetFeedback } from '../spam/comments.js';

export const QUEUES = ['pending', 'reported', 'approved', 'rejected', 'spam', 'deleted'] as const;
export type Queue = (typeof QUEUES)[number];

export const ACTIONS = ['approve', 'reject', 'spam', 'delete', 'restore'] as const;
export type ReviewAction = (typeof ACTIONS)[number];

const TARGET: Record<Exclude<ReviewAction, 'restore'>, CommentStatus> = {
  approve: 'approved',
  reject: 'rejected',
  spam: 'spam',
  delete: 'deleted',
};

export interface ModComment {
  id: string;
  site: string;
  story: string;
  storyTitle: string;
  parent: string | null;
  depth: number;
  author: { name: string; website: string | null };
  email: string;
  website: string | null;
  /** The Markdown source as written (moderators may need to see exactly what was typed). */
  body: string;
  html: string;
  createdAt: string;
  editedAt: string | null;
  statusChangedAt: string;
  /** When it was made an editors' pick; null when it is not one. */
  featuredAt: string | null;
  likes: number;
  status: CommentStatus;
  previousStatus: CommentStatus | null;
  replyCount: number;
  authorHistory: { approved: number; rejected: number; spam: number; pending: number };
  moderation: {
    decision: string;
    scores: Record<string, number>;
    reasons: Reason[];
    risk: number;
    flagged: boolean;
    trail: string[];
  } | null;
  /** Open (unresolved) reports and their reasons. */
  reports: number;
  reportReasons: string[];
}

export interface QueueQuery {
  status: Queue;
  site?: string;
  story?: string;
  author?: string;
  limit: number;
  cursor?: string;
}

export interface QueueCounts {
  pending: number;
  reported: number;
  approved: number;
  rejected: number;
  spam: number;
  deleted: number;
}

type CommentRow = Selectable<CommentsTable> & { story_title: string };

// Pending: riskiest first, then oldest. Others: newest first. Reported: most reports first.
interface KeysetCursor { r?: number; c: string; i: string; o?: number }

function encodeCursor(c: KeysetCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(raw: string): KeysetCursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as KeysetCursor;
    if (typeof c.c === 'string' && typeof c.i === 'string') return c;
  } catch {
    /* fall through */
  }
  throw new AppError(400, 'The cursor is not valid; start again from the first page.');
}

function baseQuery(db: Db, q: QueueQuery) {
  let query = db
    .selectFrom('comments')
    .innerJoin('stories', (j) => j.onRef('stories.site_id', '=', 'comments.site_id').onRef('stories.id', '=', 'comments.story_id'))
    .selectAll('comments')
    .select('stories.title as story_title');
  if (q.site) query = query.where('comments.site_id', '=', q.site);
  if (q.story) query = query.where('comments.story_id', '=', q.story);
  if (q.author) query = query.where(sql<string>`lower(comments.author_email)`, '=', q.author.trim().toLowerCase());
  return query;
}

export async function listQueue(db: Db, q: QueueQuery): Promise<{ comments: ModComment[]; nextCursor: string | null }> {
  const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
  let rows: CommentRow[];
  if (q.status === 'reported') {
    // Comments with open reports, most-reported first; offset paging (this queue stays short).
    const offset = cursor?.o ?? 0;
    const open = db
      .selectFrom('reports')
      .select(['reports.comment_id', (eb) => eb.fn.countAll<number>().as('open_reports')])
      .where('reports.resolved_at', 'is', null)
      .groupBy('reports.comment_id')
      .as('open');
    rows = (await baseQuery(db, q)
      .innerJoin(open, 'open.comment_id', 'comments.id')
      .where('comments.status', '!=', 'deleted')
      .orderBy('open.open_reports', 'desc')
      .orderBy('comments.created_at', 'asc')
      .orderBy('comments.id', 'asc')
      .offset(offset)
      .limit(q.limit + 1)
      .execute());
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      comments: await toModComments(db, page),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ c: last.created_at, i: last.id, o: offset + q.limit }) : null,
    };
  }

  let query = baseQuery(db, q).where('comments.status', '=', q.status);
  if (q.status === 'pending') {
    if (cursor) {
      const r = cursor.r ?? 0;
      query = query.where((eb) =>
        eb.or([
          eb('comments.risk', '<', r),
          eb.and([eb('comments.risk', '=', r), eb('comments.created_at', '>', cursor.c)]),
          eb.and([eb('comments.risk', '=', r), eb('comments.created_at', '=', cursor.c), eb('comments.id', '>', cursor.i)]),
        ]),
      );
    }
    query = query.orderBy('comments.risk', 'desc').orderBy('comments.created_at', 'asc').orderBy('comments.id', 'asc');
  } else {
    if (cursor) {
      query = query.where((eb) =>
        eb.or([
          eb('comments.created_at', '<', cursor.c),
          eb.and([eb('comments.created_at', '=', cursor.c), eb('comments.id', '<', cursor.i)]),
        ]),
      );
    }
    query = query.orderBy('comments.created_at', 'desc').orderBy('comments.id', 'desc');
  }
  rows = await query.limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    comments: await toModComments(db, page),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ r: Number(last.risk), c: last.created_at, i: last.id }) : null,
  };
}

export async function queueCounts(db: Db, filter: { site?: string; story?: string }): Promise<QueueCounts> {
  let byStatus = db.selectFrom('comments').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status');
  if (filter.site) byStatus = byStatus.where('site_id', '=', filter.site);
  if (filter.story) byStatus = byStatus.where('story_id', '=', filter.story);
  // Driven from the (few) open reports, filtered on the report's own site column, so it never scans comments.
  let reported = db
    .selectFrom('reports')
    .innerJoin('comments', 'comments.id', 'reports.comment_id')
    .select((eb) => eb.fn.count<number>('reports.comment_id').distinct().as('n'))
    .where('reports.resolved_at', 'is', null)
    .where('comments.status', '!=', 'deleted');
  if (filter.site) reported = reported.where('reports.site_id', '=', filter.site);
  if (filter.story) reported = reported.where('comments.story_id', '=', filter.story);
  const [statusRows, reportedRow] = await Promise.all([byStatus.execute(), reported.executeTakeFirst()]);
  const counts: QueueCounts = { pending: 0, reported: Number(reportedRow?.n ?? 0), approved: 0, rejected: 0, spam: 0, deleted: 0 };
  for (const row of statusRows) {
    if (row.status in counts && row.status !== 'reported') counts[row.status as keyof QueueCounts] = Number(row.n);
  }
  return counts;
}

/** One comment as a moderator sees it, or 404. */
export async function getModComment(db: Db, id: string): Promise<ModComment> {
  const row = (await db
    .selectFrom('comments')
    .innerJoin('stories', (j) => j.onRef('stories.site_id', '=', 'comments.site_id').onRef('stories.id', '=', 'comments.story_id'))
    .selectAll('comments')
    .select('stories.title as story_title')
    .where('comments.id', '=', id)
    .executeTakeFirst());
  if (!row) throw notFound('There is no comment with this id.');
  const [comment] = await toModComments(db, [row]);
  return comment;
}

/** Adds author history, open reports and reply counts to a page of rows, in three queries. */
async function toModComments(db: Db, rows: CommentRow[]): Promise<ModComment[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const emails = [...new Set(rows.map((r) => r.author_email))];
  const [history, reports, replies] = await Promise.all([
    db
      .selectFrom('comments')
      .select(['author_email', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('author_email', 'in', emails)
      .groupBy(['author_email', 'status'])
      .execute(),
    db.selectFrom('reports').select(['comment_id', 'reason']).where('comment_id', 'in', ids).where('resolved_at', 'is', null).execute(),
    db
      .selectFrom('comments')
      .select(['parent_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('parent_id', 'in', ids)
      .groupBy('parent_id')
      .execute(),
  ]);
  const historyOf = new Map<string, ModComment['authorHistory']>();
  for (const h of history) {
    const entry = historyOf.get(h.author_email) ?? { approved: 0, rejected: 0, spam: 0, pending: 0 };
    if (h.status in entry) entry[h.status as keyof ModComment['authorHistory']] = Number(h.n);
    historyOf.set(h.author_email, entry);
  }
  const reportsOf = new Map<string, string[]>();
  for (const r of reports) reportsOf.set(r.comment_id, [...(reportsOf.get(r.comment_id) ?? []), r.reason]);
  const repliesOf = new Map(replies.map((r) => [r.parent_id as string, Number(r.n)]));

  return rows.map((r) => {
    const reasons = reportsOf.get(r.id) ?? [];
    return {
      id: r.id,
      site: r.site_id,
      story: r.story_id,
      storyTitle: r.story_title,
      parent: r.parent_id,
      depth: Number(r.depth),
      author: { name: r.author_name, website: r.author_website },
      email: r.author_email,
      website: r.author_website,
      body: r.body,
      html: r.html,
      createdAt: r.created_at,
      editedAt: r.edited_at,
      statusChangedAt: r.status_changed_at,
      featuredAt: r.featured_at ?? null,
      likes: Number(r.likes),
      status: r.status as CommentStatus,
      previousStatus: (r.previous_status as CommentStatus | null) ?? null,
      replyCount: repliesOf.get(r.id) ?? 0,
      authorHistory: historyOf.get(r.author_email) ?? { approved: 0, rejected: 0, spam: 0, pending: 0 },
      moderation: parseModeration(r.moderation, Number(r.risk)),
      reports: reasons.length,
      reportReasons: reasons,
    };
  });
}

function parseModeration(text: string | null, risk: number): ModComment['moderation'] {
  if (!text) return null;
  try {
    const m = JSON.parse(text) as Partial<NonNullable<ModComment['moderation']>>;
    return {
      decision: String(m.decision ?? 'review'),
      scores: m.scores ?? {},
      reasons: Array.isArray(m.reasons) ? m.reasons : [],
      risk,
      flagged: Boolean(m.flagged),
      trail: Array.isArray(m.trail) ? m.trail : [],
    };
  } catch {
    return null; // unreadable engine output is shown as "no engine data", not an error
  }
}

export interface ActionResult {
  id: string;
  site: string;
  story: string;
  from: CommentStatus;
  to: CommentStatus;
}

/**
 * Applies one action inside the given transaction: the status change (through the comment domain's
 * applyStatusChange, which keeps the story's approved count and version right), open reports resolved,
 * and the audit row. Acting on a comment that already has the target status still resolves its
 * reports and is audited (e.g. "approve" on a reported, already approved comment keeps it and
 * dismisses the reports).
 */
export async function applyAction(
  trx: Transaction<Database>,
  dialect: DialectName,
  actor: Actor,
  id: string,
  action: ReviewAction,
  reason: string | null,
  now = new Date(),
): Promise<{ result: ActionResult; change: StatusChange }> {
  // PostgreSQL: lock the row so two moderators acting at once are applied one after the other
  // (SQLite transactions are already serialized).
  let read = trx.selectFrom('comments').select(['id', 'site_id', 'story_id', 'status', 'previous_status']).where('id', '=', id);
  if (dialect === 'postgres') read = read.forUpdate();
  const row = await read.executeTakeFirst();
  if (!row) throw notFound(`There is no comment with the id ${id}.`);
  let to: CommentStatus;
  if (action === 'restore') {
    if (!row.previous_status) throw conflict(`The comment ${id} has no earlier status to restore.`);
    to = row.previous_status as CommentStatus;
  } else {
    to = TARGET[action];
  }
  const change = await applyStatusChange(trx, id, to);
  // A reply made public here may be owed to a subscribed parent author; recorded in this transaction.
  if (change.changed && change.to === 'approved') await noteReplyPublished(trx, change.comment, now);
  const at = now.toISOString();
  await trx.updateTable('reports').set({ resolved_at: at }).where('comment_id', '=', id).where('resolved_at', 'is', null).execute();
  await writeAudit(trx, actor, { action, siteId: row.site_id, commentId: id, from: change.from, to: change.to, reason }, now.getTime());
  return { result: { id, site: row.site_id, story: row.story_id, from: change.from, to: change.to }, change };
}

export async function moderateOne(
  db: Db,
  dialect: DialectName,
  events: EventBus,
  actor: Actor,
  id: string,
  action: ReviewAction,
  reason: string | null,
): Promise<ModComment> {
  const { change } = await db.transaction().execute((trx) => applyAction(trx, dialect, actor, id, action, reason));
  announceStatusChange({ events }, change); // after commit: live readers see approved comments
  void sendAkismetFeedback(db, [{ commentId: id, to: change.to, changed: change.changed }]); // not awaited: Akismet must not slow or fail the action
  return getModComment(db, id);
}

export const PICK_ACTIONS = ['feature', 'unfeature'] as const;
export type PickAction = (typeof PICK_ACTIONS)[number];

/**
 * Makes an approved comment an editors' pick ('feature'), or stops it being one ('unfeature'), with its
 * audit row in the same transaction. Featuring a pick again keeps its first time (its place in the
 * list); both actions are audited even when nothing changes, as the status actions are. The story's
 * version is bumped on a change, so cached pages and ETags show the pick.
 */
export async function setPick(db: Db, dialect: DialectName, actor: Actor, id: string, action: PickAction, reason: string | null, now = new Date()): Promise<ModComment> {
  await db.transaction().execute(async (trx) => {
    let read = trx.selectFrom('comments').select(['id', 'site_id', 'story_id', 'status', 'featured_at']).where('id', '=', id);
    if (dialect === 'postgres') read = read.forUpdate(); // one moderator's action after the other's
    const row = await read.executeTakeFirst();
    if (!row) throw notFound(`There is no comment with the id ${id}.`);
    if (action === 'feature' && row.status !== 'approved') {
      throw conflict(`Only an approved comment can be an editors' pick; this one is ${row.status}. Approve it first.`);
    }
    const featuredAt = action === 'feature' ? (row.featured_at ?? now.toISOString()) : null;
    if (featuredAt !== row.featured_at) {
      await trx.updateTable('comments').set({ featured_at: featuredAt }).where('id', '=', id).execute();
      await bumpStory(trx, row.site_id, row.story_id);
    }
    await writeAudit(trx, actor, { action, siteId: row.site_id, commentId: id, reason }, now.getTime());
  });
  return getModComment(db, id);
}

export const MAX_BATCH = 500;

/** All-or-nothing: one transaction for the whole batch. Unknown ids are a 404 naming the id. */
export async function moderateMany(
  db: Db,
  dialect: DialectName,
  events: EventBus,
  actor: Actor,
  ids: string[],
  action: ReviewAction,
  reason: string | null,
): Promise<ActionResult[]> {
  // Sorted, and on PostgreSQL all rows locked up front in that order: two overlapping batches then
  // wait for each other instead of deadlocking (each also takes its stories' rows as it goes).
  const unique = [...new Set(ids)].sort();
  const applied = await db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') {
      await trx.selectFrom('comments').select('id').where('id', 'in', unique).orderBy('id').forUpdate().execute();
    }
    const out: { result: ActionResult; change: StatusChange }[] = [];
    for (const id of unique) out.push(await applyAction(trx, dialect, actor, id, action, reason));
    return out;
  });
  for (const a of applied) announceStatusChange({ events }, a.change);
  void sendAkismetFeedback(db, applied.map((a) => ({ commentId: a.result.id, to: a.change.to, changed: a.change.changed })));
  return applied.map((a) => a.result);
}

/** Ids of one author's pending comments on a site (for "approve / reject everything from this person"). */
export async function pendingIdsByAuthor(db: Db, site: string, email: string): Promise<string[]> {
  const rows = await db
    .selectFrom('comments')
    .select('id')
    .where('site_id', '=', site)
    .where(sql<string>`lower(author_email)`, '=', email.trim().toLowerCase())
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .limit(MAX_BATCH)
    .execute();
  return rows.map((r) => r.id);
}

export interface SiteStats {
  days: number;
  /** Comments posted per UTC day, oldest first, every day of the window present. */
  perDay: { day: string; count: number; approved: number; pending: number; rejected: number; spam: number; deleted: number }[];
  /** Why comments of the window were held or refused: engine reason labels (or the mode, e.g. "premod"). */
  decisions: { reason: string; count: number }[];
  /** Moderator actions taken in the window. */
  actions: { action: string; count: number }[];
}

export async function siteStats(db: Db, filter: { site?: string; days: number }, now = new Date()): Promise<SiteStats> {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (filter.days - 1) * 86400_000);
  const since = start.toISOString();
  let byDay = db
    .selectFrom('comments')
    .select([sql<string>`substr(created_at, 1, 10)`.as('day'), 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('created_at', '>=', since)
    .groupBy([sql`substr(created_at, 1, 10)`, 'status']);
  // Engine output of everything that was not published straight away.
  let held = db.selectFrom('comments').select(['moderation']).where('created_at', '>=', since).where('moderation', 'is not', null);
  let actions = db
    .selectFrom('audit_log')
    .select(['action', (eb) => eb.fn.countAll<number>().as('n')])
    .where('at', '>=', since)
    .groupBy('action');
  if (filter.site) {
    byDay = byDay.where('site_id', '=', filter.site);
    held = held.where('site_id', '=', filter.site);
    actions = actions.where('site_id', '=', filter.site);
  }
  const [dayRows, heldRows, actionRows] = await Promise.all([byDay.execute(), held.execute(), actions.execute()]);

  const perDay: SiteStats['perDay'] = [];
  const index = new Map<string, SiteStats['perDay'][number]>();
  for (let i = 0; i < filter.days; i++) {
    const day = new Date(start.getTime() + i * 86400_000).toISOString().slice(0, 10);
    const entry = { day, count: 0, approved: 0, pending: 0, rejected: 0, spam: 0, deleted: 0 };
    perDay.push(entry);
    index.set(day, entry);
  }
  for (const row of dayRows) {
    const entry = index.get(row.day);
    if (!entry) continue;
    const n = Number(row.n);
    entry.count += n;
    if (row.status in entry && row.status !== 'day' && row.status !== 'count') {
      (entry as unknown as Record<string, number>)[row.status] += n;
    }
  }

  const reasons = new Map<string, number>();
  for (const row of heldRows) {
    let m: { decision?: string; reasons?: { label?: string }[]; trail?: string[] };
    try {
      m = JSON.parse(row.moderation as string);
    } catch {
      continue;
    }
    if (m.decision === 'publish') continue;
    const labels = new Set((m.reasons ?? []).map((r) => r.label).filter((l): l is string => typeof l === 'string'));
    if (labels.size === 0) labels.add(m.trail?.[m.trail.length - 1] ?? 'unknown');
    for (const label of labels) reasons.set(label, (reasons.get(label) ?? 0) + 1);
  }

  return {
    days: filter.days,
    perDay,
    decisions: [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    actions: actionRows.map((r) => ({ action: r.action, count: Number(r.n) })).sort((a, b) => b.count - a.count || a.action.localeCompare(b.action)),
  };
}
