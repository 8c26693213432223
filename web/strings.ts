// Every word the reader embed shows, in one table, so a site can translate it.
// A site overrides any of them before loading /embed.js:
//   <script>window.ParleyStrings = { postComment: 'Kommentar senden', locale: 'de' }</script>
// Placeholders in braces ({n}, {title}, {name}) are filled in by `format`.

export const embedStrings = {
  locale: 'en',
  headingNone: 'No comments yet on ‘{title}’',
  headingOne: '1 thought on ‘{title}’',
  headingMany: '{n} thoughts on ‘{title}’',
  policyTitle: 'Our comments policy',
  loading: 'Loading comments…',
  loadFailed: 'The comments could not be loaded. Please try again later.',
  retry: 'Try again',
  empty: 'Be the first to share your thoughts.',
  sortLabel: 'Sort by',
  sortOldest: 'Oldest first',
  sortNewest: 'Newest first',
  sortLiked: 'Most liked',
  loadMore: 'Load more comments',
  loadMoreReplies: 'Show more replies',
  reply: 'Reply',
  replyTo: 'Reply to {name}',
  cancelReply: 'Cancel reply',
  like: 'Like',
  liked: 'Liked',
  likedByOne: 'Liked by 1 person',
  likedByMany: 'Liked by {n} people',
  edited: 'edited',
  report: 'Report',
  reportTitle: 'Report this comment to the moderators',
  reportWhy: 'What is wrong with it?',
  reportSpam: 'Spam or advertising',
  reportAbuse: 'Abusive or harassing',
  reportOffTopic: 'Off topic',
  reportOther: 'Something else',
  reportSend: 'Send report',
  reportCancel: 'Cancel',
  reportThanks: 'Thank you. Our moderators will take a look.',
  reportFailed: 'The report could not be sent. Please try again.',
  awaiting: 'Your comment is awaiting moderation.',
  published: 'Your comment is published.',
  notPublished: 'Your comment was not published because it breaks our comments policy.',
  formTitle: 'Leave a Reply',
  requiredNote: 'Your email address will not be published. Required fields are marked *',
  name: 'Name',
  email: 'Email',
  website: 'Website',
  comment: 'Comment',
  honeypot: 'Leave this field empty',
  postComment: 'Post Comment',
  posting: 'Posting…',
  closed: 'Comments are closed.',
  networkError: 'Your comment could not be sent. Please check your connection and try again.',
  nudgeTitle: 'Would you like to rephrase?',
  nudgeExplain: 'We ask everyone to criticise ideas, not people: the highlighted words may come across as a personal attack.',
  nudgeFlagged: 'The words that raised this:',
  nudgeEdit: 'Edit my comment',
  nudgePostAnyway: 'Post anyway',
  nudgeAnywayNote: 'If you post anyway, a moderator will review your comment before it appears.',
  newComment: 'New comment from {name}.',
  newComments: '{n} new comments.',
  timeAgoNow: 'just now',
};

export type EmbedStrings = typeof embedStrings;

/** Fills `{key}` placeholders; values are inserted as plain text by the caller's renderer. */
export function format(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}

/** The table with a site's overrides (window.ParleyStrings) applied; unknown keys are ignored. */
export function siteStrings(overrides: unknown): EmbedStrings {
  const merged = { ...embedStrings };
  if (overrides && typeof overrides === 'object') {
    for (const key of Object.keys(embedStrings) as (keyof EmbedStrings)[]) {
      const value = (overrides as Record<string, unknown>)[key];
      if (typeof value === 'string') merged[key] = value;
    }
  }
  return merged;
}

// The moderator dashboard's words (English only for now, but kept out of the components too).
export const adminStrings = {
  title: 'Parley moderation',
  signIn: 'Sign in',
  signOut: 'Sign out',
  email: 'Email',
  password: 'Password',
  signingIn: 'Signing in…',
  site: 'Site',
  queues: 'Queues',
  pending: 'Pending',
  reported: 'Reported',
  approved: 'Approved',
  rejected: 'Rejected',
  spam: 'Spam',
  stories: 'Stories',
  settings: 'Site settings',
  audit: 'Audit log',
  stats: 'Stats',
  approve: 'Approve',
  reject: 'Reject',
  markSpam: 'Spam',
  undo: 'Undo',
  empty: 'Nothing here. Well done.',
  loadMore: 'Load more',
  history: 'History',
  reports: 'Reports',
  risk: 'Risk',
  onStory: 'on',
  selected: '{n} selected',
  selectAuthor: 'All pending from this author',
  authorBatch: 'All pending comments from {email}',
  clearSelection: 'Clear',
  shortcuts: 'Keys: j/k move · a approve · r reject · s spam · u undo · x select',
  undone: 'Undone.',
  done: '{action}: {n} comment(s).',
  save: 'Save',
  saved: 'Saved.',
  close: 'Close comments',
  open: 'Open comments',
  mode: 'Moderation mode',
  premod: 'Pre-moderation: every comment waits',
  auto: 'Automatic: the engine decides',
  postmod: 'Post-moderation: publish, review later',
  name: 'Name',
  policy: 'Comments policy (shown above the comments)',
  origins: 'Allowed origins (one per line)',
  depthLimit: 'Reply depth limit',
  maxLength: 'Maximum comment length',
  editWindow: 'Edit window (seconds)',
  reviewThreshold: 'Review threshold (0–1)',
  rejectThreshold: 'Reject threshold (0–1)',
  bannedWords: 'Banned words (one per line, rejected)',
  suspectWords: 'Suspect words (one per line, held for review)',
  perDay: 'Comments per day',
  byReason: 'Decisions by reason',
  noData: 'No data yet.',
  storyTitle: 'Title',
  storyStatus: 'Comments',
  storyMode: 'Mode',
  siteDefault: 'Site default',
  openLabel: 'Open',
  closedLabel: 'Closed',
  when: 'When',
  who: 'Who',
  action: 'Action',
  comment: 'Comment',
  change: 'Change',
  reason: 'Reason',
};
