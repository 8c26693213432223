// A site's Akismet key as the settings API handles it: its shape, what of it a browser may see, and
// asking Akismet whether a newly entered key is valid before it is saved.
import { AppError } from '../errors.js';
import { akismetClient, type WarnLog } from './akismet.js';

/** Classic Akismet keys are 12 letters and digits; accept a range so newer keys fit. */
export const AKISMET_KEY_PATTERN = /^[A-Za-z0-9]{8,64}$/;
export const AKISMET_KEY_MESSAGE = 'An Akismet key is 8 to 64 letters and digits, as shown on your akismet.com account page.';
export const AKISMET_KEY_REFUSED = 'Akismet says this key is not valid. Check it on your akismet.com account page.';
export const AKISMET_KEY_UNCHECKED = 'Saved. Akismet could not be reached to confirm the key; comments are checked with it when Akismet answers.';

/** What the dashboard may know of a key: whether one is set, and its last 4 characters to tell keys apart. */
export function akismetKeySummary(key: string | null): { keySet: boolean; keyLast4: string | null } {
  return { keySet: !!key, keyLast4: key ? key.slice(-4) : null };
}

/** The key as written to the audit log (moderators can read it): its last 4 characters only. */
export function maskedAkismetKey(key: string | null): string | null {
  return key ? `…${key.slice(-4)}` : null;
}

/**
 * Asks Akismet about a key before it is saved: 400 when Akismet calls it invalid; a notice (still
 * saved) when Akismet could not be asked, so an outage does not stop an admin from configuring it.
 */
export async function confirmAkismetKey(key: string, blog: string, log: WarnLog): Promise<string | undefined> {
  const status = await akismetClient(log).verifyKey(key, blog);
  if (status === 'invalid') throw new AppError(400, AKISMET_KEY_REFUSED, { errors: { akismetKey: AKISMET_KEY_REFUSED } });
  return status === 'unknown' ? AKISMET_KEY_UNCHECKED : undefined;
}
