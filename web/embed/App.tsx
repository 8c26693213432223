// The comments section: heading with the count, policy, sorting, the thread, the reply form,
// and live updates over server-sent events. All reader-written text is rendered as text nodes;
// only `comment.html` (sanitized by the server) is inserted as HTML.
import { useEffect, useRef, useState } from 'preact/hooks';
import { format, type EmbedStrings } from '../strings.js';
import { loadProfile, saveProfile, type ReaderApi } from './api.js';
import { canChange, nextWindowClose } from './edit-window.js';
import { appendReplies, findComment, insertComment, removeComment, updateComment } from './tree.js';
import type { Comment, DeleteResult, EditResult, Nudge, SiteInfo, Sort, Status, StoryInfo, ThreadComment, ThreadView } from './types.js';
import { CommentForm, type Draft } from './Form.js';
import { CommentItem } from './CommentItem.js';
import { RemovedItem } from './RemovedItem.js';
import { useLinkedComment } from './deep-link.js';
import { LinkedPanel } from './LinkedPanel.js';

interface Props {
  api: ReaderApi;
  s: EmbedStrings;
  theme: string | null;
}

export interface FormState {
  busy: boolean;
  errors: Record<string, string>;
  general: string;
  nudge: Nudge | null;
  nudgedText: string;
}

const idleForm: FormState = { busy: false, errors: {}, general: '', nudge: null, nudgedText: '' };

