// One comment: author (linked to their website), time, body, likes, reply button, replies; on the
// reader's own comment, while the edit window is open, Edit (in place) and Delete (confirmed inline).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { format, type EmbedStrings } from '../strings.js';
import { safeHttpUrl } from '../highlight.js';
import { rememberedSource } from './api.js';
import { EditForm } from './EditForm.js';
import { commentElementId } from './deep-link.js';
import { markdownFromHtml } from './markdown.js';
import { exactTime, relativeTime } from './time.js';
import type { Comment, DeleteResult, EditResult, ThreadComment } from './types.js';

interface Props {
  c: Comment;
  s: EmbedStrings;
  now: number;
  isNew: boolean;
  /** The comment the page's #comment-<id> links to: highlighted briefly. */
  isLinked: boolean;
  /** The reader posted it here asking for reply e-mails, and the server recorded that. */
  repliesNoticed: boolean;
  canReply: boolean;
  replying: boolean;
  onReply: () => void;
  onLike: () => void;
  onMoreReplies: () => void;
  onReport: (reason: string) => Promise<boolean>;
  /** The reader's own comment, inside the edit window. */
  canChange: boolean;
  maxLength?: number;
  onSaveEdit: (text: string, acknowledgeNudge: boolean) => Promise<EditResult>;
  onDelete: () => Promise<DeleteResult>;
  children?: ComponentChildren;
}

// The server's answers that mean this comment can no longer be changed from here (not the reader's,
// gone, decided by a moderator, window closed): Edit and Delete go away.
const FINAL_REFUSALS = [403, 404, 409];

/** A stable, pleasant colour per author name for the initial's badge. */
function hue(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) % 360;
  return h;
}

