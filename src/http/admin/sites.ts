// Sites (publications) and their stories: listing, creation, settings. Settings changes are audited.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { createSite, findSite, listSites, normalizeOrigin, updateSite, type Site, type SiteSettings } from '../../sites/index.js';
import { createStory, findStory, listStories, updateStory, STORY_ID_PATTERN, type Story } from '../../stories/index.js';
import { writeAudit } from '../../audit/index.js';
import { requireRole } from './auth.js';
import { parseInput } from './validate.js';
import { ownOrigin } from '../public/http-helpers.js';
import { AKISMET_KEY_MESSAGE, AKISMET_KEY_PATTERN, akismetKeySummary, confirmAkismetKey, maskedAkismetKey } from '../../spam/keys.js';
import { akismetBlog } from '../../spam/comments.js';
import { DEFAULT_SITE_SETTINGS } from '../../sites/settings.js';

const MODE = z.enum(['premod', 'auto', 'postmod'], { error: 'The mode must be "premod", "auto" or "postmod".' });
const word = z.string({ error: 'Each word must be text.' }).trim().min(1, 'A word list cannot contain an empty entry.').max(100, 'A word or phrase may be at most 100 characters.');
const wordList = (name: string) => z.array(word, { error: `The ${name} list must be a list of words.` }).max(2000, `The ${name} list may hold at most 2,000 entries.`);
const threshold = (name: string) =>
  z.number({ error: `The ${name} threshold must be a number between 0 and 1.` }).min(0, `The ${name} threshold must be between 0 and 1.`).max(1, `The ${name} threshold must be between 0 and 1.`);
const NOTIFY_ADDRESS_MESSAGE = 'Each address to notify must be an e-mail address, e.g. "desk@news.example.com".';
const notifyAddress = z
  .string({ error: NOTIFY_ADDRESS_MESSAGE })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: NOTIFY_ADDRESS_MESSAGE }).max(254, NOTIFY_ADDRESS_MESSAGE));
const origin = z
  .string({ error: 'Each origin must be text, e.g. "https://news.example.com".' })
  .refine((o) => normalizeOrigin(o) !== null, { message: 'Each origin must look like "https://news.example.com".' });

/** Everything a site's settings form may change; every key optional (PATCH semantics). */
const SiteSettingsInput = z.strictObject({
  name: z.string({ error: 'The name must be text.' }).trim().min(1, 'Please enter the site\'s name.').max(200, 'The name may be at most 200 characters.').optional(),
  origins: z.array(origin, { error: 'Origins must be a list, e.g. ["https://news.example.com"].' }).max(50, 'At most 50 origins.').optional(),
  policy: z.string({ error: 'The policy must be text.' }).max(5000, 'The policy text may be at most 5,000 characters.').optional(),
  mode: MODE.optional(),
  depthLimit: z.number({ error: 'The depth limit must be a number.' }).int('The depth limit must be a whole number.').min(1, 'The depth limit must be between 1 and 10.').max(10, 'The depth limit must be between 1 and 10.').optional(),
  maxLength: z.number({ error: 'The maximum length must be a number.' }).int('The maximum length must be a whole number.').min(100, 'The maximum length must be between 100 and 20,000 characters.').max(20000, 'The maximum length must be between 100 and 20,000 characters.').optional(),
  editWindowSeconds: z.number({ error: 'The edit window must be a number of seconds.' }).int('The edit window must be a whole number of seconds.').min(0, 'The edit window must be between 0 and 86,400 seconds (one day).').max(86400, 'The edit window must be between 0 and 86,400 seconds (one day).').optional(),
  maxLinks: z.number({ error: 'The link limit must be a number.' }).int('The link limit must be a whole number.').min(0, 'The link limit must be between 0 and 50.').max(50, 'The link limit must be between 0 and 50.').optional(),
  notifyEmails: z
    .array(notifyAddress, { error: 'The addresses to notify must be a list, e.g. ["desk@news.example.com"].' })
    .max(20, 'At most 20 addresses to notify.')
    .optional(),
  thresholds: z
    .strictObject({ review: threshold('review').optional(), reject: threshold('reject').optional() }, { error: 'Thresholds must be an object like { "review": 0.5, "reject": 0.9 }.' })
    .optional(),
  wordLists: z
    .strictObject({ banned: wordList('banned').optional(), suspect: wordList('suspect').optional() }, { error: 'Word lists must be an object like { "banned": [...], "suspect": [...] }.' })
    .optional(),
  /** null removes the key. */
  akismetKey: z
    .string({ error: 'The Akismet key must be text, or null to remove it.' })
    .trim()
    .regex(AKISMET_KEY_PATTERN, AKISMET_KEY_MESSAGE)
    .nullable()
    .optional(),
});
type SiteSettingsInput = z.output<typeof SiteSettingsInput>;

