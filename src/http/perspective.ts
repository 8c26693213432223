// A drop-in for Google's Perspective API (shut down at the end of 2026): Coral Talk or any Perspective
// client can point at Parley instead. Request and reply follow Perspective's documented shapes:
//   https://developers.perspectiveapi.com/s/about-the-api-methods (AnalyzeComment request/response)
//   https://commentanalyzer.googleapis.com/$discovery/rest?version=v1alpha1 (AnalyzeCommentRequest,
//   AttributeParameters {scoreType, scoreThreshold}, AnalyzeCommentResponse {attributeScores, languages,
//   detectedLanguages, clientToken}, AttributeScores {summaryScore, spanScores}, SpanScore {begin, end, score})
// Errors use Google's error shape: { error: { code, message, status } }.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { moderateComment, standaloneInput, type Label, type Scores } from '../moderation/index.js';
import { hashKey, verifyApiKey } from '../moderation/apikeys.js';

/** Perspective attribute → Parley label. */
export const ATTRIBUTES: Record<string, Label> = {
  TOXICITY: 'toxicity',
  SEVERE_TOXICITY: 'severe_toxicity',
  INSULT: 'attack',
  PROFANITY: 'profanity',
  THREAT: 'threat',
  IDENTITY_ATTACK: 'hate',
  SPAM: 'spam',
  UNSUBSTANTIAL: 'unsubstantial',
};
/** Perspective's own limit on comment.text. */
const MAX_TEXT_BYTES = 20_480;
/** A verified key is trusted this long without asking the database again. */
const KEY_CACHE_MS = 60_000;

class GoogleError extends Error {
  constructor(readonly code: number, readonly status: string, message: string) {
    super(message);
  }
}
const invalid = (message: string): GoogleError => new GoogleError(400, 'INVALID_ARGUMENT', message);

function sendGoogleError(reply: FastifyReply, e: GoogleError): FastifyReply {
  return reply.code(e.code).send({ error: { code: e.code, message: e.message, status: e.status } });
}

interface Parsed {
  text: string;
  attributes: { name: string; label: Label; threshold: number | undefined }[];
  languages: string[] | undefined;
  spanAnnotations: boolean;
  clientToken: string | undefined;
  context: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** HTML comments are scored on their text; tags become spaces so offsets still point into the original. */
function htmlToText(html: string): string {
  return html.replace(/<[^>]*>/g, (tag) => ' '.repeat(tag.length));
}

function parseRequest(body: unknown): Parsed {
  if (!isObject(body)) throw invalid('The request body must be a JSON object with "comment" and "requestedAttributes".');
  const comment = body.comment;
  if (!isObject(comment) || typeof comment.text !== 'string') throw invalid('comment.text is required and must be a string.');
  if (!comment.text.trim()) throw invalid('Comment must be non-empty.');
  if (Buffer.byteLength(comment.text, 'utf8') > MAX_TEXT_BYTES) throw invalid(`Comment text is too long (over ${MAX_TEXT_BYTES} bytes).`);
  const type = comment.type ?? 'PLAIN_TEXT';
  if (type !== 'PLAIN_TEXT' && type !== 'HTML') throw invalid(`comment.type must be "PLAIN_TEXT" or "HTML", not ${JSON.stringify(type)}.`);

  const requested = body.requestedAttributes;
  if (!isObject(requested) || Object.keys(requested).length === 0) {
    throw invalid(`requestedAttributes must name at least one attribute, e.g. {"TOXICITY": {}}. Supported: ${Object.keys(ATTRIBUTES).join(', ')}.`);
  }
  const attributes: Parsed['attributes'] = [];
  for (const [name, params] of Object.entries(requested)) {
    const label = ATTRIBUTES[name];
    if (!label) throw invalid(`Unknown requested attribute: ${name}. Supported: ${Object.keys(ATTRIBUTES).join(', ')}.`);
    if (params !== null && params !== undefined && !isObject(params)) throw invalid(`requestedAttributes.${name} must be an object.`);
    const p = params ?? {};
    if (p.scoreType !== undefined && p.scoreType !== 'PROBABILITY') throw invalid(`Unsupported scoreType for ${name}: ${JSON.stringify(p.scoreType)}. Only "PROBABILITY" is supported.`);
    const threshold = p.scoreThreshold;
    if (threshold !== undefined && (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1))) {
      throw invalid(`requestedAttributes.${name}.scoreThreshold must be a number from 0 to 1.`);
    }
    attributes.push({ name, label, threshold: threshold as number | undefined });
  }

  let languages: string[] | undefined;
  if (body.languages !== undefined) {
    if (!Array.isArray(body.languages) || body.languages.some((l) => typeof l !== 'string')) throw invalid('languages must be a list of language codes, e.g. ["en"].');
    languages = body.languages as string[];
    const unsupported = languages.filter((l) => !/^en(?:[-_][a-z0-9]+)*$/i.test(l));
    if (unsupported.length) {
      throw invalid(`Attribute ${attributes[0]!.name} does not support request languages: ${unsupported.join(', ')}. Parley's models score English.`);
    }
  }
  if (body.spanAnnotations !== undefined && typeof body.spanAnnotations !== 'boolean') throw invalid('spanAnnotations must be true or false.');
  if (body.clientToken !== undefined && typeof body.clientToken !== 'string') throw invalid('clientToken must be a string.');

