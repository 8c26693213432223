// Imports a WordPress site's comments from its export file (WXR: Tools → Export in wp-admin), so a
// newsroom moving to Parley keeps its discussions. Each post or page becomes a story (id: the WordPress
// post id, url: its permalink, so the embed finds it either way); each comment keeps its author, date,
// status and place in the thread. Pingbacks and trackbacks are not comments and are left out.
//
// Importing again is safe: stories and comments already there are kept as they are and counted as skipped.
import { parseDocument } from 'htmlparser2';
import { getElementsByTagName, textContent } from 'domutils';
import type { Element } from 'domhandler';
import sanitizeHtml from 'sanitize-html';
import type { Db } from '../store/db.js';
import { createSite, findSite, SITE_ID_PATTERN } from '../sites/index.js';
import type { CommentStatus } from '../moderation/types.js';
import { renderImportedHtml } from './render.js';
import { hashAddress } from './tokens.js';
import { bumpStory } from './status.js';
import { AppError } from '../errors.js';

export interface WordPressImportResult {
  site: string;
  siteCreated: boolean;
  stories: { created: number; skipped: number };
  comments: { imported: number; skipped: number; byStatus: Partial<Record<CommentStatus, number>> };
  /** Pingbacks and trackbacks. */
  leftOut: number;
}

interface WxrComment {
  wpId: string;
  parentWpId: string;
  author: string;
  email: string;
  url: string;
  ip: string;
  date: string;
  content: string;
  approved: string;
  type: string;
}

interface WxrPost {
  wpId: string;
  title: string;
  link: string;
  content: string;
  type: string;
  commentStatus: string;
  comments: WxrComment[];
}

/** WordPress comment_approved → Parley status. */
const STATUS_OF: Record<string, CommentStatus> = { '1': 'approved', '0': 'pending', spam: 'spam', trash: 'deleted', 'post-trashed': 'deleted' };
/** Post types whose comments are imported (not attachments, menus, revisions…). */
const POST_TYPES = new Set(['post', 'page']);

function child(el: Element, name: string): string {
  const found = el.children.find((c): c is Element => (c as Element).name === name);
  return found ? textContent(found).trim() : '';
}

/** "2024-03-01 09:30:00" (UTC) → ISO 8601; WordPress writes zeros for an unknown date. */
function isoDate(gmt: string, local: string): string | null {
  for (const value of [gmt, local]) {
    const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value);
    if (!m || m[1] === '0000') continue;
    const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  return null;
}

export function parseWxr(xml: string): { title: string; link: string; posts: WxrPost[] } {
  const doc = parseDocument(xml, { xmlMode: true });
  const channel = getElementsByTagName('channel', doc, true, 1)[0];
  if (!channel || !/wordpress\.org\/export\//.test(xml.slice(0, 5000))) {
    throw new AppError(400, 'This is not a WordPress export file (WXR): export it from wp-admin under Tools → Export.');
  }
  const posts = channel.children
    .filter((c): c is Element => (c as Element).name === 'item')
    .map((item): WxrPost => ({
      wpId: child(item, 'wp:post_id'),
      title: child(item, 'title'),
      link: child(item, 'link'),
      content: child(item, 'content:encoded'),
      type: child(item, 'wp:post_type'),
      commentStatus: child(item, 'wp:comment_status'),
      comments: item.children
        .filter((c): c is Element => (c as Element).name === 'wp:comment')
        .map((c) => ({
          wpId: child(c, 'wp:comment_id'),
          parentWpId: child(c, 'wp:comment_parent'),
          author: child(c, 'wp:comment_author'),
          email: child(c, 'wp:comment_author_email'),
          url: child(c, 'wp:comment_author_url'),
          ip: child(c, 'wp:comment_author_IP'),
          date: isoDate(child(c, 'wp:comment_date_gmt'), child(c, 'wp:comment_date')) ?? '',
          content: child(c, 'wp:comment_content'),
          approved: child(c, 'wp:comment_approved'),
          type: child(c, 'wp:comment_type'),
        })),
    }));
  return { title: child(channel, 'title'), link: child(channel, 'link'), posts };
}

const plainText = (html: string) => sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
const httpUrl = (value: string) => (/^https?:\/\/\S+$/i.test(value) ? value.slice(0, 500) : null);

