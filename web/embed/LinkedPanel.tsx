// The "Linked comment" panel above the thread: a #comment-<id> link's comment that the thread has not
// loaded, with the chain of comments it answers ("in reply to …", parent first). Like and Report work;
// replying happens in the thread, where the reply has its place.
import { format, type EmbedStrings } from '../strings.js';
import { CommentItem } from './CommentItem.js';
import { LINKED_PANEL_ID, type LinkedPanelState } from './deep-link.js';
import type { ReaderApi } from './api.js';

interface Props {
  panel: LinkedPanelState;
  setPanel: (panel: LinkedPanelState | null) => void;
  api: ReaderApi;
  s: EmbedStrings;
  now: number;
  highlighted: boolean;
}

const notNow = () => Promise.resolve({ kind: 'failed', error: '' } as const);

export function LinkedPanel({ panel, setPanel, api, s, now, highlighted }: Props) {
  const context = panel.context;
  if (context === undefined) return null;
  const c = context?.comment;
  return (
    <section class="linked" id={LINKED_PANEL_ID} tabIndex={-1} aria-label={s.linkedComment}>
      <div class="top">
        <h3>{s.linkedComment}</h3>
        <button type="button" class="link" onClick={() => setPanel(null)}>
          {s.linkedClose}
        </button>
      </div>
      {c ? (
        <>
          {context.ancestors.length ? (
            <p class="chain">
              {context.ancestors
                .map((a) => (a.status === 'removed' ? s.linkedInReplyToRemoved : format(s.linkedInReplyTo, { name: a.author.name })))
                .reverse()
                .join(' · ')}
            </p>
          ) : null}
          <CommentItem
            c={c}
            s={s}
            now={now}
            isNew={false}
            isLinked={highlighted}
            repliesNoticed={false}
            canReply={false}
            replying={false}
            onReply={() => {}}
            onLike={async () => {
              const liked = await api.like(c.id, !c.likedByMe);
              if (liked) setPanel({ ...panel, context: { ...context, comment: { ...c, likes: liked.likes, likedByMe: liked.liked } } });
            }}
            onMoreReplies={() => {}}
            onReport={(reason) => api.report(c.id, reason)}
            canChange={false}
            onSaveEdit={notNow}
            onDelete={() => Promise.resolve({ ok: false, error: '' })}
          />
        </>
      ) : (
        <p class="removed-note">{s.linkedUnavailable}</p>
      )}
    </section>
  );
}