  // context.entries and context.articleAndParentComment: the article and thread, for UNSUBSTANTIAL.
  const context: string[] = [];
  if (isObject(body.context)) {
    const entries = Array.isArray(body.context.entries) ? body.context.entries : [];
    for (const e of entries) if (isObject(e) && typeof e.text === 'string') context.push(e.text);
    const ap = body.context.articleAndParentComment;
    if (isObject(ap)) for (const k of ['article', 'parentComment']) {
      const e = ap[k];
      if (isObject(e) && typeof e.text === 'string') context.push(e.text);
    }
  }
  const raw = comment.text;
  return {
    text: type === 'HTML' ? htmlToText(raw) : raw,
    attributes,
    languages,
    spanAnnotations: body.spanAnnotations === true,
    clientToken: body.clientToken as string | undefined,
    context,
  };
}

/** Sentences (with their offsets), the resolution Perspective's span annotations use. */
export function sentences(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(/[^.!?\n]+(?:[.!?]+|$)/gu)) {
    const lead = m[0].length - m[0].trimStart().length;
    const begin = m.index + lead;
    const end = m.index + m[0].trimEnd().length;
    if (end > begin) out.push([begin, end]);
  }
  return out.length ? out : [[0, text.length]];
}

function scoreText(text: string, context: string[]): Scores {
  const story = context.length ? { title: '', body: context.join('\n') } : null;
  const result = moderateComment(standaloneInput(text, { mode: 'auto', story }));
  // Scores of 0 from broken models would read as "harmless": answer that scoring is unavailable.
  const failure = result.reasons.find((r) => r.label === 'model_error');
  if (failure) throw new GoogleError(503, 'UNAVAILABLE', failure.detail ?? 'The models could not score this comment.');
  return result.scores;
}

const probability = (value: number) => ({ value: Math.round(value * 1e6) / 1e6, type: 'PROBABILITY' as const });

export default async function routes(app: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  const trustedUntil = new Map<string, number>();

  async function keyIsValid(key: string | undefined): Promise<boolean> {
    if (!key) return false;
    const h = hashKey(key);
    const until = trustedUntil.get(h);
    if (until !== undefined && until > Date.now()) return true;
    const ok = await verifyApiKey(ctx.store.db, key);
    if (ok) trustedUntil.set(h, Date.now() + KEY_CACHE_MS);
    else trustedUntil.delete(h);
    return ok;
  }

  // Errors of this plugin's routes (bad JSON included) in Google's shape, not Parley's.
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof GoogleError) return sendGoogleError(reply, error);
    const status = error.statusCode ?? 500;
    if (status === 413) return sendGoogleError(reply, new GoogleError(413, 'INVALID_ARGUMENT', 'The request body is too large.'));
    if (status >= 400 && status < 500) {
      const message = error instanceof SyntaxError || error.code?.startsWith('FST_ERR_CTP') ? 'Invalid JSON payload received.' : error.message;
      return sendGoogleError(reply, new GoogleError(400, 'INVALID_ARGUMENT', message));
    }
    request.log.error({ err: error }, 'comments:analyze failed');
    return sendGoogleError(reply, new GoogleError(500, 'INTERNAL', 'Internal error encountered.'));
  });

  app.post('/v1alpha1/comments:analyze', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const headerKey = request.headers['x-goog-api-key'];
    const key = typeof query.key === 'string' ? query.key : typeof headerKey === 'string' ? headerKey : undefined;
    if (!(await keyIsValid(key))) {
      throw new GoogleError(403, 'PERMISSION_DENIED', key ? 'The API key is not valid. Create one with: parley apikey create --name <name>.' : 'The request is missing a valid API key (?key=…).');
    }
    const req = parseRequest(request.body);
    const summary = scoreText(req.text, req.context);
    // Without spanAnnotations one span covers the whole comment; with it, each sentence is scored on its own.
    const spans = req.spanAnnotations ? sentences(req.text) : [[0, req.text.length] as [number, number]];
    const spanScores = spans.length > 1 ? spans.map(([b, e]) => scoreText(req.text.slice(b, e), req.context)) : [summary];

    const attributeScores: Record<string, unknown> = {};
    for (const a of req.attributes) {
      const value = summary[a.label];
      if (a.threshold !== undefined && value < a.threshold) continue;
      attributeScores[a.name] = {
        spanScores: spans.map(([begin, end], i) => ({ begin, end, score: probability(spanScores[i]![a.label]) })),
        summaryScore: probability(value),
      };
    }
    return reply.send({
      attributeScores,
      languages: req.languages?.length ? req.languages : ['en'],
      detectedLanguages: ['en'],
      ...(req.clientToken !== undefined ? { clientToken: req.clientToken } : {}),
    });
  });
}
