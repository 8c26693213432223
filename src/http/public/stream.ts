// GET /api/v1/stream?site=&story= — server-sent events: `comment` when one is published, `ping` every 25 s.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { findSite, isOriginAllowed } from '../../sites/index.js';
import { findStory } from '../../stories/index.js';
import { PUBLIC_COLUMNS, toPublicComment, WRONG_ORIGIN } from '../../comments/index.js';
import { requestMeta, requiredQuery } from './http-helpers.js';

export const PING_INTERVAL_MS = 25_000;

export function registerStream(app: FastifyInstance, ctx: AppContext): void {
  const open = new Set<FastifyReply>();
  let closing = false;
  // preClose, not onClose: Fastify runs onClose hooks only after the HTTP server has closed, and the
  // server waits for these never-ending responses. Ending each one here finishes its chunked body, so
  // the reader sees the stream end (an EventSource reconnects); app.ts then closes the connection.
  app.addHook('preClose', async () => {
    closing = true;
    for (const reply of open) reply.raw.end();
  });

  app.get('/api/v1/stream', async (request, reply) => {
    const meta = requestMeta(request);
    const site = await findSite(ctx.store.db, requiredQuery(request.query, 'site', 'Please say which site (site=…).'));
    if (!site) throw new AppError(404, 'This site does not exist.');
    if (!isOriginAllowed(site, meta.origin, meta.ownOrigin)) throw new AppError(403, WRONG_ORIGIN);
    const story = await findStory(ctx.store.db, site.id, requiredQuery(request.query, 'story', 'Please say which story (story=…).'));
    if (!story) throw new AppError(404, 'This story does not exist.');
    // Shutdown began while we looked the story up: a stream opened now would never be ended.
    if (closing) throw new AppError(503, 'The server is shutting down; please reconnect in a moment.');

    reply.hijack();
    const res = reply.raw;
    const cors = reply.getHeader('access-control-allow-origin');
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
      ...(cors ? { 'Access-Control-Allow-Origin': String(cors), Vary: 'Origin' } : {}),
    });
    res.write(': connected\n\n');
    open.add(reply);

    const unsubscribe = ctx.events.onComment(site.id, story.id, (event) => {
      void (async () => {
        const row = await ctx.store.db.selectFrom('comments').select(PUBLIC_COLUMNS).where('id', '=', event.commentId).executeTakeFirst();
        if (!row || row.status !== 'approved' || res.writableEnded) return;
        res.write(`event: comment\ndata: ${JSON.stringify(toPublicComment(row))}\n\n`);
      })().catch((err: unknown) => ctx.log.warn({ err }, 'stream: could not send a comment'));
    });
    const ping = setInterval(() => res.write(`event: ping\ndata: {}\n\n`), PING_INTERVAL_MS);
    const cleanup = () => {
      clearInterval(ping);
      unsubscribe();
      open.delete(reply);
    };
    request.raw.on('close', cleanup);
    res.on('close', cleanup);
  });
}
