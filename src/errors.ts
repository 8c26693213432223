// Errors the domain throws for a reader or moderator to see. No HTTP framework here: the HTTP layer
// (src/http/errors.ts) turns an AppError into a reply with its status and a JSON body.

export class AppError extends Error {
  constructor(
    /** HTTP-like status: 400 bad input, 403 not allowed, 404 not found, 409 conflict, 422 nudge. */
    readonly status: number,
    message: string,
    /** Extra fields for the reply body, e.g. { errors: { body: '…' } } or { nudge }. */
    readonly extra: Record<string, unknown> = {},
    /** A machine-readable code, e.g. Fastify's FST_ERR_CTP_* for body parsing failures. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** The name Fastify and its plugins' error handlers read. */
  get statusCode(): number {
    return this.status;
  }
}

/** 400 with one message per field: { error, errors: { field: message } }. */
export class ValidationError extends AppError {
  constructor(readonly errors: Record<string, string>) {
    const fields = Object.values(errors);
    super(400, fields.length === 1 ? fields[0] : 'Please correct the highlighted fields.', { errors });
    this.name = 'ValidationError';
  }
}

export const notFound = (message: string): AppError => new AppError(404, message);
export const conflict = (message: string): AppError => new AppError(409, message);
