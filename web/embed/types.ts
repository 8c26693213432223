// The shapes of docs/api.md that the embed reads.

// Type-only imports: the server's own shapes, so the embed cannot drift from the API (erased by esbuild).
import type { CommentStatus } from '../../src/moderation/types.js';
import type { PublicComment, RemovedComment, ThreadComment } from '../../src/comments/public.js';
import type { SiteInfo } from '../../src/sites/index.js';
import type { StoryInfo } from '../../src/stories/index.js';

export type Status = CommentStatus;
export type Comment = PublicComment;
/** A thread holds comments and placeholders (status 'removed') that keep visible replies in place. */
export type { RemovedComment, ThreadComment };
export type { SiteInfo, StoryInfo };

export interface Thread {
  site: SiteInfo;
  story: StoryInfo;
  total: number;
  comments: ThreadComment[];
  nextCursor: string | null;
  /** Editors' picks on the story (sort=featured lists them). */
  featuredCount: number;
}

/** GET /api/v1/comments/:id/context: a comment and those it answers, top-level first. */
export interface CommentContext {
  comment: Comment;
  ancestors: ThreadComment[];
}

export interface NudgeReason {
  label: string;
  score: number;
  spans: [number, number][];
}

export interface Nudge {
  message: string;
  reasons: NudgeReason[];
}

export type Sort = 'oldest' | 'newest' | 'liked';
/** What the thread shows: a sort of the whole thread, or only the editors' picks. */
export type ThreadView = Sort | 'featured';

export interface NewComment {
  site: string;
  story: string;
  parent?: string;
  name: string;
  email: string;
  website?: string;
  body: string;
  honeypot?: string;
  acknowledgeNudge?: boolean;
  /** E-mail me when a reply to this comment is published (only where SiteInfo.replyNotifications). */
  notifyReplies?: boolean;
}

/** A post or an edit the server did not store: field errors, a nudge, or anything else (its message). */
export type RefusedWrite =
  | { kind: 'invalid'; error: string; errors: Record<string, string> }
  | { kind: 'nudge'; error: string; nudge: Nudge }
  | { kind: 'failed'; error: string; httpStatus?: number };

/** What posting answered, reduced to the cases the form handles. */
export type PostResult = { kind: 'created'; comment: Comment; status: Status; notifyReplies: boolean } | RefusedWrite;

/** What saving an edit of one's own comment answered (PATCH /api/v1/comments/:id). */
export type EditResult = { kind: 'edited'; comment: Comment; status: Status } | RefusedWrite;

/** What deleting one's own comment answered; `httpStatus` 409 means the edit window has closed. */
export type DeleteResult = { ok: true } | { ok: false; error: string; httpStatus?: number };
