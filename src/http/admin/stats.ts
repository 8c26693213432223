// Numbers for the dashboard: comments per day, why comments were held, moderator actions.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { siteStats } from '../../comments/review.js';
import { requireRole } from './auth.js';
import { parseInput } from './validate.js';

const StatsQuery = z.object({
  site: z.string().max(200).optional(),
  days: z.coerce
    .number({ error: 'days must be a number.' })
    .int('days must be a whole number.')
    .min(1, 'days must be between 1 and 365.')
    .max(365, 'days must be between 1 and 365.')
    .default(30),
});

export async function statsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/stats', async (request) => {
    requireRole(request, 'moderator');
    const q = parseInput(StatsQuery, request.query);
    return siteStats(ctx.store.db, q);
  });
}
