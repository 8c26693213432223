// The shapes of docs/api.md that the embed reads.

// Type-only imports: the server's own shapes, so the embed cannot drift from the API (erased by esbuild).
import type { CommentStatus } from '../../src/moderation/types.js';
import type { PublicComment } from '../../src/comments/public.js';
import type { SiteInfo } from '../../src/sites/index.js';
import type { StoryInfo } from '../../src/stories/index.js';

export type Status = CommentStatus;
export type Comment = PublicComment;
export type { SiteInfo, StoryInfo };

export interface Thread {
  site: SiteInfo;
  story: StoryInfo;
  total: number;
  comments: Comment[];
  nextCursor: string | null;
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
}

/** What posting answered, reduced to the cases the form handles. */
export type PostResult =
  | { kind: 'created'; comment: Comment; status: Status }
  | { kind: 'invalid'; error: string; errors: Record<string, string> }
  | { kind: 'nudge'; error: string; nudge: Nudge }
  | { kind: 'failed'; error: string };