export function CommentItem(props: Props) {
  const { c, s, now, isNew, isLinked, repliesNoticed, canReply, replying, onReply, onLike, onMoreReplies, onReport, maxLength, children } = props;
  const [reporting, setReporting] = useState<'closed' | 'open' | 'sent' | 'failed'>('closed');
  const [changing, setChanging] = useState<'no' | 'editing' | 'confirming-delete' | 'deleting'>('no');
  const [editFrom, setEditFrom] = useState('');
  const [refused, setRefused] = useState(false);
  const [changeError, setChangeError] = useState('');
  const articleRef = useRef<HTMLElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  const returnFocusTo = useRef<'edit' | 'delete' | null>(null);
  const canChange = props.canChange && !refused;

  // Keyboard users land where they were: on "Keep it" when asked to confirm, back on the button after
  // cancelling (on the comment when the button is gone: the window closed meanwhile).
  useEffect(() => {
    if (changing === 'confirming-delete') keepButton.current?.focus();
    const back = returnFocusTo.current;
    if (changing !== 'no' || !back) return;
    returnFocusTo.current = null;
    ((back === 'edit' ? editButton : deleteButton).current ?? articleRef.current)?.focus();
  }, [changing]);

  function stopChanging(focus: 'edit' | 'delete') {
    returnFocusTo.current = focus;
    setChanging('no');
  }

  function startEditing() {
    setEditFrom(rememberedSource(c.id) ?? markdownFromHtml(c.html));
    setChanging('editing');
  }

  async function saveEdit(text: string, acknowledgeNudge: boolean): Promise<EditResult> {
    const result = await props.onSaveEdit(text, acknowledgeNudge);
    if (result.kind === 'edited') setChanging('no');
    else if (result.kind === 'failed' && FINAL_REFUSALS.includes(result.httpStatus ?? 0)) setRefused(true);
    return result;
  }

  async function confirmDelete() {
    setChanging('deleting');
    setChangeError('');
    const result = await props.onDelete();
    if (result.ok) return; // the comment leaves the thread
    setChangeError(result.error || s.deleteFailed);
    if (FINAL_REFUSALS.includes(result.httpStatus ?? 0)) {
      setRefused(true);
      setChanging('no');
    } else setChanging('confirming-delete');
  }

  const name = c.author?.name || '?';
  const website = safeHttpUrl(c.author?.website);
  const initial = Array.from(name.trim())[0]?.toUpperCase() ?? '?';
  const approved = c.status === 'approved';
  const notice = c.own && !approved ? (c.status === 'rejected' ? s.notPublished : s.awaiting) : null;
  const headingId = `parley-by-${c.id}`;
  return (
    <article
      ref={articleRef}
      class={`comment${isNew ? ' is-new' : ''}${isLinked ? ' is-linked' : ''}${c.own ? ' is-own' : ''}${approved ? '' : ' is-waiting'}`}
      id={commentElementId(c.id)}
      data-comment-id={c.id}
      data-status={c.status}
      tabIndex={-1}
      aria-labelledby={headingId}
    >
      <header class="meta">
        <span class="avatar" aria-hidden="true" style={{ '--h': String(hue(name)) }}>
          {initial}
        </span>
        <span class="who" id={headingId}>
          {website ? (
            <a class="author" href={website} rel="nofollow ugc noopener" target="_blank">
              {name}
            </a>
          ) : (
            <span class="author">{name}</span>
          )}
        </span>
        <time class="time" dateTime={c.createdAt} title={exactTime(c.createdAt, s.locale)}>
          {relativeTime(c.createdAt, s.locale, now, s.timeAgoNow)}
        </time>
        {c.editedAt ? <span class="edited">({s.edited})</span> : null}
        {c.featured ? <span class="pick">{s.editorsPick}</span> : null}
      </header>
      {notice ? (
        <p class={`notice${c.status === 'rejected' ? ' bad' : ''}`} role="note">
          {notice}
        </p>
      ) : null}
      {repliesNoticed ? (
        <p class="notice-replies" role="note">
          {s.notifyRepliesOn}
        </p>
      ) : null}
      {changing === 'editing' ? (
        <EditForm
          s={s}
          commentId={c.id}
          initialText={editFrom}
          maxLength={maxLength}
          onSave={saveEdit}
          onCancel={() => stopChanging('edit')}
        />
      ) : (
        <div class="body" dangerouslySetInnerHTML={{ __html: c.html }} />
      )}
      {approved || (canChange && changing === 'no') ? (
        <footer class="actions">
          {approved ? (
            <>
              <button type="button" class="link like" aria-label={s.like} aria-pressed={c.likedByMe ? 'true' : 'false'} onClick={onLike}>
                <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
                  <path d="M12 21s-7.5-4.6-9.5-9.1C1.1 8.6 3.2 5 6.8 5c2.1 0 3.5 1.2 4.2 2.3h2c.7-1.1 2.1-2.3 4.2-2.3 3.6 0 5.7 3.6 4.3 6.9C19.5 16.4 12 21 12 21z" />
                </svg>
                {c.likedByMe ? s.liked : s.like}
              </button>
              {c.likes > 0 ? (
                <span class="likes">{c.likes === 1 ? s.likedByOne : format(s.likedByMany, { n: c.likes })}</span>
              ) : null}
              {canReply && !replying ? (
                <button type="button" class="link reply" onClick={onReply} aria-label={format(s.replyTo, { name })}>
                  {s.reply}
                </button>
              ) : null}
              {!c.own && reporting === 'closed' ? (
                <button type="button" class="link report" onClick={() => setReporting('open')}>
                  {s.report}
                </button>
              ) : null}
            </>
          ) : null}
          {canChange && changing === 'no' ? (
            <>
              <button type="button" class="link edit" ref={editButton} aria-describedby={headingId} onClick={startEditing}>
                {s.editComment}
              </button>
              <button
                type="button"
                class="link delete"
                ref={deleteButton}
                aria-describedby={headingId}
                onClick={() => {
                  setChangeError('');
                  setChanging('confirming-delete');
                }}
              >
                {s.deleteComment}
              </button>
            </>
          ) : null}
        </footer>
      ) : null}
      {changing === 'confirming-delete' || changing === 'deleting' ? (
        <div class="confirm" role="group" aria-labelledby={`parley-confirm-${c.id}`}>
          <p id={`parley-confirm-${c.id}`}>{s.deleteConfirm}</p>
          <button type="button" class="button danger small" disabled={changing === 'deleting'} onClick={() => void confirmDelete()}>
            {changing === 'deleting' ? s.deleting : s.deleteYes}
          </button>
          <button type="button" class="button secondary small" ref={keepButton} onClick={() => stopChanging('delete')}>
            {s.deleteNo}
          </button>
        </div>
      ) : null}
      {changeError ? (
        <p class="report-note bad" role="alert">
          {changeError}
        </p>
      ) : null}
      {reporting === 'open' ? (
        <form
          class="report-form"
          aria-label={s.reportTitle}
          onSubmit={(e) => {
            e.preventDefault();
            const reason = (e.currentTarget.elements.namedItem('reason') as HTMLSelectElement).value;
            void onReport(reason).then((ok) => setReporting(ok ? 'sent' : 'failed'));
          }}
        >
          <label>
            {s.reportWhy}{' '}
            <select name="reason" ref={(el) => el?.focus()}>
              <option value="spam">{s.reportSpam}</option>
              <option value="abuse">{s.reportAbuse}</option>
              <option value="off-topic">{s.reportOffTopic}</option>
              <option value="other">{s.reportOther}</option>
            </select>
          </label>
          <button type="submit" class="button secondary small">
            {s.reportSend}
          </button>
          <button type="button" class="link" onClick={() => setReporting('closed')}>
            {s.reportCancel}
          </button>
        </form>
      ) : reporting === 'sent' || reporting === 'failed' ? (
        <p class={`report-note${reporting === 'failed' ? ' bad' : ''}`} role="status">
          {reporting === 'sent' ? s.reportThanks : s.reportFailed}
        </p>
      ) : null}
      {children}
      <MoreRepliesButton c={c} s={s} onClick={onMoreReplies} />
    </article>
  );
}

/** "Show more replies" under a comment or a placeholder whose replies go on beyond the ones shown. */
export function MoreRepliesButton({ c, s, onClick }: { c: ThreadComment; s: EmbedStrings; onClick: () => void }) {
  return c.moreReplies ? (
    <button type="button" class="link more-replies" onClick={onClick}>
      {s.loadMoreReplies}
    </button>
  ) : null;
}
