// Whether the reader may still change their own comment. The server allows it while the comment is
// pending or approved and no older than the site's editWindowSeconds (src/comments/own.ts), by its
// own clock: a 409 answers a window that closed sooner than this browser thinks.
import type { ThreadComment } from './types.js';

/** The time (ms since the epoch) until which the reader may edit or delete `c`; null when never. */
export function changeableUntil(c: ThreadComment, editWindowSeconds: number): number | null {
  if (c.status === 'removed' || !c.own || (c.status !== 'approved' && c.status !== 'pending')) return null;
  const created = Date.parse(c.createdAt);
  return Number.isFinite(created) ? created + editWindowSeconds * 1000 : null;
}

export function canChange(c: ThreadComment, editWindowSeconds: number, now: number): boolean {
  const until = changeableUntil(c, editWindowSeconds);
  return until !== null && now < until;
}

/** The soonest moment after `now` when one of the reader's comments in the tree stops being changeable. */
export function nextWindowClose(list: ThreadComment[], editWindowSeconds: number, now: number): number | null {
  let soonest: number | null = null;
  const visit = (items: ThreadComment[]) => {
    for (const c of items) {
      const until = changeableUntil(c, editWindowSeconds);
      if (until !== null && until > now && (soonest === null || until < soonest)) soonest = until;
      if (c.replies?.length) visit(c.replies);
    }
  };
  visit(list);
  return soonest;
}
