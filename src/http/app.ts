// Builds the Fastify server: shared settings, error handling, and the four route plugins.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { installErrorHandling, installJsonParsing } from './errors.js';
import publicRoutes from './public/index.js';
import adminRoutes from './admin/index.js';
import perspectiveRoutes from './perspective.js';
import webRoutes from './web.js';

/** Larger than any comment a site allows (5,000 characters of up to 4 bytes each, plus fields). */
export const BODY_LIMIT_BYTES = 64 * 1024;

export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    // Per-request log lines cost more than a thread read; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: process.env.TRUST_PROXY === 'true',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  installErrorHandling(app);
  installJsonParsing(app);
  app.get('/health', async () => ({ ok: true }));
  await app.register(publicRoutes, { ctx });
  await app.register(adminRoutes, { ctx });
  await app.register(perspectiveRoutes, { ctx });
  await app.register(webRoutes, { ctx });
  return app;
}
