// The OpenAPI 3.1 document of the public reader API, built from the zod schemas in schemas.ts.
import { z } from 'zod';
import { Comment, registry } from './schemas.js';

// A thread's items: comments, and placeholders for comments the reader may not see that have replies
// they may see (src/comments/public.ts RemovedComment). Posting and editing answer with a Comment only.
const RemovedComment: z.ZodType<unknown> = z
  .object({
    id: z.string(),
    site: z.string(),
    story: z.string(),
    parent: z.string().nullable(),
    depth: z.number().int(),
    createdAt: z.string().describe('ISO 8601'),
    status: z.literal('removed'),
    get replies() {
      return z.array(ThreadComment).optional();
    },
    replyCount: z.number().int(),
    moreReplies: z.string().nullable().optional().describe('Cursor for GET /api/v1/comments/{id}/replies.'),
  })
  .describe('Stands in for a comment the reader may not see (deleted, rejected, spam, or held for review again) that has replies they may see: no text, author or likes.');
const ThreadComment: z.ZodType<unknown> = z.union([Comment, RemovedComment]);
registry.add(RemovedComment, { id: 'RemovedComment' });
registry.add(ThreadComment, { id: 'ThreadComment' });

interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  items?: unknown;
  [keyword: string]: unknown;
}
const THREAD_ITEM = { $ref: '#/components/schemas/ThreadComment' };

/** Thread lists (a page, a page of replies, a comment's replies) hold ThreadComment items, not Comment. */
function threadItems(schemas: Record<string, JsonSchema>): void {
  schemas.ThreadReply.properties!.comments.items = THREAD_ITEM;
  schemas.RepliesReply.properties!.comments.items = THREAD_ITEM;
  schemas.CommentContextReply.properties!.ancestors.items = THREAD_ITEM;
  schemas.Comment.properties!.replies.items = THREAD_ITEM;
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string, description: string) => ({ description, content: { 'application/json': { schema: ref(id) } } });
const error = (description: string) => json('Error', description);
const q = (name: string, description: string, required = false, schema: object = { type: 'string' }) => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});
const header = (name: string, description: string) => ({ name, in: 'header', required: false, description, schema: { type: 'string' } });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const AUTHOR = header('X-Parley-Author', 'The author token returned when posting.');
const READER = header('X-Parley-Reader', 'Anonymous reader id (likes).');

let cached: object | undefined;

