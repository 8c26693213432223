// A commenter's data rights (admin only): export and erase by email address (src/privacy).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { eraseCommenter, exportCommenterData } from '../../privacy/index.js';
import { requireRole } from './auth.js';
import { parseInput } from './validate.js';

const email = z.string({ error: 'Please give the commenter\'s email address, e.g. "reader@example.org".' });
const ExportRequest = z.strictObject({ email });
const EraseRequest = z.strictObject({
  email,
  mode: z.enum(['anonymize', 'delete'], { error: 'The mode must be "anonymize" or "delete".' }),
});

export async function privacyRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.store.db;

  app.post('/privacy/export', async (request) => {
    requireRole(request, 'admin');
    return exportCommenterData(db, parseInput(ExportRequest, request.body).email);
  });

  app.post('/privacy/erase', async (request) => {
    const { user } = requireRole(request, 'admin');
    const input = parseInput(EraseRequest, request.body);
    return { erased: await eraseCommenter(db, input.email, { mode: input.mode, actor: user }) };
  });
}
