// Akismet beside Parley's pipeline: asking about a new or edited comment, folding the answer into the
// moderation result, remembering what was sent, and telling Akismet when a moderator disagrees with
// it. Parley's own decision is the core; Akismet can only move a comment to 'spam', and when it is
// slow, down or confused, nothing changes.
import pino from 'pino';
import type { Db } from '../store/db.js';
import type { ModerationResult, Reason } from '../moderation/types.js';
import { findSite, type Site } from '../sites/index.js';
import { findStory, type Story } from '../stories/index.js';
import { nowIso } from '../time.js';
import { akismetClient, type AkismetCommentFields, type AkismetVerdict, type WarnLog } from './akismet.js';
import { findChecks, forgetCheck, recordCheck, setCheckVerdict, type AkismetCheck } from './checks.js';

/** What the HTTP layer saw of the author's request. */
export interface AkismetRequest {
  ip?: string;
  userAgent?: string;
  referrer?: string;
  /** This server's own origin: the site's address when it names no origin of its own (the demo). */
  ownOrigin?: string;
}

export interface AkismetSubject {
  site: Site;
  story: Story;
  body: string;
  authorName: string;
  email: string;
  website: string | null;
  isReply: boolean;
  createdAt: string;
  /** Set when an edited comment is checked again (Akismet's recheck_reason). */
  recheckReason?: string;
}

/** Akismet's answer and what was sent with it, to be remembered once the comment is stored. */
export interface AkismetAnswer {
  verdict: AkismetVerdict;
  userIp: string;
  userAgent: string | null;
  referrer: string | null;
  blog: string;
}

type Log = WarnLog & { error(obj: object, msg: string): void };

const AKISMET_REASON: Record<'spam' | 'discard', Reason> = {
  spam: { label: 'akismet', score: 1, spans: [], detail: 'Akismet says this is spam.' },
  discard: { label: 'akismet', score: 1, spans: [], detail: 'Akismet marked this as blatant spam.' },
};

