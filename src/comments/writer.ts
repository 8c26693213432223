// Group commit for new comments. Posts that arrive together are written in one transaction, so one
// disk sync (SQLite synchronous=FULL) acknowledges several comments. Each post still waits for its
// own commit before its 201: nothing is acknowledged that is not on disk.
import type { Db } from '../store/db.js';
import type { CommentRow } from './public.js';
import { bumpStory } from './status.js';

interface Pending {
  row: CommentRow;
  resolve: () => void;
  reject: (err: unknown) => void;
}

const MAX_BATCH = 64;
const queues = new WeakMap<Db, { items: Pending[]; scheduled: boolean }>();

async function writeBatch(db: Db, items: Pending[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('comments').values(items.map((i) => i.row)).execute();
    // One count/version bump per story touched.
    const perStory = new Map<string, { site: string; story: string; approved: number }>();
    for (const { row } of items) {
      const key = `${row.site_id}\u0000${row.story_id}`;
      const entry = perStory.get(key) ?? { site: row.site_id, story: row.story_id, approved: 0 };
      if (row.status === 'approved') entry.approved += 1;
      perStory.set(key, entry);
    }
    for (const s of perStory.values()) if (s.approved) await bumpStory(trx, s.site, s.story, s.approved);
  });
}

async function flush(db: Db): Promise<void> {
  const queue = queues.get(db)!;
  queue.scheduled = false;
  const items = queue.items.splice(0, MAX_BATCH);
  if (queue.items.length) schedule(db, queue);
  try {
    await writeBatch(db, items);
    for (const i of items) i.resolve();
  } catch (err) {
    if (items.length === 1) return items[0].reject(err);
    // One bad row (e.g. its parent vanished) must not fail the others: write them one by one.
    for (const i of items) await writeBatch(db, [i]).then(i.resolve, i.reject);
  }
}

function schedule(db: Db, queue: { items: Pending[]; scheduled: boolean }): void {
  if (queue.scheduled) return;
  queue.scheduled = true;
  setImmediate(() => void flush(db));
}

/** Inserts a new comment (and bumps its story when it is approved); resolves once committed. */
export function insertComment(db: Db, row: CommentRow): Promise<void> {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = { items: [], scheduled: false }));
  const q = queue;
  return new Promise<void>((resolve, reject) => {
    q.items.push({ row, resolve, reject });
    schedule(db, q);
  });
}