const SiteCreate = SiteSettingsInput.extend({
  id: z.string({ error: 'Please choose an id for the site (e.g. "daily-news").' }).regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'A site id uses lowercase letters, digits, "-" and "_" (at most 64), e.g. "daily-news".'),
  name: z.string({ error: 'Please enter the site\'s name.' }).trim().min(1, 'Please enter the site\'s name.').max(200, 'The name may be at most 200 characters.'),
});

const optionalUrl = z
  .string({ error: 'The URL must be text.' })
  .max(2000, 'The URL may be at most 2,000 characters.')
  .refine((u) => /^https?:\/\/[^\s]+$/i.test(u), { message: 'The URL must start with http:// or https://.' })
  .nullable()
  .optional();

const StoryChanges = z.strictObject({
  title: z.string({ error: 'The title must be text.' }).trim().min(1, 'Please enter a title.').max(500, 'The title may be at most 500 characters.').optional(),
  url: optionalUrl,
  body: z.string({ error: 'The body must be text.' }).max(200000, 'The story body may be at most 200,000 characters.').nullable().optional(),
  open: z.boolean({ error: '"open" must be true or false.' }).optional(),
  mode: MODE.nullable().optional(),
});

const StoryCreate = StoryChanges.extend({
  id: z.string({ error: 'Please give the story an id (e.g. "2024-budget").' }).regex(STORY_ID_PATTERN, 'A story id uses letters, digits and ". _ ~ : -" (at most 200).'),
  title: z.string({ error: 'Please enter a title.' }).trim().min(1, 'Please enter a title.').max(500, 'The title may be at most 500 characters.'),
});

const StoryListQuery = z.object({
  limit: z.coerce.number({ error: 'The limit must be a number.' }).int().min(1, 'The limit must be at least 1.').max(200, 'The limit must be at most 200.').default(50),
  cursor: z.string().regex(/^\d{1,9}$/, 'The cursor is not valid; start again from the first page.').optional(),
});

/** The admin view of a site: every setting, with the API's names. */
export function toAdminSite(site: Site) {
  const s = site.settings;
  return {
    id: site.id,
    name: site.name,
    origins: s.allowedOrigins,
    policy: s.policy,
    mode: s.mode,
    depthLimit: s.depthLimit,
    maxLength: s.maxLength,
    editWindowSeconds: s.editWindowSeconds,
    maxLinks: s.maxLinks,
    thresholds: s.thresholds,
    notifyEmails: s.notifyEmails,
    wordLists: { banned: s.bannedWords, suspect: s.suspectWords },
    akismet: akismetKeySummary(s.akismetKey),
    createdAt: site.createdAt,
    updatedAt: site.updatedAt,
  };
}

function toSettings(input: SiteSettingsInput, current?: SiteSettings): Partial<SiteSettings> {
  const out: Partial<SiteSettings> = {};
  if (input.origins !== undefined) out.allowedOrigins = [...new Set(input.origins.map((o) => normalizeOrigin(o)!))];
  if (input.policy !== undefined) out.policy = input.policy;
  if (input.mode !== undefined) out.mode = input.mode;
  if (input.depthLimit !== undefined) out.depthLimit = input.depthLimit;
  if (input.maxLength !== undefined) out.maxLength = input.maxLength;
  if (input.editWindowSeconds !== undefined) out.editWindowSeconds = input.editWindowSeconds;
  if (input.maxLinks !== undefined) out.maxLinks = input.maxLinks;
  if (input.notifyEmails !== undefined) out.notifyEmails = [...new Set(input.notifyEmails)];
  if (input.wordLists?.banned !== undefined) out.bannedWords = [...new Set(input.wordLists.banned)];
  if (input.wordLists?.suspect !== undefined) out.suspectWords = [...new Set(input.wordLists.suspect)];
  if (input.akismetKey !== undefined) out.akismetKey = input.akismetKey;
  if (input.thresholds) {
    const review = input.thresholds.review ?? current?.thresholds.review ?? 0.5;
    const reject = input.thresholds.reject ?? current?.thresholds.reject ?? 0.9;
    if (review > reject) {
      throw new AppError(400, 'The review threshold must not be above the reject threshold.', {
        errors: { 'thresholds.review': 'The review threshold must not be above the reject threshold.' },
      });
    }
    out.thresholds = { review, reject };
  }
  return out;
}

function toAdminStory(story: Story, pending: number) {
  return {
    id: story.id,
    site: story.site,
    title: story.title,
    url: story.url,
    body: story.body,
    open: story.open,
    mode: story.mode,
    approved: story.approvedCount,
    pending,
    createdAt: story.createdAt,
    updatedAt: story.updatedAt,
  };
}

