// `parley export --site X`: everything about a site's discussion, as JSON.
import type { Db } from '../store/db.js';
import { findSite } from '../sites/index.js';

export interface SiteExport {
  exportedAt: string;
  site: { id: string; name: string; settings: unknown; createdAt: string };
  stories: {
    id: string;
    url: string | null;
    title: string;
    body: string | null;
    open: boolean;
    mode: string | null;
    createdAt: string;
    comments: {
      id: string;
      parent: string | null;
      depth: number;
      author: { name: string; email: string; website: string | null };
      body: string;
      html: string;
      status: string;
      likes: number;
      createdAt: string;
      editedAt: string | null;
      moderation: unknown;
    }[];
  }[];
}

export async function exportSite(db: Db, siteId: string): Promise<SiteExport> {
  const site = await findSite(db, siteId);
  if (!site) throw new Error(`There is no site "${siteId}".`);
  const stories = await db.selectFrom('stories').selectAll().where('site_id', '=', site.id).orderBy('created_at').orderBy('id').execute();
  const comments = await db.selectFrom('comments').selectAll().where('site_id', '=', site.id).orderBy('created_at').orderBy('id').execute();
  const byStory = new Map<string, SiteExport['stories'][number]['comments']>();
  for (const c of comments) {
    let list = byStory.get(c.story_id);
    if (!list) byStory.set(c.story_id, (list = []));
    let moderation: unknown = null;
    try {
      moderation = c.moderation ? JSON.parse(c.moderation) : null;
    } catch {
      moderation = c.moderation;
    }
    list.push({
      id: c.id,
      parent: c.parent_id,
      depth: Number(c.depth),
      author: { name: c.author_name, email: c.author_email, website: c.author_website },
      body: c.body,
      html: c.html,
      status: c.status,
      likes: Number(c.likes),
      createdAt: c.created_at,
      editedAt: c.edited_at,
      moderation,
    });
  }
  return {
    exportedAt: new Date().toISOString(),
    // Secrets stay out of exports (they get shared, pasted into tickets): the Akismet key's last 4 only.
    site: { id: site.id, name: site.name, settings: { ...site.settings, akismetKey: site.settings.akismetKey ? `…${site.settings.akismetKey.slice(-4)}` : null }, createdAt: site.createdAt },
    stories: stories.map((s) => ({
      id: s.id,
      url: s.url,
      title: s.title,
      body: s.body,
      open: Number(s.open) === 1,
      mode: s.mode,
      createdAt: s.created_at,
      comments: byStory.get(s.id) ?? [],
    })),
  };
}
