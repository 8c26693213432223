// Sites (publications): lookup, creation, settings updates, the public SiteInfo shape, origin checks.
import type { Selectable } from 'kysely';
import type { Db } from '../store/db.js';
import { preparedQuery } from '../store/prepared.js';
import type { SitesTable } from '../store/tables/core.js';
import { AppError } from '../errors.js';
import { nowIso } from '../time.js';
import { DEFAULT_SITE_SETTINGS, parseSiteSettings, normalizeOrigin, type SiteSettings } from './settings.js';

export * from './settings.js';

export interface Site {
  id: string;
  name: string;
  settings: SiteSettings;
  createdAt: string;
  updatedAt: string;
}

/** The public description of a site (docs/api.md SiteInfo). */
export interface SiteInfo {
  id: string;
  name: string;
  policy: string;
  depthLimit: number;
  maxLength: number;
  editWindowSeconds: number;
  /** This server sends e-mail (SMTP_URL), so a reader may ask to be told about replies. */
  replyNotifications: boolean;
}

export function siteFromRow(row: Selectable<SitesTable>): Site {
  return { id: row.id, name: row.name, settings: parseSiteSettings(row.settings), createdAt: row.created_at, updatedAt: row.updated_at };
}

/** `server.mailOn`: whether this server sends e-mail (a property of the process, not of the site). */
export function toSiteInfo(site: Site, server: { mailOn: boolean }): SiteInfo {
  const s = site.settings;
  return {
    id: site.id,
    name: site.name,
    policy: s.policy,
    depthLimit: s.depthLimit,
    maxLength: s.maxLength,
    editWindowSeconds: s.editWindowSeconds,
    replyNotifications: server.mailOn,
  };
}

const siteById = preparedQuery(1, (db, id) => db.selectFrom('sites').selectAll().where('id', '=', id));

export async function findSite(db: Db, id: string): Promise<Site | null> {
  const [row] = await siteById(db, id);
  return row ? siteFromRow(row) : null;
}

export async function listSites(db: Db): Promise<Site[]> {
  const rows = await db.selectFrom('sites').selectAll().orderBy('id').execute();
  return rows.map(siteFromRow);
}

export const SITE_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export async function createSite(
  db: Db,
  input: { id: string; name: string; settings?: Partial<SiteSettings> },
): Promise<Site> {
  if (!SITE_ID_PATTERN.test(input.id)) {
    throw new AppError(400, 'A site id uses lowercase letters, digits, "-" and "_" (at most 64).', { errors: { id: 'Invalid site id.' } });
  }
  if (await findSite(db, input.id)) throw new AppError(409, `A site with the id "${input.id}" already exists.`);
  const settings = mergeSettings(DEFAULT_SITE_SETTINGS, input.settings ?? {});
  const now = nowIso();
  await db
    .insertInto('sites')
    .values({ id: input.id, name: input.name, settings: JSON.stringify(settings), created_at: now, updated_at: now })
    .execute();
  return { id: input.id, name: input.name, settings, createdAt: now, updatedAt: now };
}

/** Changes a site's name and/or settings (only the keys given). Returns the updated site. */
export async function updateSite(
  db: Db,
  id: string,
  changes: { name?: string; settings?: Partial<SiteSettings> },
): Promise<Site> {
  const site = await findSite(db, id);
  if (!site) throw new AppError(404, `There is no site "${id}".`);
  const settings = mergeSettings(site.settings, changes.settings ?? {});
  const name = changes.name ?? site.name;
  const now = nowIso();
  await db.updateTable('sites').set({ name, settings: JSON.stringify(settings), updated_at: now }).where('id', '=', id).execute();
  originsCache = null;
  return { ...site, name, settings, updatedAt: now };
}

function mergeSettings(base: SiteSettings, changes: Partial<SiteSettings>): SiteSettings {
  const merged = { ...base, ...changes, thresholds: { ...base.thresholds, ...(changes.thresholds ?? {}) } };
  // Round-trip through the parser so stored settings are always well-formed.
  return parseSiteSettings(JSON.stringify(merged));
}

/** Whether a browser Origin may use the public API of this site. No Origin (not a browser) is allowed. */
export function isOriginAllowed(site: Site, origin: string | undefined, ownOrigin?: string): boolean {
  if (!origin) return true;
  const normalized = normalizeOrigin(origin);
  if (!normalized) return false;
  if (ownOrigin && normalized === ownOrigin) return true; // pages Parley serves itself (/demo, /admin)
  return site.settings.allowedOrigins.includes(normalized);
}

// Origins allowed by any site, for CORS preflights (which do not say which site they are for).
let originsCache: { at: number; origins: Set<string> } | null = null;
const ORIGINS_CACHE_MS = 5_000;

export async function anySiteAllowsOrigin(db: Db, origin: string): Promise<boolean> {
  const normalized = normalizeOrigin(origin);
  if (!normalized) return false;
  if (!originsCache || Date.now() - originsCache.at > ORIGINS_CACHE_MS) {
    const sites = await listSites(db);
    originsCache = { at: Date.now(), origins: new Set(sites.flatMap((s) => s.settings.allowedOrigins)) };
  }
  return originsCache.origins.has(normalized);
}