export function App({ api, s, theme }: Props) {
  const [site, setSite] = useState<SiteInfo | null>(null);
  const [story, setStory] = useState<StoryInfo | null>(null);
  const [comments, setComments] = useState<ThreadComment[]>([]);
  const [total, setTotal] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [sort, setSort] = useState<ThreadView>('oldest');
  // The sort the select shows, and what the Editors' picks toggle goes back to.
  const [treeSort, setTreeSort] = useState<Sort>('oldest');
  const [featuredCount, setFeaturedCount] = useState(0);
  const [loadError, setLoadError] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [replyTo, setReplyTo] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(() => ({ ...loadProfile(), body: '', honeypot: '' }));
  const [form, setForm] = useState<FormState>(idleForm);
  const [announcement, setAnnouncement] = useState('');
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  /** The reader's comments posted here whose replies the server will e-mail them about. */
  const [replyNoticesFor, setReplyNoticesFor] = useState<Set<string>>(new Set());
  const [now, setNow] = useState(Date.now());
  /** A CSS selector: what gets focus once the next render is on screen. */
  const focusAfterRender = useRef<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  // The event listener below outlives renders, so it reads the latest sort from a ref.
  const sortRef = useRef(sort);
  sortRef.current = sort;
  const [linkedId, linkedPanel, setLinkedPanel] = useLinkedComment(rootRef, story !== null, (id) => api.context(id));

  async function load(nextSort: ThreadView) {
    setLoadError(false);
    try {
      const t = await api.thread(nextSort);
      setSite(t.site);
      setStory(t.story);
      setComments(t.comments);
      setTotal(t.total);
      setFeaturedCount(t.featuredCount ?? 0);
      setCursor(t.nextCursor);
    } catch {
      setLoadError(true);
    }
  }

  useEffect(() => {
    void load(sort);
  }, [sort]);

  // Relative times ("3 minutes ago") stay right while the page is open.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  // Live: newly approved comments of this story arrive over server-sent events.
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(api.streamUrl());
    source.addEventListener('comment', (event) => {
      let incoming: Comment;
      try {
        incoming = JSON.parse((event as MessageEvent<string>).data) as Comment;
      } catch {
        return;
      }
      if (!incoming || typeof incoming.id !== 'string' || incoming.status !== 'approved') return;
      setComments((list) => {
        const before = findComment(list, incoming.id);
        // The picks list shows picks only; a new comment is never one.
        if (before?.status === 'approved' || sortRef.current === 'featured') return list;
        countChange(before?.status, 'approved');
        if (!before) {
          setFresh((f) => new Set(f).add(incoming.id));
          setAnnouncement(format(s.newComment, { name: incoming.author?.name ?? '' }));
        }
        return insertComment(list, incoming, sortRef.current as Sort) ?? list;
      });
    });
    return () => source.close();
  }, [api]);

  // Edit and Delete go away the moment the reader's edit window closes, not at the next 30-second tick.
  const editWindowSeconds = site?.editWindowSeconds ?? 0;
  useEffect(() => {
    const closes = nextWindowClose(comments, editWindowSeconds, Date.now());
    if (closes === null) return;
    const timer = setTimeout(() => setNow(Date.now()), closes - Date.now() + 1);
    return () => clearTimeout(timer);
  }, [comments, editWindowSeconds, now]);

  // After posting, editing or deleting, move focus to where the change happened, so keyboard and
  // screen-reader users land on it.
  useEffect(() => {
    const selector = focusAfterRender.current;
    if (!selector) return;
    focusAfterRender.current = null;
    rootRef.current?.querySelector<HTMLElement>(selector)?.focus();
  });
  const commentSelector = (id: string) => `[data-comment-id="${CSS.escape(id)}"]`;

  // The heading counts approved comments. A change is counted from the state the thread holds when it
  // is applied, so a live event and the answer to one's own post or edit never count the same change twice.
  function countChange(before: ThreadComment['status'] | undefined, after: Status) {
    const delta = (after === 'approved' ? 1 : 0) - (before === 'approved' ? 1 : 0);
    if (delta) setTotal((n) => Math.max(0, n + delta));
  }

  async function loadMore() {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const t = await api.thread(sort, cursor);
      setComments((list) => {
        const have = new Set(list.map((c) => c.id));
        return [...list, ...t.comments.filter((c) => !have.has(c.id))];
      });
      setCursor(t.nextCursor);
    } catch {
      setAnnouncement(s.loadFailed);
    } finally {
      setLoadingMore(false);
    }
  }

  async function loadMoreReplies(c: ThreadComment) {
    if (!c.moreReplies) return;
    try {
      const page = await api.replies(c.id, c.moreReplies);
      setComments((list) => appendReplies(list, c.id, page.comments, page.nextCursor));
    } catch {
      setAnnouncement(s.loadFailed);
    }
  }

  async function toggleLike(c: Comment) {
    const result = await api.like(c.id, !c.likedByMe);
    if (result) setComments((list) => updateComment(list, c.id, (old) => ({ ...old, likes: result.likes, likedByMe: result.liked })));
  }

  async function submit(acknowledgeNudge = false) {
    if (form.busy) return;
    setForm({ ...form, busy: true, general: '' });
    const result = await api.post({
      site: api.site,
      story: api.story,
      parent: replyTo ?? undefined,
      name: draft.name,
      email: draft.email,
      website: draft.website || undefined,
      body: draft.body,
      honeypot: draft.honeypot || undefined,
      acknowledgeNudge: acknowledgeNudge || undefined,
      notifyReplies: site?.replyNotifications && draft.notifyReplies ? true : undefined,
    });
    switch (result.kind) {
      case 'created': {
        saveProfile({ name: draft.name, email: draft.email, website: draft.website, notifyReplies: draft.notifyReplies });
        const posted = { ...result.comment, status: result.status, own: true };
        setComments((list) => {
          countChange(findComment(list, posted.id)?.status, posted.status);
          return insertComment(list, posted, treeSort) ?? [...list, posted];
        });
        setDraft({ ...draft, body: '' });
        setReplyTo(null);
        setForm(idleForm);
        // The reply says whether the subscription was recorded; only then is the reader told so.
        if (result.notifyReplies) setReplyNoticesFor((ids) => new Set(ids).add(posted.id));
        const outcome = result.status === 'approved' ? s.published : result.status === 'rejected' ? s.notPublished : s.awaiting;
        setAnnouncement(result.notifyReplies ? `${outcome} ${s.notifyRepliesOn}` : outcome);
        focusAfterRender.current = commentSelector(posted.id);
        break;
      }
      case 'invalid':
        setForm({ ...idleForm, errors: result.errors, general: result.error });
        break;
      case 'nudge':
        setForm({ ...idleForm, nudge: result.nudge, nudgedText: draft.body });
        break;
      default:
        setForm({ ...idleForm, general: result.error || s.networkError });
    }
  }

  async function saveEdit(c: Comment, text: string, acknowledgeNudge: boolean): Promise<EditResult> {
    const result = await api.edit(c.id, text, acknowledgeNudge);
    if (result.kind !== 'edited') return result;
    const { status } = result;
    setComments((list) => {
      countChange(findComment(list, c.id)?.status, status);
      return updateComment(list, c.id, (old) => ({
        ...old,
        ...result.comment,
        status,
        // The answer is the comment alone: what the thread knows around it stays.
        replies: old.replies,
        replyCount: old.replyCount,
        moreReplies: old.moreReplies,
        likedByMe: old.likedByMe,
      }));
    });
    setAnnouncement(status === 'approved' ? s.editSaved : status === 'pending' ? s.editAwaiting : s.notPublished);
    focusAfterRender.current = commentSelector(c.id);
    return result;
  }

  async function deleteOwn(c: Comment): Promise<DeleteResult> {
    const result = await api.remove(c.id);
    if (!result.ok) return result;
    setComments((list) => {
      countChange(findComment(list, c.id)?.status, 'deleted');
      return removeComment(list, c.id);
    });
    if (replyTo === c.id) setReplyTo(null);
    setAnnouncement(s.deleted);
    // A comment with replies stays as a placeholder above them (removeComment), and focus stays there.
    const staysAsPlaceholder = !!(c.replies?.length || c.moreReplies);
    focusAfterRender.current = staysAsPlaceholder ? commentSelector(c.id) : c.parent ? commentSelector(c.parent) : '#parley-heading';
    return result;
  }

  function changeDraft(next: Draft) {
    setDraft(next);
    // An edit makes the nudge's highlighted words stale, and answers a field's error.
    if (form.nudge && next.body !== form.nudgedText) setForm({ ...form, nudge: null });
  }

  const heading = story
    ? format(total === 0 ? s.headingNone : total === 1 ? s.headingOne : s.headingMany, { n: total, title: story.title })
    : s.loading;
  const open = story?.open ?? false;
  const depthLimit = site?.depthLimit ?? 1;

  const formFor = (parent: Comment | null) => (
    <CommentForm
      s={s}
      draft={draft}
      onChange={changeDraft}
      state={form}
      parentName={parent?.author.name ?? null}
      onCancel={() => {
        setReplyTo(null);
        setForm({ ...form, nudge: null });
      }}
      onSubmit={submit}
      maxLength={site?.maxLength}
      offerReplyNotices={site?.replyNotifications ?? false}
    />
  );

  const renderReplies = (c: ThreadComment, depth: number) => (c.replies?.length ? renderList(c.replies, depth + 1) : null);
  const renderList = (list: ThreadComment[], depth: number) => (
    <ol class={depth === 0 ? 'thread' : 'replies'}>
      {list.map((c) => (
        <li key={c.id}>
          {c.status === 'removed' ? (
            <RemovedItem c={c} s={s} onMoreReplies={() => void loadMoreReplies(c)}>
              {renderReplies(c, depth)}
            </RemovedItem>
          ) : (
            <CommentItem
              c={c}
              s={s}
              now={now}
              isNew={fresh.has(c.id)}
              isLinked={linkedId === c.id}
              repliesNoticed={replyNoticesFor.has(c.id)}
              canReply={open && c.status === 'approved' && c.depth + 1 < depthLimit}
              replying={replyTo === c.id}
              onReply={() => {
                setReplyTo(c.id);
                setForm({ ...form, errors: {}, general: '', nudge: null });
              }}
              onLike={() => void toggleLike(c)}
              onMoreReplies={() => void loadMoreReplies(c)}
              onReport={(reason) => api.report(c.id, reason)}
              canChange={canChange(c, editWindowSeconds, Date.now())}
              maxLength={site?.maxLength}
              onSaveEdit={(text, acknowledgeNudge) => saveEdit(c, text, acknowledgeNudge)}
              onDelete={() => deleteOwn(c)}
            >
              {replyTo === c.id ? formFor(c) : null}
              {renderReplies(c, depth)}
            </CommentItem>
          )}
        </li>
      ))}
    </ol>
  );

  return (
    <div class={`parley${theme === 'dark' || theme === 'light' ? ` theme-${theme}` : ''}`} ref={rootRef}>
      <section class="section" aria-labelledby="parley-heading">
        <div class="top">
          <h2 id="parley-heading" class="heading" tabIndex={-1}>
            {heading}
          </h2>
          {featuredCount > 0 && (
            <button type="button" class="picks" aria-pressed={sort === 'featured'} onClick={() => setSort(sort === 'featured' ? treeSort : 'featured')}>
              {format(s.editorsPicks, { n: featuredCount })}
            </button>
          )}
          {comments.length > 1 && (
            <label class="sort">
              <span>{s.sortLabel}</span>
              <select
                value={treeSort}
                onChange={(e) => {
                  const next = (e.currentTarget as HTMLSelectElement).value as Sort;
                  setTreeSort(next);
                  setSort(next);
                }}
              >
                <option value="oldest">{s.sortOldest}</option>
                <option value="newest">{s.sortNewest}</option>
                <option value="liked">{s.sortLiked}</option>
              </select>
            </label>
          )}
        </div>
        {site?.policy ? (
          <details class="policy">
            <summary>{s.policyTitle}</summary>
            <p>{site.policy}</p>
          </details>
        ) : null}
        {loadError ? (
          <p class="error-box" role="alert">
            {s.loadFailed}{' '}
            <button type="button" class="link" onClick={() => void load(sort)}>
              {s.retry}
            </button>
          </p>
        ) : null}
        {linkedPanel ? <LinkedPanel panel={linkedPanel} setPanel={setLinkedPanel} api={api} s={s} now={now} highlighted={linkedId === linkedPanel.id} /> : null}
        {story && comments.length === 0 && !loadError && open ? <p class="empty">{s.empty}</p> : null}
        {comments.length > 0 && renderList(comments, 0)}
        {cursor ? (
          <button type="button" class="button secondary more" disabled={loadingMore} onClick={() => void loadMore()}>
            {s.loadMore}
          </button>
        ) : null}
        {story && !open ? <p class="closed">{s.closed}</p> : null}
        {story && open && replyTo === null ? formFor(null) : null}
        <div class="sr-only" aria-live="polite" role="status">
          {announcement}
        </div>
      </section>
    </div>
  );
}
