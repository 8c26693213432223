// A placeholder for a comment that is gone (deleted, or removed by a moderator) while replies to it
// remain: a muted line in its place, with no author, text or actions; the replies render below it.
import type { ComponentChildren } from 'preact';
import type { EmbedStrings } from '../strings.js';
import { MoreRepliesButton } from './CommentItem.js';
import { commentElementId } from './deep-link.js';
import type { RemovedComment } from './types.js';

interface Props {
  c: RemovedComment;
  s: EmbedStrings;
  onMoreReplies: () => void;
  children?: ComponentChildren;
}

export function RemovedItem({ c, s, onMoreReplies, children }: Props) {
  const noteId = `parley-removed-${c.id}`;
  return (
    <article class="comment is-removed" id={commentElementId(c.id)} data-comment-id={c.id} data-status={c.status} tabIndex={-1} aria-labelledby={noteId}>
      <p class="removed-note" id={noteId}>
        {s.commentRemoved}
      </p>
      {children}
      <MoreRepliesButton c={c} s={s} onClick={onMoreReplies} />
    </article>
  );
}
