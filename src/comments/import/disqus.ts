// Disqus's export file (Disqus admin → Community → Export): <thread> elements for the pages, then <post>
// elements pointing at their thread and parent, either by Disqus's internal id (dsq:id) or by the
// site's own id. A thread becomes a story: its id the site's disqus_identifier when that is a usable
// story id (the Disqus WordPress plugin's "528 https://…" gives the WordPress post id, 528, as Parley's
// WordPress import does), otherwise "dq-<Disqus id>"; its url the page's link, so the embed finds it by URL.
import type { CommentStatus } from '../../moderation/types.js';
import { AppError } from '../../errors.js';
import { STORY_ID_PATTERN } from '../../stories/index.js';
import { childAttribute, childElements, childText, parseXml, topElement } from './xml.js';
import type { ImportBatch, ImportedComment, ImportedStory } from './index.js';

const DSQ_ID = 'dsq:id';

/** "2012-12-12T12:12:12Z" (Disqus writes UTC, sometimes without the Z) → ISO 8601, or ''. */
function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(value)) return '';
  const date = new Date(/Z|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

function storyIdOf(identifier: string, dsqId: string): string {
  const wordpress = /^(\d+) https?:\/\//.exec(identifier);
  if (wordpress) return wordpress[1];
  return STORY_ID_PATTERN.test(identifier) ? identifier : `dq-${dsqId}`;
}

export function parseDisqus(xml: string): ImportBatch {
  const root = topElement(parseXml(xml), 'disqus');
  if (!root) throw new AppError(400, 'This is not a Disqus export file: export it from the Disqus admin under Community → Export.');
  const batch: ImportBatch = { prefix: 'dq', siteName: '', siteLink: '', stories: [], leftOut: 0 };

  // Threads are referred to by dsq:id, or by the site's own id in the element's text.
  const threads = new Map<string, ImportedStory | null>();
  const threadBySiteId = new Map<string, ImportedStory | null>();
  const stories: ImportedStory[] = [];
  for (const t of childElements(root, 'thread')) {
    const dsqId = t.attribs[DSQ_ID] ?? '';
    const identifier = childText(t, 'id');
    const story: ImportedStory | null = childText(t, 'isDeleted') === 'true' ? null : {
      id: storyIdOf(identifier, dsqId), url: childText(t, 'link'), title: childText(t, 'title'),
      content: childText(t, 'message'), open: childText(t, 'isClosed') !== 'true', comments: [],
    };
    if (story) stories.push(story);
    if (dsqId) threads.set(dsqId, story);
    if (identifier) threadBySiteId.set(identifier, story);
    if (!batch.siteName) batch.siteName = childText(t, 'forum');
    if (!batch.siteLink && story?.url) batch.siteLink = story.url;
  }

  const posts = childElements(root, 'post');
  const siteIdToDsq = new Map(posts.map((p) => [childText(p, 'id'), p.attribs[DSQ_ID] ?? '']));
  for (const p of posts) {
    const sourceId = p.attribs[DSQ_ID] || childText(p, 'id');
    const threadRef = childAttribute(p, 'thread', DSQ_ID);
    const story = threadRef ? threads.get(threadRef) : threadBySiteId.get(childText(p, 'thread'));
    if (!story || !sourceId) { batch.leftOut++; continue; }
    const parentRef = childAttribute(p, 'parent', DSQ_ID);
    const parentText = childText(p, 'parent');
    const status: CommentStatus = childText(p, 'isSpam') === 'true' ? 'spam'
      : childText(p, 'isDeleted') === 'true' ? 'deleted'
        : childText(p, 'isApproved') === 'false' ? 'pending' : 'approved';
    const author = childElements(p, 'author')[0];
    const comment: ImportedComment = {
      sourceId,
      parentSourceId: parentRef || (parentText ? (siteIdToDsq.get(parentText) || parentText) : ''),
      author: author ? childText(author, 'name') || childText(author, 'username') : '',
      email: author ? childText(author, 'email') : '',
      url: '',
      ip: childText(p, 'ipAddress'),
      date: isoDate(childText(p, 'createdAt')),
      content: childText(p, 'message'),
      status,
      origin: `Imported from Disqus (post ${sourceId}${status === 'approved' ? '' : `, ${status}`}).`,
    };
    story.comments.push(comment);
  }
  // Disqus keeps a thread for every page it was ever loaded on: only those with comments become stories.
  batch.stories = stories.filter((s) => s.comments.length > 0);
  return batch;
}