export async function importWordPress(db: Db, siteId: string, xml: string): Promise<WordPressImportResult> {
  if (!SITE_ID_PATTERN.test(siteId)) throw new AppError(400, 'A site id uses lowercase letters, digits, "-" and "_" (at most 64).');
  const wxr = parseWxr(xml);
  let siteCreated = false;
  if (!(await findSite(db, siteId))) {
    const origin = httpUrl(wxr.link) ? new URL(wxr.link).origin : null;
    await createSite(db, { id: siteId, name: wxr.title || siteId, settings: { allowedOrigins: origin ? [origin] : [] } });
    siteCreated = true;
  }
  const result: WordPressImportResult = {
    site: siteId, siteCreated, stories: { created: 0, skipped: 0 }, comments: { imported: 0, skipped: 0, byStatus: {} }, leftOut: 0,
  };

  for (const post of wxr.posts) {
    if (!POST_TYPES.has(post.type) || !/^\d+$/.test(post.wpId)) continue;
    const kept = post.comments.filter((c) => !c.type || c.type === 'comment');
    result.leftOut += post.comments.length - kept.length;
    if (kept.length === 0 && post.commentStatus !== 'open') continue;
    const storyId = post.wpId;
    const commentId = (wpId: string) => `wp-${siteId}-${wpId}`;

    await db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('stories').select('id').where('site_id', '=', siteId).where('id', '=', storyId).executeTakeFirst();
      const now = new Date().toISOString();
      if (existing) result.stories.skipped++;
      else {
        await trx.insertInto('stories').values({
          site_id: siteId, id: storyId, url: httpUrl(post.link), title: (post.title || `Post ${post.wpId}`).slice(0, 500),
          body: plainText(post.content).slice(0, 20_000) || null, open: post.commentStatus === 'closed' ? 0 : 1, mode: null,
          created_at: now, updated_at: now,
        }).execute();
        result.stories.created++;
      }

      // Parents before replies, whatever order the file lists them in.
      const byWpId = new Map(kept.map((c) => [c.wpId, c]));
      const depthOf = new Map<string, number>();
      const rootOf = new Map<string, string>();
      const place = (c: WxrComment, seen = new Set<string>()): void => {
        if (depthOf.has(c.wpId)) return;
        const parent = byWpId.get(c.parentWpId);
        if (!parent || seen.has(parent.wpId)) { depthOf.set(c.wpId, 0); rootOf.set(c.wpId, c.wpId); return; }
        seen.add(c.wpId);
        place(parent, seen);
        depthOf.set(c.wpId, depthOf.get(parent.wpId)! + 1);
        rootOf.set(c.wpId, rootOf.get(parent.wpId)!);
      };
      kept.forEach((c) => place(c));
      const ordered = [...kept].sort((a, b) => depthOf.get(a.wpId)! - depthOf.get(b.wpId)!);

      const ids = ordered.map((c) => commentId(c.wpId));
      const already = new Set<string>();
      for (let i = 0; i < ids.length; i += 500) {
        const rows = await trx.selectFrom('comments').select('id').where('id', 'in', ids.slice(i, i + 500)).execute();
        for (const r of rows) already.add(r.id);
      }
      let approved = 0;
      for (const c of ordered) {
        const id = commentId(c.wpId);
        if (already.has(id)) { result.comments.skipped++; continue; }
        const status = STATUS_OF[c.approved] ?? 'pending';
        const at = c.date || now;
        const depth = depthOf.get(c.wpId)!;
        await trx.insertInto('comments').values({
          id, site_id: siteId, story_id: storyId,
          parent_id: depth ? commentId(c.parentWpId) : null,
          root_id: commentId(rootOf.get(c.wpId)!),
          depth,
          author_name: plainText(c.author).slice(0, 100) || 'Anonymous',
          author_email: c.email.slice(0, 254),
          author_website: httpUrl(c.url),
          author_token_hash: null,
          ip_hash: c.ip ? hashAddress(c.ip) : null,
          body: plainText(c.content),
          html: renderImportedHtml(c.content),
          status, risk: 0,
          // Not scored by Parley's engine: what the moderator sees is where the comment came from.
          moderation: JSON.stringify({
            decision: status === 'approved' ? 'publish' : 'review', scores: {}, trail: [],
            reasons: [{ label: 'imported', score: 0, spans: [], detail: `Imported from WordPress (comment ${c.wpId}, status "${c.approved}").` }],
          }),
          previous_status: null, created_at: at, edited_at: null, status_changed_at: at,
        }).execute();
        if (status === 'approved') approved++;
        result.comments.imported++;
        result.comments.byStatus[status] = (result.comments.byStatus[status] ?? 0) + 1;
      }
      if (approved) await bumpStory(trx, siteId, storyId, approved);
    });
  }
  return result;
}
