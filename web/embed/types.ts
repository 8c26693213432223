// The shapes of docs/api.md that the embed reads.

export type Status = 'approved' | 'pending' | 'rejected' | 'spam' | 'deleted';

export interface Comment {
  id: string;
  site: string;
  story: string;
  parent: string | null;
  depth: number;
  author: { name: string; website: string | null };
  html: string;
  createdAt: string;
  editedAt: string | null;
  likes: number;
  likedByMe?: boolean;
  status: Status;
  own?: boolean;
  replies?: Comment[];
  replyCount: number;
  moreReplies?: string | null;
}

export interface SiteInfo {
  id: string;
  name: string;
  policy: string;
  depthLimit: number;
  maxLength: number;
  editWindowSeconds: number;
}

export interface StoryInfo {
  id: string;
  title: string;
  url: string | null;
  open: boolean;
  mode: 'premod' | 'auto' | 'postmod';
  count: number;
}

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
