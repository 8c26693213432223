// Immutable updates of the comment tree (top-level comments with nested replies).
import type { Comment, RemovedComment, Sort, ThreadComment } from './types.js';

export function findComment(list: ThreadComment[], id: string): ThreadComment | null {
  for (const c of list) {
    if (c.id === id) return c;
    const inner = c.replies ? findComment(c.replies, id) : null;
    if (inner) return inner;
  }
  return null;
}

/** Replaces the comment with the same id, wherever it is; returns the same list when absent. */
export function replaceComment(list: ThreadComment[], id: string, update: (c: ThreadComment) => ThreadComment): ThreadComment[] {
  let changed = false;
  const next = list.map((c) => {
    if (c.id === id) {
      changed = true;
      return update(c);
    }
    if (c.replies?.length) {
      const replies = replaceComment(c.replies, id, update);
      if (replies !== c.replies) {
        changed = true;
        return { ...c, replies };
      }
    }
    return c;
  });
  return changed ? next : list;
}

/** replaceComment for a comment proper: a placeholder with that id is left as it is. */
export function updateComment(list: ThreadComment[], id: string, update: (c: Comment) => Comment): ThreadComment[] {
  return replaceComment(list, id, (c) => (c.status === 'removed' ? c : update(c)));
}

/**
 * Adds a comment in its place: a reply at the end of its parent's replies, a top-level comment
 * first (newest sort) or last. A comment already present is updated instead (e.g. the author's
 * own pending comment that was just approved). Returns null when the parent is not loaded.
 */
export function insertComment(list: ThreadComment[], comment: Comment, sort: Sort): ThreadComment[] | null {
  if (findComment(list, comment.id)) {
    // A placeholder whose comment was approved again becomes the comment, its replies kept.
    return replaceComment(list, comment.id, (old) => ({
      ...old,
      ...comment,
      replies: old.replies,
      own: (old.status !== 'removed' && old.own) || comment.own,
    }));
  }
  const fresh = { ...comment, replies: comment.replies ?? [] };
  if (!comment.parent) return sort === 'newest' ? [fresh, ...list] : [...list, fresh];
  if (!findComment(list, comment.parent)) return null;
  return replaceComment(list, comment.parent, (p) => ({
    ...p,
    replies: [...(p.replies ?? []), fresh],
    replyCount: (p.replyCount ?? 0) + 1,
  }));
}

/** What the server shows for a comment that is gone but has replies: where it stood, nothing else. */
export function placeholderFor(c: ThreadComment): RemovedComment {
  const { id, site, story, parent, depth, createdAt, replies, replyCount, moreReplies } = c;
  return { id, site, story, parent, depth, createdAt, status: 'removed', replies, replyCount, moreReplies };
}

/** A placeholder with nothing below it any more stands for nothing (the server leaves such ones out). */
const standsForNothing = (c: ThreadComment): boolean => c.status === 'removed' && !c.replies?.length && !c.moreReplies;

/**
 * Takes a comment out of the tree, as the server would show the thread now: a comment with replies
 * becomes a placeholder above them; one without goes, its parent counts one reply fewer, and a
 * placeholder left with no replies goes too.
 */
export function removeComment(list: ThreadComment[], id: string): ThreadComment[] {
  const at = list.findIndex((c) => c.id === id);
  if (at >= 0) {
    const gone = list[at];
    const keep = gone.replies?.length || gone.moreReplies;
    return keep ? list.map((c, i) => (i === at ? placeholderFor(c) : c)) : list.filter((c) => c.id !== id);
  }
  let changed = false;
  const next: ThreadComment[] = [];
  for (const c of list) {
    const replies = c.replies?.length ? removeComment(c.replies, id) : c.replies;
    if (replies === c.replies) {
      next.push(c);
      continue;
    }
    changed = true;
    const direct = replies!.length < c.replies!.length;
    const updated = { ...c, replies, replyCount: direct ? Math.max(0, (c.replyCount ?? 1) - 1) : c.replyCount };
    if (!standsForNothing(updated)) next.push(updated);
  }
  return changed ? next : list;
}

/** Appends a page of replies under one comment and records the next cursor. */
export function appendReplies(list: ThreadComment[], id: string, more: ThreadComment[], cursor: string | null): ThreadComment[] {
  return replaceComment(list, id, (p) => {
    const have = new Set((p.replies ?? []).map((r) => r.id));
    return { ...p, replies: [...(p.replies ?? []), ...more.filter((r) => !have.has(r.id))], moreReplies: cursor };
  });
}
