// A site's settings, kept as one JSON text column. Missing keys take the defaults, so adding a setting
// never needs a migration.
import type { ModerationMode, SitePolicy, Thresholds } from '../moderation/types.js';

export interface SiteSettings {
  mode: ModerationMode;
  thresholds: Thresholds;
  bannedWords: string[];
  suspectWords: string[];
  maxLinks: number;
  /** Replies nest at most this many levels (top-level comments are level 1). */
  depthLimit: number;
  /** Longest comment body, in characters. */
  maxLength: number;
  /** How long an author may edit or delete their own comment. */
  editWindowSeconds: number;
  /** The comments policy shown above the form. */
  policy: string;
  /** Origins (scheme://host[:port]) allowed to call the public API for this site (CORS + Origin check). */
  allowedOrigins: string[];
  /** Akismet API key: when set, new and edited comments also get Akismet's opinion (src/spam). Never sent to browsers whole. */
  akismetKey: string | null;
  /** Moderators' addresses told (at most every 10 minutes) when comments on this site are held for review. */
  notifyEmails: string[];
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  mode: 'premod',
  thresholds: { review: 0.5, reject: 0.9 },
  bannedWords: [],
  suspectWords: [],
  maxLinks: 2,
  depthLimit: 5,
  maxLength: 5000,
  editWindowSeconds: 900,
  policy: 'Be civil and stay on topic. Comments are reviewed before they are published.',
  allowedOrigins: [],
  akismetKey: null,
  notifyEmails: [],
};

const MODES: readonly ModerationMode[] = ['premod', 'auto', 'postmod'];

export function isModerationMode(value: unknown): value is ModerationMode {
  return typeof value === 'string' && (MODES as readonly string[]).includes(value);
}

/** Reads the settings column; tolerates missing or malformed keys by using the defaults. */
export function parseSiteSettings(json: string | null | undefined): SiteSettings {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = json ? JSON.parse(json) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) raw = parsed as Record<string, unknown>;
  } catch {
    raw = {};
  }
  const d = DEFAULT_SITE_SETTINGS;
  const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  const strings = (v: unknown, fallback: string[]) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : fallback;
  const t = (raw.thresholds ?? {}) as Partial<Thresholds>;
  return {
    mode: isModerationMode(raw.mode) ? raw.mode : d.mode,
    thresholds: { review: num(t.review, d.thresholds.review), reject: num(t.reject, d.thresholds.reject) },
    bannedWords: strings(raw.bannedWords, d.bannedWords),
    suspectWords: strings(raw.suspectWords, d.suspectWords),
    maxLinks: num(raw.maxLinks, d.maxLinks),
    depthLimit: num(raw.depthLimit, d.depthLimit),
    maxLength: num(raw.maxLength, d.maxLength),
    editWindowSeconds: num(raw.editWindowSeconds, d.editWindowSeconds),
    policy: typeof raw.policy === 'string' ? raw.policy : d.policy,
    allowedOrigins: strings(raw.allowedOrigins, d.allowedOrigins).map(normalizeOrigin).filter((o): o is string => !!o),
    akismetKey: typeof raw.akismetKey === 'string' && raw.akismetKey ? raw.akismetKey : d.akismetKey,
    notifyEmails: strings(raw.notifyEmails, d.notifyEmails),
  };
}

/** "https://Example.com/path" → "https://example.com"; null when not an http(s) origin. */
export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** What the moderation engine needs from the site (plus the story's own mode when it has one). */
export function sitePolicy(settings: SiteSettings, storyMode?: ModerationMode | null): SitePolicy {
  return {
    mode: storyMode ?? settings.mode,
    thresholds: settings.thresholds,
    bannedWords: settings.bannedWords,
    suspectWords: settings.suspectWords,
    maxLinks: settings.maxLinks,
  };
}
