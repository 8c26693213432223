// The public API's shapes as zod schemas: the single source for the OpenAPI document.
// (Posting validates field by field in src/comments/validate.ts to give one sentence per field.)
import { z } from 'zod';

export const registry = z.registry<{ id: string }>();

const STATUS = z.enum(['pending', 'approved', 'rejected', 'spam', 'deleted']);
const MODE = z.enum(['premod', 'auto', 'postmod']);

export const ErrorReply = z.object({ error: z.string().describe('A sentence a reader understands.') });
registry.add(ErrorReply, { id: 'Error' });

export const ValidationErrorReply = z.object({
  error: z.string(),
  errors: z.record(z.string(), z.string()).describe('Field name → message, e.g. { "body": "Please enter your comment." }'),
});
registry.add(ValidationErrorReply, { id: 'ValidationError' });

export const Comment: z.ZodType<unknown> = z.object({
  id: z.string(),
  site: z.string(),
  story: z.string(),
  parent: z.string().nullable(),
  depth: z.number().int(),
  author: z.object({ name: z.string(), website: z.string().nullable() }).describe('Never an email.'),
  html: z.string().describe('Sanitized HTML rendered from the Markdown subset.'),
  createdAt: z.string().describe('ISO 8601'),
  editedAt: z.string().nullable(),
  likes: z.number().int(),
  likedByMe: z.boolean().optional(),
  status: STATUS,
  featured: z.boolean().describe("An editors' pick, chosen by a moderator (who chose it is not shown)."),
  own: z.boolean().optional().describe('True when X-Parley-Author matches the author.'),
  get replies() {
    return z.array(Comment).optional();
  },
  replyCount: z.number().int(),
  moreReplies: z.string().nullable().optional().describe('Cursor for GET /api/v1/comments/{id}/replies.'),
});
registry.add(Comment, { id: 'Comment' });

export const SiteInfo = z.object({
  id: z.string(),
  name: z.string(),
  policy: z.string(),
  depthLimit: z.number().int(),
  maxLength: z.number().int(),
  editWindowSeconds: z.number().int(),
  replyNotifications: z.boolean().describe('True when this server sends e-mail: posting may ask for notifyReplies.'),
});
registry.add(SiteInfo, { id: 'SiteInfo' });

export const StoryInfo = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  open: z.boolean(),
  mode: MODE,
  count: z.number().int(),
});
registry.add(StoryInfo, { id: 'StoryInfo' });

export const PostCommentBody = z.object({
  site: z.string().describe('Site slug, e.g. "demo".'),
  story: z.string().describe('Story id within the site, or its canonical URL.'),
  parent: z.string().nullable().optional().describe('Id of the comment replied to.'),
  name: z.string().max(100),
  email: z.string().describe('Stored, never returned by a public endpoint.'),
  website: z.string().nullable().optional(),
  body: z.string().describe('Markdown subset; at most the site’s maxLength characters (default 5,000).'),
  honeypot: z.string().optional().describe('Hidden field; leave empty.'),
  acknowledgeNudge: z.boolean().optional(),
  notifyReplies: z.boolean().optional().describe('E-mail the author when a reply becomes public (needs email; one-click unsubscribe).'),
});
registry.add(PostCommentBody, { id: 'PostCommentBody' });

export const PostCommentReply = z.object({
  comment: Comment,
  status: z.enum(['pending', 'approved', 'rejected', 'spam']),
  authorToken: z.string().describe('Keep it (localStorage) and send it as X-Parley-Author.'),
  notifyReplies: z.boolean().describe('True when reply e-mails were asked for and this server sends mail.'),
});
registry.add(PostCommentReply, { id: 'PostCommentReply' });

export const NudgeReply = z.object({
  error: z.string(),
  nudge: z.object({
    message: z.string(),
    reasons: z.array(z.object({ label: z.string(), score: z.number(), spans: z.array(z.tuple([z.number(), z.number()])) })),
  }),
});
registry.add(NudgeReply, { id: 'NudgeReply' });

export const ThreadReply = z.object({
  site: SiteInfo,
  story: StoryInfo,
  total: z.number().int().describe('Approved comments on the story.'),
  featuredCount: z.number().int().describe("Editors' picks on the story (sort=featured lists them)."),
  comments: z.array(Comment),
  nextCursor: z.string().nullable(),
});
registry.add(ThreadReply, { id: 'ThreadReply' });

export const RepliesReply = z.object({ comments: z.array(Comment), nextCursor: z.string().nullable() });
registry.add(RepliesReply, { id: 'RepliesReply' });

export const CommentContextReply = z.object({
  comment: Comment,
  ancestors: z.array(Comment).describe('From the top-level comment down to the parent; each a Comment or a RemovedComment placeholder.'),
});
registry.add(CommentContextReply, { id: 'CommentContextReply' });

export const CountsReply = z.object({ counts: z.record(z.string(), z.number().int()) });
registry.add(CountsReply, { id: 'CountsReply' });

export const EditCommentBody = z.object({ body: z.string(), acknowledgeNudge: z.boolean().optional() });
registry.add(EditCommentBody, { id: 'EditCommentBody' });

export const EditCommentReply = z.object({ comment: Comment, status: STATUS });
registry.add(EditCommentReply, { id: 'EditCommentReply' });

export const LikeReply = z.object({ likes: z.number().int(), liked: z.boolean() });
registry.add(LikeReply, { id: 'LikeReply' });

export const ReportBody = z.object({ reason: z.string().max(500) });
registry.add(ReportBody, { id: 'ReportBody' });
