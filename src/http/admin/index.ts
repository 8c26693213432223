// The moderator API under /api/v1/admin (docs/api.md "Moderator API"). Everything except sign-in runs
// behind the session guard (401 without a session, 403 without the session's CSRF token on non-GET).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { loginRoutes, sessionGuard, sessionRoutes } from './auth.js';
import { moderationRoutes } from './moderation.js';
import { privacyRoutes } from './privacy.js';
import { siteRoutes } from './sites.js';
import { statsRoutes } from './stats.js';
import { userRoutes } from './users.js';

export default async function routes(app: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  await app.register(
    async (admin) => {
      // Moderator data is never cached by browsers or proxies.
      admin.addHook('onSend', async (_request, reply, payload) => {
        reply.header('cache-control', 'no-store');
        return payload;
      });
      await admin.register(async (open) => loginRoutes(open, ctx));
      await admin.register(async (guarded) => {
        guarded.addHook('onRequest', sessionGuard(ctx)); // before the body is even parsed
        await sessionRoutes(guarded, ctx);
        await moderationRoutes(guarded, ctx);
        await siteRoutes(guarded, ctx);
        await statsRoutes(guarded, ctx);
        await userRoutes(guarded, ctx);
        await privacyRoutes(guarded, ctx);
      });
    },
    { prefix: '/api/v1/admin' },
  );
}
