// The words of editing and deleting one's own comment. They belong with the embed's table in
// web/strings.ts and are translated the same way (window.ParleyStrings); kept here until they move there.
import { siteStrings, type EmbedStrings } from '../strings.js';

export const ownCommentStrings = {
  editComment: 'Edit',
  editTitle: 'Edit your comment',
  saveEdit: 'Save changes',
  savingEdit: 'Saving…',
  cancelEdit: 'Cancel',
  editSaved: 'Your changes are saved.',
  editAwaiting: 'Your changes are saved and await moderation.',
  editFailed: 'Your changes could not be saved. Please check your connection and try again.',
  nudgeSaveAnyway: 'Save anyway',
  nudgeSaveAnywayNote: 'If you save anyway, a moderator will review your comment before it appears again.',
  deleteComment: 'Delete',
  deleteConfirm: 'Delete your comment? This cannot be undone.',
  deleteYes: 'Yes, delete it',
  deleteNo: 'Keep it',
  deleting: 'Deleting…',
  deleted: 'Your comment was deleted.',
  deleteFailed: 'Your comment could not be deleted. Please check your connection and try again.',
};

export type ReaderStrings = EmbedStrings & typeof ownCommentStrings;

/** Every word of the embed with a site's overrides applied; unknown keys and non-strings are ignored. */
export function readerStrings(overrides: unknown): ReaderStrings {
  const own = { ...ownCommentStrings };
  if (overrides && typeof overrides === 'object') {
    for (const key of Object.keys(own) as (keyof typeof own)[]) {
      const value = (overrides as Record<string, unknown>)[key];
      if (typeof value === 'string') own[key] = value;
    }
  }
  return { ...siteStrings(overrides), ...own };
}
