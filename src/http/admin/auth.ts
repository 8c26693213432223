// Sign-in, sign-out, the current account, and the guards every other admin route runs behind:
// a valid session cookie (401), the session's CSRF token on non-GET requests (403), and roles (403).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import {
  SESSION_COOKIE,
  SESSION_TTL_SECONDS,
  csrfMatches,
  deleteSession,
  findSession,
  login,
  type Role,
  type Session,
} from '../../accounts/index.js';
import { parseInput } from './validate.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the admin guard for every route behind it. */
    session?: Session;
  }
}

const LoginBody = z.object({
  email: z.string({ error: 'Please enter your email address.' }).trim().min(1, 'Please enter your email address.').max(254, 'This email address is too long.'),
  password: z.string({ error: 'Please enter your password.' }).min(1, 'Please enter your password.').max(1000, 'This password is too long.'),
});

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function sessionCookie(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  // Path covers the admin API only; Secure when the request came over https (behind a proxy: TRUST_PROXY=true).
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; Path=/api/v1/admin; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

export const SIGN_IN_REQUIRED = 'Please sign in.';

/** onRequest hook for everything behind sign-in. */
export function sessionGuard(ctx: AppContext) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const session = await findSession(ctx.store.db, readCookie(request, SESSION_COOKIE));
    if (!session) {
      reply.code(401).send({ error: SIGN_IN_REQUIRED });
      return reply;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD' && !csrfMatches(session, request.headers['x-csrf-token'])) {
      reply.code(403).send({ error: 'This request is missing a valid X-CSRF-Token header. Reload the dashboard and try again.' });
      return reply;
    }
    request.session = session;
  };
}

export function requireRole(request: FastifyRequest, role: Role): Session {
  const session = request.session;
  if (!session) throw new AppError(401, SIGN_IN_REQUIRED);
  if (role === 'admin' && session.user.role !== 'admin') throw new AppError(403, 'Only an admin can do this.');
  return session;
}

/** Routes open without a session: sign-in only. */
export async function loginRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.post('/login', async (request, reply) => {
    const body = parseInput(LoginBody, request.body);
    const result = await login(ctx.store.db, { email: body.email, password: body.password, address: request.ip });
    if (!result.ok && result.reason === 'throttled') {
      const minutes = Math.ceil(result.retryAfterSeconds / 60);
      reply.header('retry-after', String(result.retryAfterSeconds));
      return reply.code(429).send({
        error: `Too many failed sign-in attempts. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`,
        retryAfterSeconds: result.retryAfterSeconds,
      });
    }
    if (!result.ok) return reply.code(401).send({ error: 'The email address or password is not correct.' });
    reply.header('set-cookie', sessionCookie(request, result.token, SESSION_TTL_SECONDS));
    return { user: { id: result.user.id, email: result.user.email, role: result.user.role }, csrfToken: result.csrfToken };
  });
}

/** Routes behind the session guard. */
export async function sessionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/me', async (request) => {
    const { user, csrfToken } = requireRole(request, 'moderator');
    return { user: { id: user.id, email: user.email, role: user.role }, csrfToken };
  });

  app.post('/logout', async (request, reply) => {
    await deleteSession(ctx.store.db, readCookie(request, SESSION_COOKIE));
    reply.header('set-cookie', sessionCookie(request, '', 0));
    return { ok: true };
  });
}
