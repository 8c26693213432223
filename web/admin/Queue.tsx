// A moderation queue with one-key actions (j/k move, a approve, r reject, s spam, f feature or
// unfeature an approved comment, u undo, x select) and batch actions on the selected comments or on all pending comments of one author.
import { useEffect, useRef, useState } from 'preact/hooks';
import { adminStrings as t, format } from '../strings.js';
import { ApiError, q, type AdminApi, type Counts, type ModComment, type QueueName } from './api.js';
import { QueueCard } from './Card.js';

export const QUEUE_NAMES: QueueName[] = ['pending', 'reported', 'approved', 'rejected', 'spam'];

type Action = 'approve' | 'reject' | 'spam';
const DONE: Record<Action, string> = { approve: 'Approved', reject: 'Rejected', spam: 'Marked as spam' };

interface Props {
  api: AdminApi;
  site: string;
  queue: QueueName;
  onQueue: (q: QueueName) => void;
  announce: (message: string) => void;
}

export function Queue({ api, site, queue, onQueue, announce }: Props) {
  const [comments, setComments] = useState<ModComment[]>([]);
  const [counts, setCounts] = useState<Counts>({});
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  const [selected, setSelected] = useState(0);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [authorBatch, setAuthorBatch] = useState<string | null>(null);
  const undoStack = useRef<string[]>([]);
  const listRef = useRef<HTMLDivElement>(null);

  async function load(more = false) {
    setLoading(true);
    setError('');
    try {
      const page = await api.get<{ comments: ModComment[]; nextCursor: string | null; counts: Counts }>(
        `/queue${q({ status: queue, site, limit: 25, cursor: more ? cursor : null })}`,
      );
      setComments((list) => (more ? [...list, ...page.comments.filter((c) => !list.some((o) => o.id === c.id))] : page.comments));
      setCursor(page.nextCursor);
      setCounts(page.counts ?? {});
      if (!more) {
        setSelected(0);
        setChecked(new Set());
        setAuthorBatch(null);
      }
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    void load();
  }, [site, queue]);

  // Keep the selected card in view and focused, so the keys act on what the moderator sees.
  useEffect(() => {
    const card = listRef.current?.querySelector<HTMLElement>(`[data-index="${selected}"]`);
    if (card && document.activeElement?.closest('.card') !== card && !isTyping(document.activeElement)) card.focus({ preventScroll: true });
    card?.scrollIntoView({ block: 'nearest' });
  }, [selected, comments]);

  function removeFromList(ids: string[], from: string, to: string) {
    setComments((list) => {
      const next = list.filter((c) => !ids.includes(c.id));
      setSelected((s) => Math.max(0, Math.min(s, next.length - 1)));
      return next;
    });
    setCounts((c) => ({
      ...c,
      [from]: Math.max(0, (c[from as QueueName] ?? 0) - ids.length),
      [to]: (c[to as QueueName] ?? 0) + ids.length,
    }));
  }

  async function act(c: ModComment, action: Action) {
    try {
      const { comment } = await api.post<{ comment: ModComment }>(`/comments/${encodeURIComponent(c.id)}/${action}`);
      undoStack.current.push(c.id);
      // The Reported queue is about reports, not status: an approved report is resolved and leaves it too.
      removeFromList([c.id], queue === 'reported' ? 'reported' : c.status, comment.status);
      announce(`${DONE[action]}: ${c.author.name}.`);
    } catch (err) {
      announce(err instanceof ApiError ? err.message : String(err));
    }
  }

  // An editors' pick changes no status: the card stays where it is, with its new state.
  async function pick(c: ModComment) {
    if (c.status !== 'approved') return;
    try {
      const action = c.featuredAt ? 'unfeature' : 'feature';
      const { comment } = await api.post<{ comment: ModComment }>(`/comments/${encodeURIComponent(c.id)}/${action}`);
      setComments((list) => list.map((o) => (o.id === c.id ? comment : o)));
      announce(format(action === 'feature' ? t.featured : t.unfeatured, { name: c.author.name }));
    } catch (err) {
      announce(err instanceof ApiError ? err.message : String(err));
    }
  }

  async function undo() {
    const id = undoStack.current.pop();
    if (!id) return;
    try {
      await api.post(`/comments/${encodeURIComponent(id)}/restore`);
      announce(t.undone);
      await load();
    } catch (err) {
      announce(err instanceof ApiError ? err.message : String(err));
    }
  }

  async function batch(action: Action) {
    try {
      const body = authorBatch ? { author: { email: authorBatch }, site, action } : { ids: [...checked], action };
      const { updated } = await api.post<{ updated: number }>('/comments/batch', body);
      announce(format(t.done, { action: DONE[action], n: updated }));
      await load();
    } catch (err) {
      announce(err instanceof ApiError ? err.message : String(err));
    }
  }

  function toggle(id: string, on: boolean) {
    setAuthorBatch(null);
    setChecked((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function selectAuthor(c: ModComment) {
    setAuthorBatch(c.email);
    setChecked(new Set(comments.filter((o) => o.email === c.email && o.status === 'pending').map((o) => o.id)));
  }

  // One-key actions. Ignored while typing in a field, and with modifier keys (browser shortcuts).
  const keyState = useRef({ comments, selected, checked });
  keyState.current = { comments, selected, checked };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target as Element)) return;
      const { comments: list, selected: at } = keyState.current;
      const current = list[at];
      switch (e.key) {
        case 'j':
          setSelected(Math.min(at + 1, list.length - 1));
          break;
        case 'k':
          setSelected(Math.max(at - 1, 0));
          break;
        case 'a':
        case 'r':
        case 's':
          if (current) void act(current, e.key === 'a' ? 'approve' : e.key === 'r' ? 'reject' : 'spam');
          break;
        case 'f':
          if (current) void pick(current);
          break;
        case 'x':
          if (current) toggle(current.id, !keyState.current.checked.has(current.id));
          break;
        case 'u':
          void undo();
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [site, queue]);

  const batchCount = checked.size;
  return (
    <section class="queue" aria-labelledby="queue-title">
      <h1 id="queue-title" class="sr-only">
        {t.queues}
      </h1>
      <nav class="tabs" aria-label={t.queues}>
        {QUEUE_NAMES.map((name) => (
          <button
            type="button"
            class={`tab${name === queue ? ' active' : ''}`}
            aria-current={name === queue ? 'page' : undefined}
            onClick={() => onQueue(name)}
            data-queue={name}
          >
            {t[name]} <span class="count">{counts[name] ?? 0}</span>
          </button>
        ))}
      </nav>
      <p class="hint">{t.shortcuts}</p>
      {batchCount > 0 || authorBatch ? (
        <div class="batch" role="region" aria-label="Batch actions">
          <span>{authorBatch ? format(t.authorBatch, { email: authorBatch }) : format(t.selected, { n: batchCount })}</span>
          <button type="button" class="btn ok" onClick={() => void batch('approve')}>
            {t.approve}
          </button>
          <button type="button" class="btn bad" onClick={() => void batch('reject')}>
            {t.reject}
          </button>
          <button type="button" class="btn" onClick={() => void batch('spam')}>
            {t.markSpam}
          </button>
          <button
            type="button"
            class="linkish"
            onClick={() => {
              setChecked(new Set());
              setAuthorBatch(null);
            }}
          >
            {t.clearSelection}
          </button>
        </div>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="cards" ref={listRef}>
        {comments.map((c, i) => (
          <QueueCard
            key={c.id}
            c={c}
            queue={queue}
            index={i}
            selected={i === selected}
            checked={checked.has(c.id)}
            onSelect={() => setSelected(i)}
            onCheck={(on) => toggle(c.id, on)}
            onAction={(a) => void act(c, a)}
            onPick={() => void pick(c)}
            onAuthor={() => selectAuthor(c)}
          />
        ))}
      </div>
      {!loading && comments.length === 0 && !error ? <p class="empty">{t.empty}</p> : null}
      {cursor ? (
        <button type="button" class="btn wide" onClick={() => void load(true)}>
          {t.loadMore}
        </button>
      ) : null}
    </section>
  );
}

function isTyping(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT' || (el as HTMLElement).isContentEditable) return true;
  return tag === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes((el as HTMLInputElement).type);
}
