// Builds the Fastify server: shared settings, error handling, and the four route plugins.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
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
  closeConnectionsOnShutdown(app);
  installErrorHandling(app);
  installJsonParsing(app);
  app.get('/health', async () => ({ ok: true }));
  await app.register(publicRoutes, { ctx });
  await app.register(adminRoutes, { ctx });
  await app.register(perspectiveRoutes, { ctx });
  await app.register(webRoutes, { ctx });
  return app;
}

/**
 * Makes app.close() prompt. Node's server.close() closes only the connections that are idle after a
 * response and then waits for every other one: a connection that has not sent a request yet (fetch
 * opens a spare one after a streamed response is aborted, and keeps it 4 s) and a keep-alive
 * connection whose response was still being written (kept for Fastify's 72 s keep-alive timeout). So on
 * close: drop connections with no response in progress, and close the others once their response is
 * done (telling the client with Connection: close when its headers are not out yet).
 */
function closeConnectionsOnShutdown(app: FastifyInstance): void {
  /** Each open connection and its latest response (none before its first request). */
  const connections = new Map<Socket, ServerResponse | undefined>();
  app.server.on('connection', (socket: Socket) => {
    connections.set(socket, undefined);
    socket.on('close', () => connections.delete(socket));
  });
  app.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (connections.has(request.socket)) connections.set(request.socket, response);
  });
  app.addHook('preClose', async () => {
    for (const [socket, response] of connections) {
      if (!response || response.writableFinished) {
        socket.destroy();
      } else {
        if (!response.headersSent) response.setHeader('Connection', 'close');
        response.on('close', () => socket.destroySoon());
      }
    }
  });
}
