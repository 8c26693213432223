// Accounts (admin only): list, create, remove.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { AccountError, createUser, deleteUser, findUserByEmail, listUsers } from '../../accounts/index.js';
import { writeAudit } from '../../audit/index.js';
import { requireRole } from './auth.js';
import { parseInput } from './validate.js';

const UserCreate = z.object({
  email: z.string({ error: 'Please enter an email address.' }).trim().min(1, 'Please enter an email address.'),
  password: z.string({ error: 'Please enter a password.' }),
  role: z.enum(['admin', 'moderator'], { error: 'The role must be "admin" or "moderator".' }).default('moderator'),
});

const UserDelete = z.union(
  [z.object({ id: z.string().min(1) }), z.object({ email: z.string().min(1) })],
  { error: 'Say which account to remove: { "id": … } or { "email": … }.' },
);

function accountErrorToApp(err: unknown): never {
  if (err instanceof AccountError) {
    const status = err.kind === 'conflict' ? 409 : err.kind === 'not_found' ? 404 : 400;
    throw new AppError(status, err.message, status === 400 ? { errors: { [err.field]: err.message } } : {});
  }
  throw err;
}

export async function userRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.store.db;

  app.get('/users', async (request) => {
    requireRole(request, 'admin');
    return { users: await listUsers(db) };
  });

  app.post('/users', async (request, reply) => {
    const { user: actor } = requireRole(request, 'admin');
    const input = parseInput(UserCreate, request.body);
    const user = await createUser(db, input).catch(accountErrorToApp);
    await writeAudit(db, actor, { action: 'user.create', detail: { id: user.id, email: user.email, role: user.role } });
    return reply.code(201).send({ user });
  });

  const remove = async (actor: { id: string; email: string }, target: { id?: string; email?: string }) => {
    const id = target.id ?? (await findUserByEmail(db, target.email ?? ''))?.id;
    if (!id) throw new AppError(404, 'There is no account with this email address.');
    if (id === actor.id) throw new AppError(409, 'You cannot remove your own account; ask another admin.');
    const user = await deleteUser(db, id).catch(accountErrorToApp);
    await writeAudit(db, actor, { action: 'user.delete', detail: { id: user.id, email: user.email, role: user.role } });
    return { removed: user };
  };

  app.delete('/users/:id', async (request) => {
    const { user: actor } = requireRole(request, 'admin');
    return remove(actor, { id: (request.params as { id: string }).id });
  });

  app.delete('/users', async (request) => {
    const { user: actor } = requireRole(request, 'admin');
    return remove(actor, parseInput(UserDelete, request.body));
  });
}
