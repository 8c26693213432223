// Field-by-field checks of a posted comment, each with a sentence a reader understands.
import { cleanPlainText } from './render.js';

export const MESSAGES = {
  notObject: 'Send the comment as a JSON object.',
  site: 'Please say which site this comment is for.',
  unknownSite: 'This site does not exist.',
  story: 'Please say which story this comment is for.',
  unknownStory: 'This story does not exist.',
  closed: 'Comments are closed on this story.',
  name: 'Please enter your name.',
  nameLong: 'Your name is too long (at most 100 characters).',
  email: 'Please enter a valid email address.',
  website: 'Please enter a valid website address, starting with http:// or https://.',
  body: 'Please enter your comment.',
  bodyLong: (max: number, len: number) => `Your comment is too long: ${len} characters, at most ${max}.`,
  parent: 'The comment you are replying to does not exist.',
  depth: (limit: number) => `Replies can only be nested ${limit} levels deep. Please reply higher up the thread.`,
  acknowledgeNudge: 'acknowledgeNudge must be true or false.',
  notifyReplies: 'notifyReplies must be true or false.',
  notifyRepliesEmail: 'Give your email address to be told about replies.',
} as const;

export const MAX_NAME_LENGTH = 100;
const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

export interface CommentFields {
  site: string;
  story: string;
  parent: string | null;
  name: string;
  email: string;
  website: string | null;
  body: string;
  honeypot: boolean;
  acknowledgeNudge: boolean;
  /** The author asked to be e-mailed when someone replies. */
  notifyReplies: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Returns the cleaned fields and a map of field → message (empty when all is well). */
export function checkCommentFields(
  raw: unknown,
  maxLength: number,
): { fields: CommentFields; errors: Record<string, string> } | { notObject: true } {
  if (!isObject(raw)) return { notObject: true };
  const errors: Record<string, string> = {};

  const site = str(raw.site)?.trim() ?? '';
  if (!site) errors.site = MESSAGES.site;
  const story = str(raw.story)?.trim() ?? '';
  if (!story) errors.story = MESSAGES.story;

  const name = cleanPlainText(str(raw.name) ?? '');
  if (!name) errors.name = MESSAGES.name;
  else if (name.length > MAX_NAME_LENGTH) errors.name = MESSAGES.nameLong;

  const email = (str(raw.email) ?? '').trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) errors.email = MESSAGES.email;

  let website: string | null = null;
  if (raw.website !== undefined && raw.website !== null && raw.website !== '') {
    website = normalizeWebsite(raw.website);
    if (!website) errors.website = MESSAGES.website;
  }

  const body = typeof raw.body === 'string' ? raw.body.replace(/\r\n?/g, '\n').trim() : '';
  if (!body) errors.body = MESSAGES.body;
  else if ([...body].length > maxLength) errors.body = MESSAGES.bodyLong(maxLength, [...body].length);

  let parent: string | null = null;
  if (raw.parent !== undefined && raw.parent !== null && raw.parent !== '') {
    if (typeof raw.parent !== 'string' || raw.parent.length > 100) errors.parent = MESSAGES.parent;
    else parent = raw.parent;
  }

  if (raw.acknowledgeNudge !== undefined && typeof raw.acknowledgeNudge !== 'boolean') {
    errors.acknowledgeNudge = MESSAGES.acknowledgeNudge;
  }
  if (raw.notifyReplies !== undefined && typeof raw.notifyReplies !== 'boolean') errors.notifyReplies = MESSAGES.notifyReplies;
  else if (raw.notifyReplies === true && !email) errors.email = MESSAGES.notifyRepliesEmail;
  // Any value in the hidden field means a bot filled in every input it found.
  const honeypot = raw.honeypot !== undefined && raw.honeypot !== null && raw.honeypot !== '' && raw.honeypot !== false;

  return {
    fields: { site, story, parent, name, email, website, body, honeypot, acknowledgeNudge: raw.acknowledgeNudge === true, notifyReplies: raw.notifyReplies === true },
    errors,
  };
}

/** "example.com/me" → "https://example.com/me"; null unless it is an http(s) URL with a host. */
export function normalizeWebsite(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  let text = value.trim();
  if (!text || text.length > 300) return null;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) text = `https://${text}`;
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!url.hostname.includes('.') && url.hostname !== 'localhost') return null;
    if (url.username || url.password) return null;
    return url.href;
  } catch {
    return null;
  }
}

/** The edited body alone (PATCH). */
export function checkBody(raw: unknown, maxLength: number): { body: string } | { error: string } {
  const body = typeof raw === 'string' ? raw.replace(/\r\n?/g, '\n').trim() : '';
  if (!body) return { error: MESSAGES.body };
  const len = [...body].length;
  if (len > maxLength) return { error: MESSAGES.bodyLong(maxLength, len) };
  return { body };
}
