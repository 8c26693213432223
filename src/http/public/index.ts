// Public reader API under /api/v1 (docs/api.md). Thin: parse the request, call the comment domain, reply.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { anySiteAllowsOrigin, normalizeOrigin } from '../../sites/index.js';
import {
  postComment,
  readThreadSerialized,
  readReplies,
  countComments,
  setLike,
  reportComment,
  editOwnComment,
  deleteOwnComment,
  parseSort,
  parseLimit,
  REPLIES_SHOWN,
} from '../../comments/index.js';
import { readCommentContext } from '../../comments/context.js';
import { AppError } from '../../errors.js';
import { requestMeta, oneQuery, requiredQuery, sendCacheable, sendSerialized, ownOrigin } from './http-helpers.js';
import { openApiDocument } from './openapi.js';
import { registerStream } from './stream.js';
import { registerUnsubscribe } from './unsubscribe.js';

const PUBLIC_PATHS = ['/api/v1/comments', '/api/v1/comments/*', '/api/v1/counts', '/api/v1/stream'];
const ALLOWED_HEADERS = 'Content-Type, X-Parley-Author, X-Parley-Reader, If-None-Match';

export default async function routes(app: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;

  // CORS: a browser on an origin some site allows may call the reader API; which site the request is
  // for is checked again by the domain (403 for another site's page).
  async function corsOrigin(request: FastifyRequest): Promise<string | null> {
    const origin = request.headers.origin;
    if (!origin) return null;
    const normalized = normalizeOrigin(origin);
    if (!normalized) return null;
    if (normalized === ownOrigin(request)) return normalized;
    return (await anySiteAllowsOrigin(ctx.store.db, normalized)) ? normalized : null;
  }

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/v1/') || request.url.startsWith('/api/v1/admin')) return;
    const allowed = await corsOrigin(request);
    if (allowed) {
      reply.header('Access-Control-Allow-Origin', allowed);
      reply.header('Access-Control-Expose-Headers', 'ETag');
      reply.header('Vary', 'Origin');
    }
  });

  for (const path of PUBLIC_PATHS) {
    app.options(path, async (request, reply) => {
      reply.header('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE, OPTIONS');
      reply.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      reply.header('Access-Control-Max-Age', '600');
      return reply.code(204).send();
    });
  }

  app.get('/api/v1/openapi.json', async () => openApiDocument());

  app.post('/api/v1/comments', async (request, reply) => {
    const posted = await postComment(ctx, request.body, requestMeta(request));
    return reply.code(201).send(posted);
  });

  app.get('/api/v1/comments', async (request, reply) => {
    const meta = requestMeta(request);
    const page = await readThreadSerialized(
      ctx,
      {
        site: requiredQuery(request.query, 'site', 'Please say which site (site=…).'),
        story: requiredQuery(request.query, 'story', 'Please say which story (story=…).'),
        sort: parseSort(oneQuery(request.query, 'sort')),
        limit: parseLimit(oneQuery(request.query, 'limit')),
        cursor: oneQuery(request.query, 'cursor') || null,
      },
      meta,
    );
    return sendSerialized(request, reply, page);
  });

  app.get<{ Params: { id: string } }>('/api/v1/comments/:id/replies', async (request, reply) => {
    const meta = requestMeta(request);
    const result = await readReplies(
      ctx,
      request.params.id,
      { cursor: oneQuery(request.query, 'cursor') || null, limit: parseLimit(oneQuery(request.query, 'limit'), REPLIES_SHOWN) },
      meta,
    );
    return sendCacheable(request, reply, result, !!(meta.authorToken || meta.readerId));
  });

  app.get<{ Params: { id: string } }>('/api/v1/comments/:id/context', async (request, reply) => {
    const meta = requestMeta(request);
    const context = await readCommentContext(ctx, request.params.id, meta);
    return sendCacheable(request, reply, context, !!(meta.authorToken || meta.readerId));
  });

  app.get('/api/v1/counts', async (request, reply) => {
    const site = requiredQuery(request.query, 'site', 'Please say which site (site=…).');
    const raw = (request.query as Record<string, unknown>).story;
    const stories = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
      (s): s is string => typeof s === 'string' && s.trim() !== '',
    );
    const counts = await countComments(ctx, site, stories, requestMeta(request));
    return sendCacheable(request, reply, { counts }, false);
  });

  app.patch<{ Params: { id: string } }>('/api/v1/comments/:id', async (request) =>
    editOwnComment(ctx, request.params.id, request.body, requestMeta(request)),
  );

  app.delete<{ Params: { id: string } }>('/api/v1/comments/:id', async (request) =>
    deleteOwnComment(ctx, request.params.id, requestMeta(request)),
  );

  app.post<{ Params: { id: string } }>('/api/v1/comments/:id/likes', async (request) => {
    const meta = requestMeta(request);
    return setLike(ctx, request.params.id, meta.readerId, true, meta);
  });

  app.delete<{ Params: { id: string } }>('/api/v1/comments/:id/likes', async (request) => {
    const meta = requestMeta(request);
    return setLike(ctx, request.params.id, meta.readerId, false, meta);
  });

  app.post<{ Params: { id: string } }>('/api/v1/comments/:id/reports', async (request, reply) => {
    const meta = requestMeta(request);
    const result = await reportComment(ctx, request.params.id, request.body, meta.readerId, meta);
    return reply.code(201).send(result);
  });

  registerStream(app, ctx);
  registerUnsubscribe(app, ctx);
}
