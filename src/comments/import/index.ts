// Importing discussions from the system a newsroom is leaving (WordPress, Disqus). Each format's parser
// (wordpress.ts, disqus.ts) turns its export file into stories and comments in one shape; this file
// writes them: parents before replies, the story's count kept right, one transaction per story.
//
// Importing again is safe: stories and comments already there are kept as they are and counted as
// skipped, so an import can be re-run after a newer export.
import type { Db } from '../../store/db.js';
import { createSite, findSite, SITE_ID_PATTERN } from '../../sites/index.js';
import type { CommentStatus } from '../../moderation/types.js';
import { renderImportedHtml } from '../render.js';
import { hashAddress } from '../tokens.js';
import { bumpStory } from '../status.js';
import { AppError } from '../../errors.js';
import sanitizeHtml from 'sanitize-html';

export interface ImportedComment {
  /** The id in the source system; unique within the file. */
  sourceId: string;
  /** The source id of the comment it replies to ('' or unknown: top level). */
  parentSourceId: string;
  author: string;
  email: string;
  url: string;
  ip: string;
  /** ISO 8601, or '' when the file has no date. */
  date: string;
  /** The comment as the source stored it (HTML, or text with blank lines between paragraphs). */
  content: string;
  status: CommentStatus;
  /** What the moderator reads about where it came from. */
  origin: string;
}

export interface ImportedStory {
  id: string;
  url: string;
  title: string;
  /** The article's text (HTML), for the relevance phase. */
  content: string;
  open: boolean;
  comments: ImportedComment[];
}

export interface ImportBatch {
  /** Names the comments' ids (`<prefix>-<site>-<source id>`): "wp", "dq". */
  prefix: string;
  siteName: string;
  siteLink: string;
  stories: ImportedStory[];
  /** Items of the file that are not comments (pingbacks, trackbacks), or whose thread is gone. */
  leftOut: number;
}

export interface ImportResult {
  site: string;
  siteCreated: boolean;
  stories: { created: number; skipped: number };
  comments: { imported: number; skipped: number; byStatus: Partial<Record<CommentStatus, number>> };
  leftOut: number;
}

export const plainText = (html: string): string =>
  sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
export const httpUrl = (value: string): string | null => (/^https?:\/\/\S+$/i.test(value) ? value.slice(0, 500) : null);

export async function importDiscussions(db: Db, siteId: string, batch: ImportBatch): Promise<ImportResult> {
  if (!SITE_ID_PATTERN.test(siteId)) throw new AppError(400, 'A site id uses lowercase letters, digits, "-" and "_" (at most 64).');
  let siteCreated = false;
  if (!(await findSite(db, siteId))) {
    const origin = httpUrl(batch.siteLink) ? new URL(batch.siteLink).origin : null;
    await createSite(db, { id: siteId, name: batch.siteName || siteId, settings: { allowedOrigins: origin ? [origin] : [] } });
    siteCreated = true;
  }
  const result: ImportResult = {
    site: siteId, siteCreated, stories: { created: 0, skipped: 0 }, comments: { imported: 0, skipped: 0, byStatus: {} }, leftOut: batch.leftOut,
  };
  const commentId = (sourceId: string) => `${batch.prefix}-${siteId}-${sourceId}`;

  for (const story of batch.stories) {
    await db.transaction().execute(async (trx) => {
      const now = new Date().toISOString();
      const existing = await trx.selectFrom('stories').select('id').where('site_id', '=', siteId).where('id', '=', story.id).executeTakeFirst();
      if (existing) result.stories.skipped++;
      else {
        await trx.insertInto('stories').values({
          site_id: siteId, id: story.id, url: httpUrl(story.url), title: (story.title || story.id).slice(0, 500),
          body: plainText(story.content).slice(0, 20_000) || null, open: story.open ? 1 : 0, mode: null,
          created_at: now, updated_at: now,
        }).execute();
        result.stories.created++;
      }

      // Parents before replies, whatever order the file lists them in.
      const bySourceId = new Map(story.comments.map((c) => [c.sourceId, c]));
      const depthOf = new Map<string, number>();
      const rootOf = new Map<string, string>();
      const place = (c: ImportedComment, seen = new Set<string>()): void => {
        if (depthOf.has(c.sourceId)) return;
        const parent = bySourceId.get(c.parentSourceId);
        // no parent in this story (or a loop): a top-level comment
        if (!parent || seen.has(parent.sourceId)) { depthOf.set(c.sourceId, 0); rootOf.set(c.sourceId, c.sourceId); return; }
        seen.add(c.sourceId);
        place(parent, seen);
        depthOf.set(c.sourceId, depthOf.get(parent.sourceId)! + 1);
        rootOf.set(c.sourceId, rootOf.get(parent.sourceId)!);
      };
      story.comments.forEach((c) => place(c));
      const ordered = [...story.comments].sort((a, b) => depthOf.get(a.sourceId)! - depthOf.get(b.sourceId)!);

      const ids = ordered.map((c) => commentId(c.sourceId));
      const already = new Set<string>();
      for (let i = 0; i < ids.length; i += 500) {
        const rows = await trx.selectFrom('comments').select('id').where('id', 'in', ids.slice(i, i + 500)).execute();
        for (const r of rows) already.add(r.id);
      }
      let approved = 0;
      for (const c of ordered) {
        const id = commentId(c.sourceId);
        if (already.has(id)) { result.comments.skipped++; continue; }
        const at = c.date || now;
        const depth = depthOf.get(c.sourceId)!;
        await trx.insertInto('comments').values({
          id, site_id: siteId, story_id: story.id,
          parent_id: depth ? commentId(c.parentSourceId) : null,
          root_id: commentId(rootOf.get(c.sourceId)!),
          depth,
          author_name: plainText(c.author).slice(0, 100) || 'Anonymous',
          author_email: c.email.slice(0, 254),
          author_website: httpUrl(c.url),
          author_token_hash: null,
          ip_hash: c.ip ? hashAddress(c.ip) : null,
          body: plainText(c.content),
          html: renderImportedHtml(c.content),
          status: c.status, risk: 0,
          // Not scored by Parley's engine: what the moderator sees is where the comment came from.
          moderation: JSON.stringify({
            decision: c.status === 'approved' ? 'publish' : 'review', scores: {}, trail: [],
            reasons: [{ label: 'imported', score: 0, spans: [], detail: c.origin }],
          }),
          previous_status: null, created_at: at, edited_at: null, status_changed_at: at,
        }).execute();
        if (c.status === 'approved') approved++;
        result.comments.imported++;
        result.comments.byStatus[c.status] = (result.comments.byStatus[c.status] ?? 0) + 1;
      }
      if (approved) await bumpStory(trx, siteId, story.id, approved);
    });
  }
  return result;
}