async function pendingCounts(ctx: AppContext, site: string, storyIds: string[]): Promise<Map<string, number>> {
  if (storyIds.length === 0) return new Map();
  const rows = await ctx.store.db
    .selectFrom('comments')
    .select(['story_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('site_id', '=', site)
    .where('story_id', 'in', storyIds)
    .where('status', '=', 'pending')
    .groupBy('story_id')
    .execute();
  return new Map(rows.map((r) => [r.story_id, Number(r.n)]));
}

/** A newly entered Akismet key is shown to Akismet before it is saved (400 when refused); a notice when Akismet could not be asked. */
async function confirmNewAkismetKey(ctx: AppContext, request: FastifyRequest, site: Pick<Site, 'settings'>, input: SiteSettingsInput) {
  if (!input.akismetKey) return undefined;
  const origins = input.origins?.map((o) => normalizeOrigin(o)!) ?? site.settings.allowedOrigins;
  const blog = akismetBlog({ settings: { ...site.settings, allowedOrigins: origins } }, null, ownOrigin(request));
  return confirmAkismetKey(input.akismetKey, blog, ctx.log);
}

/** The settings change as the audit log keeps it: an Akismet key only by its last 4 characters. */
function auditDetail(input: SiteSettingsInput) {
  return input.akismetKey === undefined ? input : { ...input, akismetKey: maskedAkismetKey(input.akismetKey) };
}

async function requireSite(ctx: AppContext, id: string): Promise<Site> {
  const site = await findSite(ctx.store.db, id);
  if (!site) throw notFound(`There is no site "${id}".`);
  return site;
}

export async function siteRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.store.db;

  app.get('/sites', async (request) => {
    requireRole(request, 'moderator');
    return { sites: (await listSites(db)).map(toAdminSite) };
  });

  app.post('/sites', async (request, reply) => {
    const { user } = requireRole(request, 'admin');
    const input = parseInput(SiteCreate, request.body);
    const akismetNotice = await confirmNewAkismetKey(ctx, request, { settings: DEFAULT_SITE_SETTINGS }, input);
    const site = await createSite(db, { id: input.id, name: input.name, settings: toSettings(input) });
    await writeAudit(db, user, { action: 'site.create', siteId: site.id, detail: toAdminSite(site) });
    return reply.code(201).send({ site: toAdminSite(site), ...(akismetNotice ? { akismetNotice } : {}) });
  });

  app.get('/sites/:site', async (request) => {
    requireRole(request, 'moderator');
    const { site } = request.params as { site: string };
    return { site: toAdminSite(await requireSite(ctx, site)) };
  });

  app.patch('/sites/:site', async (request) => {
    const { user } = requireRole(request, 'admin');
    const { site: id } = request.params as { site: string };
    const input = parseInput(SiteSettingsInput, request.body);
    const current = await requireSite(ctx, id);
    const akismetNotice = await confirmNewAkismetKey(ctx, request, current, input);
    const updated = await updateSite(db, id, { name: input.name, settings: toSettings(input, current.settings) });
    await writeAudit(db, user, { action: 'site.update', siteId: id, detail: auditDetail(input) });
    return { site: toAdminSite(updated), ...(akismetNotice ? { akismetNotice } : {}) };
  });

  app.get('/sites/:site/stories', async (request) => {
    requireRole(request, 'moderator');
    const { site } = request.params as { site: string };
    await requireSite(ctx, site);
    const q = parseInput(StoryListQuery, request.query);
    const offset = q.cursor ? Number(q.cursor) : 0;
    const stories = await listStories(db, site, { limit: q.limit + 1, offset });
    const page = stories.slice(0, q.limit);
    const pending = await pendingCounts(ctx, site, page.map((s) => s.id));
    return {
      stories: page.map((s) => toAdminStory(s, pending.get(s.id) ?? 0)),
      nextCursor: stories.length > q.limit ? String(offset + q.limit) : null,
    };
  });

  app.post('/sites/:site/stories', async (request, reply) => {
    const { user } = requireRole(request, 'moderator');
    const { site } = request.params as { site: string };
    await requireSite(ctx, site);
    const input = parseInput(StoryCreate, request.body);
    const story = await createStory(db, site, input);
    await writeAudit(db, user, { action: 'story.create', siteId: site, detail: { story: story.id, title: story.title } });
    return reply.code(201).send({ story: toAdminStory(story, 0) });
  });

  app.patch('/sites/:site/stories/:story', async (request) => {
    const { user } = requireRole(request, 'moderator');
    const { site, story: storyId } = request.params as { site: string; story: string };
    await requireSite(ctx, site);
    const input = parseInput(StoryChanges, request.body);
    const existing = await findStory(db, site, storyId);
    if (!existing) throw notFound(`There is no story "${storyId}" on this site.`);
    const story = await updateStory(db, site, existing.id, input);
    await writeAudit(db, user, { action: 'story.update', siteId: site, detail: { story: story.id, ...input } });
    const pending = await pendingCounts(ctx, site, [story.id]);
    return { story: toAdminStory(story, pending.get(story.id) ?? 0) };
  });
}
