// The contract between the comment domain and the moderation engine.
// The comment domain gathers context from the store; the engine is pure and synchronous.

export const LABELS = [
  'toxicity', 'severe_toxicity', 'attack', 'threat', 'hate', 'profanity', 'spam', 'off_topic', 'unsubstantial',
] as const;
export type Label = (typeof LABELS)[number];
export type Scores = Record<Label, number>;

export type Decision = 'publish' | 'review' | 'reject';
export type ModerationMode = 'premod' | 'auto' | 'postmod';
export type CommentStatus = 'pending' | 'approved' | 'rejected' | 'spam' | 'deleted';

/** A half-open character range [start, end) in the comment's original text. */
export type Span = [number, number];

export interface Reason {
  label: string; // a Label, or a phase-specific one such as 'banned_word', 'repeat', 'burst', 'link'
  score: number;
  spans: Span[];
  detail?: string; // one sentence a moderator understands
}

export interface Thresholds {
  /** At or above: hold for review (auto) / flag (postmod). */
  review: number;
  /** At or above: reject outright (auto). */
  reject: number;
}

export interface SitePolicy {
  mode: ModerationMode;
  thresholds: Thresholds;
  bannedWords: string[]; // → reject
  suspectWords: string[]; // → review
  maxLinks: number;
}

export interface AuthorHistory {
  approved: number;
  rejected: number;
  spam: number;
  pending: number;
  banned: boolean;
  /** This author's recent comments (same email or author token), newest first. */
  recent: { text: string; createdAt: Date }[];
  /** Comments from the same network address in the last 10 minutes. */
  recentFromAddress: number;
  /** No history is known at all (text scored on its own, e.g. `parley classify`): trust is not judged. */
  unknown?: boolean;
}

export interface ModerationInput {
  comment: {
    text: string;
    authorName?: string;
    website?: string | null;
    createdAt: Date;
    /** The author already saw the nudge and chose to post anyway. */
    nudgeAcknowledged?: boolean;
  };
  author: AuthorHistory;
  story: { title: string; body?: string | null; url?: string | null; mode?: ModerationMode | null };
  /** Text of the parent comment and a few recent comments of the thread, for relevance. */
  thread?: string[];
  policy: SitePolicy;
}

export interface Nudge {
  message: string;
  reasons: Reason[];
}

export interface ModerationResult {
  decision: Decision;
  /** The status to store: publish → approved, review → pending, reject → rejected or spam. */
  status: CommentStatus;
  scores: Scores;
  reasons: Reason[];
  /** 0..1, orders the Pending queue (highest first). */
  risk: number;
  /** Set when the author should be asked to edit before anything is stored (auto mode, incivility only). */
  nudge?: Nudge;
  /** postmod: published but flagged for a moderator's look. */
  flagged: boolean;
  /** The phases that ran, in order; the last one ended the run when it decided. */
  trail: string[];
}

export const DEFAULT_POLICY: SitePolicy = {
  mode: 'premod',
  thresholds: { review: 0.5, reject: 0.9 },
  bannedWords: [],
  suspectWords: [],
  maxLinks: 2,
};