/** The site's front page as Akismet wants it: its first allowed origin, else the story's, else this server. */
export function akismetBlog(site: Pick<Site, 'settings'>, story: Pick<Story, 'url'> | null, ownOrigin?: string): string {
  const storyOrigin = story?.url ? safeOrigin(story.url) : null;
  return `${site.settings.allowedOrigins[0] ?? storyOrigin ?? ownOrigin ?? 'http://localhost'}/`;
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function commentFields(s: AkismetSubject, sent: Omit<AkismetAnswer, 'verdict'>): AkismetCommentFields {
  return {
    blog: sent.blog,
    user_ip: sent.userIp,
    user_agent: sent.userAgent ?? '',
    referrer: sent.referrer ?? '',
    permalink: s.story.url ?? undefined,
    comment_type: s.isReply ? 'reply' : 'comment',
    comment_author: s.authorName,
    comment_author_email: s.email,
    comment_author_url: s.website ?? undefined,
    comment_content: s.body,
    comment_date_gmt: s.createdAt,
    // blog_lang is left out: a Parley site does not say which language its readers write in.
    blog_charset: 'UTF-8',
    recheck_reason: s.recheckReason,
  };
}

/**
 * Asks Akismet about a comment Parley's pipeline has judged, when the site has a key. null when it
 * was not asked: no key, no client address (Akismet requires one), or Parley already refused the
 * comment — then Akismet's answer could not change the outcome, and the author's address and text
 * need not go to a third party.
 */
export async function askAkismet(
  subject: AkismetSubject,
  result: ModerationResult,
  request: AkismetRequest,
  log: Log,
): Promise<AkismetAnswer | null> {
  const key = subject.site.settings.akismetKey;
  if (!key || !request.ip || result.decision === 'reject') return null;
  const sent = {
    userIp: request.ip,
    userAgent: request.userAgent ?? null,
    referrer: request.referrer ?? null,
    blog: akismetBlog(subject.site, subject.story, request.ownOrigin),
  };
  const verdict = await akismetClient(log).checkComment(key, commentFields(subject, sent));
  return { verdict, ...sent };
}

/** Parley's result with Akismet's opinion: spam (or blatant spam) is held as 'spam'; otherwise unchanged. */
export function withAkismetVerdict(result: ModerationResult, answer: AkismetAnswer | null): ModerationResult {
  const verdict = answer?.verdict;
  if ((verdict !== 'spam' && verdict !== 'discard') || result.decision === 'reject') return result;
  return {
    ...result,
    decision: 'reject',
    status: 'spam',
    reasons: [...result.reasons, { ...AKISMET_REASON[verdict] }],
    flagged: false,
    trail: [...result.trail, 'akismet'],
  };
}

/**
 * Remembers what was sent with a verdict (for later feedback), after the comment is stored. An edit
 * Akismet gave no verdict on drops the old one. Never throws: the comment is already stored.
 */
export async function rememberAkismetAnswer(db: Db, commentId: string, answer: AkismetAnswer | null, log: Log): Promise<void> {
  if (!answer) return;
  try {
    if (answer.verdict === 'unknown') await forgetCheck(db, commentId);
    else await recordCheck(db, { commentId, ...answer, verdict: answer.verdict, checkedAt: nowIso() });
  } catch (err) {
    log.error({ err, commentId }, 'could not store the Akismet check');
  }
}

export interface StatusMove {
  commentId: string;
  to: string;
  changed: boolean;
}

let fallbackLog: Log | undefined;
const defaultLog = (): Log => (fallbackLog ??= pino({ level: process.env.LOG_LEVEL ?? 'warn' }));

/**
 * Tells Akismet where a moderator disagreed with it: marked spam what it called ham (submit-spam),
 * approved what it called spam (submit-ham). Runs after the moderator's action is stored, one comment
 * after another; failures are logged and never reach the moderator.
 */
export async function sendAkismetFeedback(db: Db, moves: StatusMove[], log: Log = defaultLog()): Promise<void> {
  try {
    const relevant = moves.filter((m) => m.changed && (m.to === 'spam' || m.to === 'approved'));
    const checks = await findChecks(db, relevant.map((m) => m.commentId));
    for (const move of relevant) {
      const check = checks.get(move.commentId);
      if (!check) continue;
      const calledSpam = check.verdict === 'spam' || check.verdict === 'discard';
      if (move.to === 'spam' ? calledSpam : !calledSpam) continue; // Akismet was right: nothing to teach it
      await submitCorrection(db, check, move.to === 'spam' ? 'spam' : 'ham', log).catch((err) =>
        log.error({ err, commentId: move.commentId }, 'Akismet feedback failed'),
      );
    }
  } catch (err) {
    log.error({ err }, 'Akismet feedback failed');
  }
}

async function submitCorrection(db: Db, check: AkismetCheck, verdict: 'spam' | 'ham', log: Log): Promise<void> {
  const row = await db.selectFrom('comments').selectAll().where('id', '=', check.commentId).executeTakeFirst();
  const site = row ? await findSite(db, row.site_id) : null;
  const story = row && site ? await findStory(db, site.id, row.story_id) : null;
  const key = site?.settings.akismetKey;
  if (!row || !site || !story || !key) return;
  const fields = commentFields(
    {
      site,
      story,
      body: row.body,
      authorName: row.author_name,
      email: row.author_email,
      website: row.author_website,
      isReply: row.parent_id !== null,
      createdAt: row.created_at,
    },
    check,
  );
  // The moderator's verdict is on record before Akismet is told, so the same correction is sent once
  // (an unreachable Akismet misses it; the submit calls log that).
  await setCheckVerdict(db, check.commentId, verdict);
  const client = akismetClient(log);
  if (verdict === 'spam') await client.submitSpam(key, fields);
  else await client.submitHam(key, fields);
}
