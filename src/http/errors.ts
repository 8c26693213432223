// One place that turns every error into a clear JSON reply `{ error }` (plus `errors` for field
// messages). Bad input is always a 4xx; only our own bugs become a 500, logged with the stack.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

const FRAMEWORK_MESSAGES: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'The request body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'The request body is empty; send a JSON object.'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'The request body is too large.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'Send the request body as JSON (Content-Type: application/json).'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'The request body does not match its Content-Length.'],
  FST_ERR_CTP_INVALID_TYPE: [400, 'The request has an invalid Content-Type.'],
  FST_ERR_BAD_URL: [400, 'The address of this request is malformed.'],
  FST_ERR_ASYNC_CONSTRAINT: [400, 'The request could not be routed.'],
};

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      return reply.code(error.status).send({ error: error.message, ...error.extra });
    }
    const fe = error as FastifyError;
    const known = fe.code ? FRAMEWORK_MESSAGES[fe.code] : undefined;
    if (known) return reply.code(known[0]).send({ error: known[1] });
    if (fe.validation) {
      return reply.code(400).send({ error: `The request is not valid: ${fe.message}.` });
    }
    // JSON.parse failures surface as SyntaxError with a 400 status in some Fastify paths.
    if (error instanceof SyntaxError || fe.code === 'FST_ERR_CTP_INVALID_JSON') {
      return reply.code(400).send({ error: 'The request body is not valid JSON.' });
    }
    const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
    if (status >= 400 && status < 500) return reply.code(status).send({ error: fe.message || 'Bad request.' });
    request.log.error({ err: error, url: request.url }, 'unhandled error');
    return reply.code(500).send({ error: 'Something went wrong on our side. Please try again.' });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: `There is nothing at ${request.method} ${request.url.split('?')[0]}.` });
  });
}

const NUL_MESSAGE = 'The request contains a NUL character (\\u0000), which Parley does not accept.';

/**
 * JSON bodies for every route: an empty body on DELETE means {} (fetch sends none), malformed JSON
 * and NUL characters are a 400 (PostgreSQL cannot store NUL in text). NUL in the address too.
 */
export function installJsonParsing(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (/%00/.test(request.url)) throw new AppError(400, NUL_MESSAGE);
  });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, text, done) => {
    const source = typeof text === 'string' ? text : text.toString('utf8');
    if (source.trim() === '') {
      if (request.method === 'DELETE') return done(null, {});
      return done(new AppError(400, 'The request body is empty; send a JSON object.', {}, 'FST_ERR_CTP_EMPTY_JSON_BODY'), undefined);
    }
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch {
      return done(new AppError(400, 'The request body is not valid JSON.', {}, 'FST_ERR_CTP_INVALID_JSON_BODY'), undefined);
    }
    if (containsNul(value)) return done(new AppError(400, NUL_MESSAGE, {}, 'PARLEY_NUL_CHARACTER'), undefined);
    done(null, value);
  });
}

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000') || containsNul(item, depth + 1)) return true;
  }
  return false;
}
