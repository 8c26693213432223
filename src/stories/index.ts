// Stories (articles) of a site: lookup by id or canonical URL, creation, settings, the public StoryInfo.
import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../store/db.js';
import { preparedQuery } from '../store/prepared.js';
import type { StoriesTable } from '../store/tables/core.js';
import type { ModerationMode } from '../moderation/types.js';
import { isModerationMode } from '../sites/settings.js';
import { AppError } from '../errors.js';
import { nowIso } from '../time.js';

export interface Story {
  site: string;
  id: string;
  url: string | null;
  title: string;
  body: string | null;
  open: boolean;
  /** The story's own mode, or null to follow the site. */
  mode: ModerationMode | null;
  approvedCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** docs/api.md StoryInfo; mode is the effective one (the story's, else the site's). */
export interface StoryInfo {
  id: string;
  title: string;
  url: string | null;
  open: boolean;
  mode: ModerationMode;
  count: number;
}

export function storyFromRow(row: Selectable<StoriesTable>): Story {
  return {
    site: row.site_id,
    id: row.id,
    url: row.url,
    title: row.title,
    body: row.body,
    open: Number(row.open) === 1,
    mode: isModerationMode(row.mode) ? row.mode : null,
    approvedCount: Number(row.approved_count),
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toStoryInfo(story: Story, siteMode: ModerationMode): StoryInfo {
  return { id: story.id, title: story.title, url: story.url, open: story.open, mode: story.mode ?? siteMode, count: story.approvedCount };
}

const storyById = preparedQuery(2, (db, site, id) =>
  db.selectFrom('stories').selectAll().where('site_id', '=', site).where('id', '=', id),
);
const storyByUrl = preparedQuery(2, (db, site, url) =>
  db.selectFrom('stories').selectAll().where('site_id', '=', site).where('url', '=', url).limit(1),
);

/** Finds a story by its id, or else by its canonical URL. */
export async function findStory(db: Db, site: string, idOrUrl: string): Promise<Story | null> {
  const [byId] = await storyById(db, site, idOrUrl);
  if (byId) return storyFromRow(byId);
  if (!/^https?:\/\//i.test(idOrUrl)) return null;
  const [byUrl] = await storyByUrl(db, site, idOrUrl);
  return byUrl ? storyFromRow(byUrl) : null;
}

export async function listStories(db: Db, site: string, opts: { limit?: number; offset?: number } = {}): Promise<Story[]> {
  const rows = await db
    .selectFrom('stories')
    .selectAll()
    .where('site_id', '=', site)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(opts.limit ?? 100)
    .offset(opts.offset ?? 0)
    .execute();
  return rows.map(storyFromRow);
}

export const STORY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._~:-]{0,199}$/;

export interface StoryInput {
  id: string;
  title: string;
  url?: string | null;
  body?: string | null;
  open?: boolean;
  mode?: ModerationMode | null;
}

export async function createStory(db: Db, site: string, input: StoryInput): Promise<Story> {
  if (!STORY_ID_PATTERN.test(input.id)) {
    throw new AppError(400, 'A story id uses letters, digits and ". _ ~ : -" (at most 200).', { errors: { id: 'Invalid story id.' } });
  }
  if (!input.title.trim()) throw new AppError(400, 'Please enter a title.', { errors: { title: 'Please enter a title.' } });
  const exists = await db.selectFrom('stories').select('id').where('site_id', '=', site).where('id', '=', input.id).executeTakeFirst();
  if (exists) throw new AppError(409, `A story with the id "${input.id}" already exists.`);
  const now = nowIso();
  await db
    .insertInto('stories')
    .values({
      site_id: site,
      id: input.id,
      url: input.url ?? null,
      title: input.title.trim(),
      body: input.body ?? null,
      open: input.open === false ? 0 : 1,
      mode: input.mode ?? null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return (await findStory(db, site, input.id))!;
}

/** Changes title, url, body, open and/or mode (only the keys given). */
export async function updateStory(db: Db, site: string, id: string, changes: Partial<Omit<StoryInput, 'id'>>): Promise<Story> {
  const story = await findStory(db, site, id);
  if (!story) throw new AppError(404, `There is no story "${id}" on this site.`);
  const set: Updateable<StoriesTable> = { updated_at: nowIso() };
  if (changes.title !== undefined) set.title = changes.title.trim();
  if (changes.url !== undefined) set.url = changes.url;
  if (changes.body !== undefined) set.body = changes.body;
  if (changes.open !== undefined) set.open = changes.open ? 1 : 0;
  if (changes.mode !== undefined) set.mode = changes.mode;
  await db
    .updateTable('stories')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('site_id', '=', site)
    .where('id', '=', story.id)
    .execute();
  return (await findStory(db, site, story.id))!;
}
