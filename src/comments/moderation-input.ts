// Gathers what the moderation engine needs about a comment from the store: the author's history
// (by email, author token and address), the story, the thread around it, and the site's policy.
import { sql } from 'kysely';
import type { Db } from '../store/db.js';
import { preparedQuery } from '../store/prepared.js';
import { moderateComment } from '../moderation/index.js';
import { LABELS, type ModerationInput, type ModerationResult, type AuthorHistory, type Scores } from '../moderation/types.js';
import type { Site } from '../sites/index.js';
import { sitePolicy } from '../sites/settings.js';
import type { Story } from '../stories/index.js';

const RECENT_BY_AUTHOR = 10;
const RECENT_IN_THREAD = 5;
const ADDRESS_WINDOW_MS = 10 * 60 * 1000;
/** Counting stops here: a burst is a burst, and a busy shared address must not make every post slower. */
const ADDRESS_COUNT_CAP = 100;

export interface ModerationSubject {
  site: Site;
  story: Story;
  text: string;
  authorName: string;
  email: string;
  website: string | null;
  tokenHash: string | null;
  ipHash: string | null;
  parentBody: string | null;
  nudgeAcknowledged: boolean;
  /** When editing: leave the comment itself out of its author's history. */
  excludeCommentId?: string;
}

export async function authorHistory(
  db: Db,
  site: string,
  who: { email: string; tokenHash: string | null; ipHash: string | null; excludeCommentId?: string },
): Promise<AuthorHistory> {
  const exclude = who.excludeCommentId ?? '';
  const [counts, recent, fromAddress] = await Promise.all([
    countsByStatus(db, site, who.email, exclude),
    // By email and by token separately: two narrow index reads beat one OR the planner may scan for.
    Promise.all([
      recentBy(db, site, 'author_email', who.email, exclude),
      who.tokenHash ? recentBy(db, site, 'author_token_hash', who.tokenHash, exclude) : Promise.resolve([]),
    ]).then(([byEmail, byToken]) => {
      const seen = new Set<string>();
      return [...byEmail, ...byToken]
        .filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)))
        .sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0))
        .slice(0, RECENT_BY_AUTHOR);
    }),
    who.ipHash
      ? countFromAddress(db, who.ipHash, new Date(Date.now() - ADDRESS_WINDOW_MS).toISOString()).then((rows) => rows[0])
      : Promise.resolve({ n: 0 }),
  ]);
  const byStatus = counts[0];
  return {
    approved: Number(byStatus?.approved ?? 0),
    rejected: Number(byStatus?.rejected ?? 0),
    spam: Number(byStatus?.spam ?? 0),
    pending: Number(byStatus?.pending ?? 0),
    banned: false,
    recent: recent.map((r) => ({ text: r.body, createdAt: new Date(r.created_at) })),
    recentFromAddress: Number(fromAddress?.n ?? 0),
  };
}

// The queries every post makes, compiled once (see store/prepared.ts).
// One row of counts, no GROUP BY: grouping by status lets the planner pick the (site_id, status) index
// to avoid a sort, and then it reads every comment of the site for each post. Without it, the author's
// own (site_id, author_email) index is the only sensible choice.
const countByStatus = (status: string) => sql<number>`coalesce(sum(case when status = ${sql.lit(status)} then 1 else 0 end), 0)`;
const countsByStatus = preparedQuery(3, (db, site, email, exclude) =>
  db
    .selectFrom('comments')
    .select([
      countByStatus('approved').as('approved'),
      countByStatus('rejected').as('rejected'),
      countByStatus('spam').as('spam'),
      countByStatus('pending').as('pending'),
    ])
    .where('site_id', '=', site)
    .where('author_email', '=', email)
    .where('id', '!=', exclude),
);

const recentByColumn = (column: 'author_email' | 'author_token_hash') =>
  preparedQuery(3, (db, site, value, exclude) =>
    db
      .selectFrom('comments')
      .select(['id', 'body', 'created_at'])
      .where('site_id', '=', site)
      .where(column, '=', value)
      .where('id', '!=', exclude)
      .orderBy('created_at', 'desc')
      .limit(RECENT_BY_AUTHOR),
  );
const recentByEmail = recentByColumn('author_email');
const recentByToken = recentByColumn('author_token_hash');

function recentBy(db: Db, site: string, column: 'author_email' | 'author_token_hash', value: string, exclude: string) {
  return (column === 'author_email' ? recentByEmail : recentByToken)(db, site, value, exclude);
}

const countFromAddress = preparedQuery(2, (db, ipHash, since) =>
  db
    .selectFrom(
      db
        .selectFrom('comments')
        // A constant, so SQLite answers from the (ip_hash, created_at) index alone.
        .select(sql<number>`1`.as('one'))
        .where('ip_hash', '=', ipHash)
        .where('created_at', '>=', since)
        .limit(ADDRESS_COUNT_CAP)
        .as('recent_from_address'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n')),
);

const recentInThread = preparedQuery(2, (db, site, story) =>
  db
    .selectFrom('comments')
    .select('body')
    .where('site_id', '=', site)
    .where('story_id', '=', story)
    .where('status', '=', 'approved')
    .orderBy('created_at', 'desc')
    .limit(RECENT_IN_THREAD),
);

export async function buildModerationInput(db: Db, s: ModerationSubject): Promise<ModerationInput> {
  const [author, threadRows] = await Promise.all([
    authorHistory(db, s.site.id, { email: s.email, tokenHash: s.tokenHash, ipHash: s.ipHash, excludeCommentId: s.excludeCommentId }),
    recentInThread(db, s.site.id, s.story.id),
  ]);
  const thread = [...(s.parentBody ? [s.parentBody] : []), ...threadRows.map((r) => r.body)];
  return {
    comment: {
      text: s.text,
      authorName: s.authorName,
      website: s.website,
      createdAt: new Date(),
      nudgeAcknowledged: s.nudgeAcknowledged,
    },
    author,
    story: { title: s.story.title, body: s.story.body, url: s.story.url, mode: s.story.mode },
    thread,
    policy: sitePolicy(s.site.settings, s.story.mode),
  };
}

/** What is stored in comments.moderation. */
export function moderationJson(result: ModerationResult, nudgeAcknowledged: boolean): string {
  return JSON.stringify({
    decision: result.decision,
    scores: result.scores,
    reasons: result.reasons,
    trail: result.trail,
    flagged: result.flagged,
    risk: result.risk,
    ...(nudgeAcknowledged ? { nudgeAcknowledged: true } : {}),
  });
}

/**
 * Runs the moderation entry point. If the engine itself fails (a bug, a missing model file), the
 * comment is not lost and not published unchecked: it waits for a human, with the failure noted.
 */
export function moderateSafely(input: ModerationInput, log?: { error(obj: object, msg: string): void }): ModerationResult {
  try {
    return moderateComment(input);
  } catch (err) {
    log?.error({ err }, 'moderation engine failed; holding the comment for review');
    const scores = Object.fromEntries(LABELS.map((l) => [l, 0])) as Scores;
    return {
      decision: 'review',
      status: 'pending',
      scores,
      reasons: [{ label: 'engine_error', score: 1, spans: [], detail: 'The moderation engine failed on this comment; a moderator must decide.' }],
      risk: 0.5,
      flagged: true,
      trail: ['engine_error'],
    };
  }
}
