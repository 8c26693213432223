// WordPress's export file (WXR: wp-admin → Tools → Export). Each post or page with comments (or open
// for them) becomes a story: id the WordPress post id, url its permalink, so the embed finds it either
// way. Pingbacks and trackbacks are not comments and are left out.
import type { CommentStatus } from '../../moderation/types.js';
import { AppError } from '../../errors.js';
import { childText, childElements, parseXml, topElement } from './xml.js';
import type { ImportBatch, ImportedComment } from './index.js';

/** WordPress comment_approved → Parley status. */
const STATUS_OF: Record<string, CommentStatus> = { '1': 'approved', '0': 'pending', spam: 'spam', trash: 'deleted', 'post-trashed': 'deleted' };
/** Post types whose comments are imported (not attachments, menus, revisions…). */
const POST_TYPES = new Set(['post', 'page']);

/** "2024-03-01 09:30:00" (UTC) → ISO 8601; WordPress writes zeros for an unknown date. */
function isoDate(gmt: string, local: string): string {
  for (const value of [gmt, local]) {
    const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value);
    if (!m || m[1] === '0000') continue;
    const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  return '';
}

export function parseWordPress(xml: string): ImportBatch {
  const channel = topElement(parseXml(xml), 'channel');
  if (!channel || !/wordpress\.org\/export\//.test(xml.slice(0, 5000))) {
    throw new AppError(400, 'This is not a WordPress export file (WXR): export it from wp-admin under Tools → Export.');
  }
  const batch: ImportBatch = { prefix: 'wp', siteName: childText(channel, 'title'), siteLink: childText(channel, 'link'), stories: [], leftOut: 0 };
  for (const item of childElements(channel, 'item')) {
    const postId = childText(item, 'wp:post_id');
    if (!POST_TYPES.has(childText(item, 'wp:post_type')) || !/^\d+$/.test(postId)) continue;
    const all = childElements(item, 'wp:comment');
    const comments: ImportedComment[] = [];
    for (const c of all) {
      const type = childText(c, 'wp:comment_type');
      if (type && type !== 'comment') continue;
      const id = childText(c, 'wp:comment_id');
      const approved = childText(c, 'wp:comment_approved');
      comments.push({
        sourceId: id,
        parentSourceId: childText(c, 'wp:comment_parent'),
        author: childText(c, 'wp:comment_author'),
        email: childText(c, 'wp:comment_author_email'),
        url: childText(c, 'wp:comment_author_url'),
        ip: childText(c, 'wp:comment_author_IP'),
        date: isoDate(childText(c, 'wp:comment_date_gmt'), childText(c, 'wp:comment_date')),
        content: childText(c, 'wp:comment_content'),
        status: STATUS_OF[approved] ?? 'pending',
        origin: `Imported from WordPress (comment ${id}, status "${approved}").`,
      });
    }
    batch.leftOut += all.length - comments.length;
    const commentStatus = childText(item, 'wp:comment_status');
    if (comments.length === 0 && commentStatus !== 'open') continue;
    batch.stories.push({
      id: postId, url: childText(item, 'link'), title: childText(item, 'title') || `Post ${postId}`,
      content: childText(item, 'content:encoded'), open: commentStatus !== 'closed', comments,
    });
  }
  return batch;
}
