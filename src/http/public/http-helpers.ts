// Small helpers shared by the public routes: reading reader headers, ETag replies, CORS.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import { entityTag, type RequestMeta, type SerializedReply, type Viewer } from '../../comments/index.js';

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function ownOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function requestMeta(request: FastifyRequest): RequestMeta & Viewer {
  return {
    origin: headerValue(request, 'origin'),
    ownOrigin: ownOrigin(request),
    ip: request.ip,
    userAgent: headerValue(request, 'user-agent'),
    referrer: headerValue(request, 'referer'),
    authorToken: headerValue(request, 'x-parley-author'),
    readerId: headerValue(request, 'x-parley-reader'),
  };
}

/** A query parameter that must appear at most once. */
export function oneQuery(query: unknown, name: string): string | undefined {
  const v = (query as Record<string, unknown> | undefined)?.[name];
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  throw new AppError(400, `Give the ${name} parameter once.`);
}

export function requiredQuery(query: unknown, name: string, message: string): string {
  const v = oneQuery(query, name)?.trim();
  if (!v) throw new AppError(400, message, { errors: { [name]: message } });
  return v;
}

/**
 * Sends a JSON read with ETag and Cache-Control; answers 304 when If-None-Match matches.
 * Personal replies (author's own pending comments, likedByMe) are private.
 */
export function sendCacheable(request: FastifyRequest, reply: FastifyReply, body: unknown, personal: boolean): FastifyReply {
  const text = JSON.stringify(body);
  return sendSerialized(request, reply, { json: text, etag: entityTag(text), personal });
}

/** Same, for a reply already serialized (and tagged) by the domain. */
export function sendSerialized(request: FastifyRequest, reply: FastifyReply, page: SerializedReply): FastifyReply {
  const { json: text, etag, personal } = page;
  reply.header('ETag', etag);
  reply.header('Cache-Control', personal ? 'private, no-cache' : 'public, no-cache');
  reply.header('Vary', 'Origin, X-Parley-Author, X-Parley-Reader');
  const inm = request.headers['if-none-match'];
  if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === etag.slice(2))) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(text);
}
