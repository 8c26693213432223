// Moderator digests: each address in a site's notifyEmails hears about comments held for review there,
// at most once per DIGEST_WINDOW_MS, in one message listing what was held since its previous one.
// Driven by the sender loop, so a comment held during the quiet window is still told when it ends.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { listSites, type Site } from '../sites/index.js';
import { enqueueMail } from './outbox.js';
import { moderatorDigest, type HeldComment } from './templates.js';

export const DIGEST_WINDOW_MS = 10 * 60_000;
/** Comments shown in full in one digest; the rest are counted. */
export const DIGEST_LISTED = 5;

interface HeldSince {
  total: number;
  newest: string;
  listed: HeldComment[];
}

/** Labels of the reasons stored with the comment's moderation result ([] when unreadable). */
function reasonLabels(moderation: string | null): string[] {
  if (!moderation) return [];
  try {
    const parsed = JSON.parse(moderation) as { reasons?: { label?: unknown }[] };
    const labels = (parsed.reasons ?? []).map((r) => r.label).filter((l): l is string => typeof l === 'string' && l !== '');
    return [...new Set(labels)];
  } catch {
    return [];
  }
}

/** Comments of the site still pending whose status changed after `since`, oldest first. */
async function heldSince(db: Kysely<Database>, siteId: string, since: string): Promise<HeldSince | null> {
  const held = db
    .selectFrom('comments')
    .where('comments.site_id', '=', siteId)
    .where('comments.status', '=', 'pending')
    .where('comments.status_changed_at', '>', since);
  const summary = await held
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.max('comments.status_changed_at').as('newest')])
    .executeTakeFirst();
  const total = Number(summary?.total ?? 0);
  if (total === 0 || !summary?.newest) return null;
  const rows = await held
    .innerJoin('stories', (j) => j.onRef('stories.site_id', '=', 'comments.site_id').onRef('stories.id', '=', 'comments.story_id'))
    .select(['comments.author_name', 'comments.body', 'comments.moderation', 'stories.title'])
    .orderBy('comments.status_changed_at')
    .orderBy('comments.id')
    .limit(DIGEST_LISTED)
    .execute();
  return {
    total,
    newest: String(summary.newest),
    listed: rows.map((r) => ({ authorName: r.author_name, storyTitle: r.title, body: r.body, reasons: reasonLabels(r.moderation) })),
  };
}

/**
 * Takes this address's turn: true when this caller may send the digest. The update only matches the
 * state it read, so of two server processes deciding at once only one queues a message.
 */
async function takeTurn(
  trx: Kysely<Database>,
  site: string,
  address: string,
  previous: string | null,
  now: string,
  listedUntil: string,
): Promise<boolean> {
  if (previous === null) {
    const inserted = await trx
      .insertInto('moderator_digests')
      .values({ site_id: site, address, last_sent_at: now, listed_until: listedUntil })
      .onConflict((oc) => oc.columns(['site_id', 'address']).doNothing())
      .returning('address')
      .execute();
    return inserted.length === 1;
  }
  const updated = await trx
    .updateTable('moderator_digests')
    .set({ last_sent_at: now, listed_until: listedUntil })
    .where('site_id', '=', site)
    .where('address', '=', address)
    .where('last_sent_at', '=', previous)
    .returning('address')
    .execute();
  return updated.length === 1;
}

async function queueSiteDigests(db: Kysely<Database>, site: Site, adminUrl: string, now: Date): Promise<number> {
  const states = await db.selectFrom('moderator_digests').selectAll().where('site_id', '=', site.id).execute();
  const stateOf = new Map(states.map((s) => [s.address, s]));
  const windowStart = new Date(now.getTime() - DIGEST_WINDOW_MS).toISOString();
  let queued = 0;
  for (const address of site.settings.notifyEmails) {
    const state = stateOf.get(address);
    if (state && state.last_sent_at > windowStart) continue;
    // An address new to the list hears about what was held in the last window, not the whole backlog.
    const held = await heldSince(db, site.id, state?.listed_until ?? windowStart);
    if (!held) continue;
    const sent = await db.transaction().execute(async (trx) => {
      if (!(await takeTurn(trx, site.id, address, state?.last_sent_at ?? null, now.toISOString(), held.newest))) return false;
      await enqueueMail(trx, moderatorDigest({ to: address, siteName: site.name, total: held.total, listed: held.listed, adminUrl }), now);
      return true;
    });
    if (sent) queued += 1;
  }
  return queued;
}

/** Queues the digests due now on every site that names addresses; returns how many were queued. */
export async function queueModeratorDigests(db: Kysely<Database>, publicUrl: string, now: Date): Promise<number> {
  let queued = 0;
  for (const site of await listSites(db)) {
    if (site.settings.notifyEmails.length) queued += await queueSiteDigests(db, site, `${publicUrl}/admin`, now);
  }
  return queued;
}