export function openApiDocument(): object {
  if (cached) return cached;
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' }) as {
    schemas: Record<string, JsonSchema>;
  };
  for (const s of Object.values(schemas)) {
    delete s.$schema;
    delete s.$id;
  }
  threadItems(schemas);
  cached = {
    openapi: '3.1.0',
    info: { title: 'Parley public API', version: '1', description: 'Reader API of Parley. Errors are { error } with a 4xx status.' },
    paths: {
      '/api/v1/comments': {
        post: {
          summary: 'Post a comment (fixed contract)',
          parameters: [AUTHOR],
          requestBody: { required: true, content: { 'application/json': { schema: ref('PostCommentBody') } } },
          responses: {
            201: json('PostCommentReply', 'Stored; status says whether it is published or waits for review.'),
            400: json('ValidationError', 'One message per bad field.'),
            403: error('The request’s Origin is not allowed for this site.'),
            413: error('The request body is too large.'),
            422: json('NudgeReply', 'Nothing stored: the author may edit, or post again with acknowledgeNudge: true.'),
          },
        },
        get: {
          summary: 'The approved thread of a story (fixed contract)',
          parameters: [
            q('site', 'Site slug', true),
            q('story', 'Story id or canonical URL', true),
            q('sort', "Order of top-level comments; featured: only the editors' picks, newest pick first, flat (replies not nested)", false, { type: 'string', enum: ['oldest', 'newest', 'liked', 'featured'], default: 'oldest' }),
            q('limit', 'Top-level comments per page', false, { type: 'integer', minimum: 1, maximum: 100, default: 50 }),
            q('cursor', 'nextCursor of the previous page'),
            AUTHOR,
            READER,
          ],
          responses: {
            200: json('ThreadReply', 'A page of the thread (ETag, Cache-Control).'),
            304: { description: 'Unchanged since the ETag in If-None-Match.' },
            400: error('Bad parameter.'),
            403: error('Origin not allowed.'),
            404: error('Unknown site or story.'),
          },
        },
      },
      '/api/v1/comments/{id}/replies': {
        get: {
          summary: 'Load more replies of one comment',
          parameters: [idParam, q('cursor', 'moreReplies / nextCursor'), q('limit', 'Replies per page', false, { type: 'integer', minimum: 1, maximum: 100, default: 20 }), AUTHOR, READER],
          responses: { 200: json('RepliesReply', 'Direct replies, each with its own replies nested.'), 404: error('Unknown comment.') },
        },
      },
      '/api/v1/comments/{id}/context': {
        get: {
          summary: 'One comment and the comments it answers (for #comment-<id> links)',
          parameters: [idParam, AUTHOR, READER],
          responses: {
            200: json('CommentContextReply', 'The comment and its ancestors, top-level first (ETag, Cache-Control).'),
            304: { description: 'Unchanged since the ETag in If-None-Match.' },
            403: error('Origin not allowed.'),
            404: error('Unknown comment, or one the caller may not see: "This comment is not available."'),
          },
        },
      },
      '/api/v1/comments/{id}': {
        patch: {
          summary: 'Edit one’s own comment within the edit window',
          parameters: [idParam, AUTHOR],
          requestBody: { required: true, content: { 'application/json': { schema: ref('EditCommentBody') } } },
          responses: {
            200: json('EditCommentReply', 'Edited (moderated again).'),
            400: json('ValidationError', 'Bad body.'),
            403: error('Not your comment.'),
            404: error('Unknown comment.'),
            409: error('The edit window has closed.'),
            422: json('NudgeReply', 'Nudge: nothing changed.'),
          },
        },
        delete: {
          summary: 'Delete one’s own comment within the edit window',
          parameters: [idParam, AUTHOR],
          responses: { 200: { description: 'Deleted.' }, 403: error('Not your comment.'), 404: error('Unknown comment.'), 409: error('The edit window has closed.') },
        },
      },
      '/api/v1/comments/{id}/likes': {
        post: { summary: 'Like', parameters: [idParam, READER], responses: { 200: json('LikeReply', 'Current likes.'), 400: error('No reader id.'), 404: error('Unknown comment.') } },
        delete: { summary: 'Unlike', parameters: [idParam, READER], responses: { 200: json('LikeReply', 'Current likes.'), 400: error('No reader id.'), 404: error('Unknown comment.') } },
      },
      '/api/v1/comments/{id}/reports': {
        post: {
          summary: 'Report a comment to the moderators',
          parameters: [idParam, READER],
          requestBody: { required: true, content: { 'application/json': { schema: ref('ReportBody') } } },
          responses: { 201: { description: 'Reported.' }, 400: json('ValidationError', 'No reason.'), 404: error('Unknown comment.') },
        },
      },
      '/api/v1/counts': {
        get: {
          summary: 'Approved comment counts of up to 100 stories (fixed contract)',
          parameters: [q('site', 'Site slug', true), { ...q('story', 'Story id or canonical URL; repeat up to 100 times', true), schema: { type: 'array', items: { type: 'string' }, maxItems: 100 }, style: 'form', explode: true }],
          responses: { 200: json('CountsReply', 'Unknown stories count 0 (ETag, Cache-Control).'), 304: { description: 'Unchanged.' }, 400: error('No story, or more than 100.'), 404: error('Unknown site.') },
        },
      },
      '/api/v1/stream': {
        get: {
          summary: 'Server-sent events: `event: comment` (data: Comment) when a comment is published; `event: ping` every 25 s',
          parameters: [q('site', 'Site slug', true), q('story', 'Story id or canonical URL', true)],
          responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, 404: error('Unknown site or story.') },
        },
      },
      '/api/v1/unsubscribe': {
        get: {
          summary: 'The unsubscribe link of reply e-mails: a small HTML page that asks (a button that POSTs), so link scanners unsubscribe no one',
          parameters: [q('token', 'The token from the e-mail', true)],
          responses: { 200: { description: 'text/html: the question (or: already unsubscribed)' }, 404: { description: 'text/html: unknown token' } },
        },
        post: {
          summary: 'Unsubscribe from reply e-mails: the page\'s button, or one-click from a mail client (RFC 8058, List-Unsubscribe-Post)',
          parameters: [q('token', 'The token from the e-mail', true)],
          responses: { 200: { description: 'text/html: unsubscribed (or already)' }, 404: { description: 'text/html: unknown token' } },
        },
      },
      '/health': { get: { summary: 'Ready', responses: { 200: { description: '{ ok: true }' } } } },
    },
    components: { schemas },
  };
  return cached;
}
