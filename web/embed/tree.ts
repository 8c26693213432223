// Immutable updates of the comment tree (top-level comments with nested replies).
import type { Comment, Sort } from './types.js';

export function findComment(list: Comment[], id: string): Comment | null {
  for (const c of list) {
    if (c.id === id) return c;
    const inner = c.replies ? findComment(c.replies, id) : null;
    if (inner) return inner;
  }
  return null;
}

/** Replaces the comment with the same id, wherever it is; returns the same list when absent. */
export function replaceComment(list: Comment[], id: string, update: (c: Comment) => Comment): Comment[] {
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

/**
 * Adds a comment in its place: a reply at the end of its parent's replies, a top-level comment
 * first (newest sort) or last. A comment already present is updated instead (e.g. the author's
 * own pending comment that was just approved). Returns null when the parent is not loaded.
 */
export function insertComment(list: Comment[], comment: Comment, sort: Sort): Comment[] | null {
  if (findComment(list, comment.id)) {
    return replaceComment(list, comment.id, (old) => ({ ...old, ...comment, replies: old.replies, own: old.own || comment.own }));
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

/** Takes a comment (with the replies under it) out of the tree; its parent counts one reply fewer. */
export function removeComment(list: Comment[], id: string): Comment[] {
  if (list.some((c) => c.id === id)) return list.filter((c) => c.id !== id);
  let changed = false;
  const next = list.map((c) => {
    if (!c.replies?.length) return c;
    const replies = removeComment(c.replies, id);
    if (replies === c.replies) return c;
    changed = true;
    const direct = replies.length < c.replies.length;
    return { ...c, replies, replyCount: direct ? Math.max(0, (c.replyCount ?? 1) - 1) : c.replyCount };
  });
  return changed ? next : list;
}

/** Appends a page of replies under one comment and records the next cursor. */
export function appendReplies(list: Comment[], id: string, more: Comment[], cursor: string | null): Comment[] {
  return replaceComment(list, id, (p) => {
    const have = new Set((p.replies ?? []).map((r) => r.id));
    return { ...p, replies: [...(p.replies ?? []), ...more.filter((r) => !have.has(r.id))], moreReplies: cursor };
  });
}
