// Queues, single and batch actions on comments, and the audit log.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import {
  ACTIONS,
  MAX_BATCH,
  PICK_ACTIONS,
  QUEUES,
  getModComment,
  listQueue,
  moderateMany,
  moderateOne,
  pendingIdsByAuthor,
  queueCounts,
  setPick,
  type ReviewAction,
} from '../../comments/review.js';
import { listAudit } from '../../audit/index.js';
import { requireRole } from './auth.js';
import { parseInput } from './validate.js';

const limit = (fallback: number, max: number) =>
  z.coerce
    .number({ error: 'The limit must be a number.' })
    .int('The limit must be a whole number.')
    .min(1, 'The limit must be at least 1.')
    .max(max, `The limit must be at most ${max}.`)
    .default(fallback);

const QueueQuery = z.object({
  status: z.enum(QUEUES, { error: `The status must be one of: ${QUEUES.join(', ')}.` }).default('pending'),
  site: z.string().max(200).optional(),
  story: z.string().max(2000).optional(),
  author: z.string().max(254).optional(),
  limit: limit(20, 100),
  cursor: z.string().max(1000).optional(),
});

const Reason = z
  .string({ error: 'The reason must be text.' })
  .trim()
  .max(500, 'The reason must be at most 500 characters.')
  .optional()
  .transform((r) => (r ? r : null));

const ActionBody = z.object({ reason: Reason }).passthrough();

const actionEnum = z.enum(ACTIONS, { error: `The action must be one of: ${ACTIONS.join(', ')}.` });

const BatchByIds = z.object({
  ids: z
    .array(z.string().min(1).max(200), { error: 'ids must be a list of comment ids.' })
    .min(1, 'Choose at least one comment.')
    .max(MAX_BATCH, `At most ${MAX_BATCH} comments at a time.`),
  action: actionEnum,
  reason: Reason,
});

const BatchByAuthor = z.object({
  author: z.object(
    { email: z.string({ error: "Please give the author's email address." }).trim().min(3, "Please give the author's email address.") },
    { error: 'author must be an object like { "email": "…" }.' },
  ),
  site: z.string({ error: 'Please say which site.' }).min(1, 'Please say which site.'),
  action: z.enum(['approve', 'reject', 'spam', 'delete'], { error: 'The action must be one of: approve, reject, spam, delete.' }),
  reason: Reason,
});

const AuditQuery = z.object({
  site: z.string().max(200).optional(),
  comment: z.string().max(200).optional(),
  limit: limit(50, 200),
  cursor: z.string().max(100).optional(),
});

export async function moderationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.store.db;

  app.get('/queue', async (request) => {
    requireRole(request, 'moderator');
    const q = parseInput(QueueQuery, request.query);
    const [page, counts] = await Promise.all([listQueue(db, q), queueCounts(db, { site: q.site, story: q.story })]);
    return { ...page, counts };
  });

  app.get('/comments/:id', async (request) => {
    requireRole(request, 'moderator');
    const { id } = request.params as { id: string };
    return { comment: await getModComment(db, id) };
  });

  for (const action of ACTIONS) {
    app.post(`/comments/:id/${action}`, async (request) => {
      const { user } = requireRole(request, 'moderator');
      const { id } = request.params as { id: string };
      const body = parseInput(ActionBody, request.body);
      const comment = await moderateOne(db, ctx.store.dialect, ctx.events, user, id, action, body.reason);
      return { comment };
    });
  }

  // Editors' picks: separate from the status actions (not in batches, no undo): a pick is a choice
  // about one approved comment, not a change of its status.
  for (const action of PICK_ACTIONS) {
    app.post(`/comments/:id/${action}`, async (request) => {
      const { user } = requireRole(request, 'moderator');
      const { id } = request.params as { id: string };
      const body = parseInput(ActionBody, request.body);
      return { comment: await setPick(db, ctx.store.dialect, user, id, action, body.reason) };
    });
  }

  app.post('/comments/batch', async (request) => {
    const { user } = requireRole(request, 'moderator');
    const raw = request.body;
    const byAuthor = typeof raw === 'object' && raw !== null && 'author' in raw;
    if (!byAuthor && !(typeof raw === 'object' && raw !== null && 'ids' in raw)) {
      throw new AppError(400, 'Send either { ids, action } or { author: { email }, site, action }.');
    }
    const body = byAuthor ? parseInput(BatchByAuthor, raw) : parseInput(BatchByIds, raw);
    const ids = 'ids' in body ? body.ids : await pendingIdsByAuthor(db, body.site, body.author.email);
    if (ids.length === 0) return { updated: 0, results: [] };
    const results = await moderateMany(db, ctx.store.dialect, ctx.events, user, ids, body.action as ReviewAction, body.reason);
    return {
      updated: results.filter((r) => r.from !== r.to).length,
      results: results.map((r) => ({ id: r.id, from: r.from, to: r.to })),
    };
  });

  app.get('/audit', async (request) => {
    requireRole(request, 'moderator');
    const q = parseInput(AuditQuery, request.query);
    if (q.cursor && !/^[0-9a-z]+$/.test(q.cursor)) throw new AppError(400, 'The cursor is not valid; start again from the first page.');
    return listAudit(db, q);
  });
}
