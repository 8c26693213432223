// One comment in a queue: text (with the words that raised the scores marked), story, author with
// email and history, moderation scores and reasons, reports, and the action buttons.
// Everything a reader wrote is rendered as text nodes.
import { Component } from 'preact';
import { adminStrings as t } from '../strings.js';
import { highlight, safeHttpUrl } from '../highlight.js';
import type { ModComment } from './api.js';

interface Props {
  c: ModComment;
  /** The queue shown; a card's callbacks depend on it. */
  queue: string;
  index: number;
  selected: boolean;
  checked: boolean;
  onSelect: () => void;
  onCheck: (on: boolean) => void;
  onAction: (action: 'approve' | 'reject' | 'spam') => void;
  /** Feature or unfeature (only approved comments are offered it). */
  onPick: () => void;
  onAuthor: () => void;
}

const LABEL_NAMES: Record<string, string> = {
  toxicity: 'Toxicity',
  severe_toxicity: 'Severe toxicity',
  attack: 'Personal attack',
  threat: 'Threat',
  hate: 'Hate',
  profanity: 'Profanity',
  spam: 'Spam',
  off_topic: 'Off topic',
  unsubstantial: 'Unsubstantial',
  banned_word: 'Banned word',
  suspect_word: 'Suspect word',
  repeat: 'Repeated text',
  burst: 'Posting burst',
  link: 'Links',
  too_many_links: 'Too many links',
  first_comment: 'First comment',
  author_history: 'Author history',
  nudge_acknowledged: 'Posted after a nudge',
};

// Labels scored by the models (0–1 probabilities); other reasons are rules whose score is a weight.
const MODEL_LABELS = ['toxicity', 'severe_toxicity', 'attack', 'threat', 'hate', 'profanity', 'spam', 'off_topic', 'unsubstantial'];
export const labelName = (label: string) => LABEL_NAMES[label] ?? label.replace(/_/g, ' ');

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function level(score: number): string {
  return score >= 0.8 ? 'high' : score >= 0.5 ? 'mid' : 'low';
}

/**
 * Re-renders a card only when its comment, position, selection or queue change, so that moving
 * through a long queue with j/k stays instant.
 */
export class QueueCard extends Component<Props> {
  shouldComponentUpdate(next: Props): boolean {
    const p = this.props;
    return next.c !== p.c || next.index !== p.index || next.selected !== p.selected || next.checked !== p.checked || next.queue !== p.queue;
  }
  render(props: Props) {
    return <Card {...props} />;
  }
}

function Card({ c, index, selected, checked, onSelect, onCheck, onAction, onPick, onAuthor }: Props) {
  const reasons = c.moderation?.reasons ?? [];
  // A span over the whole comment (e.g. "posted after a nudge") says nothing about which words: skip it.
  const textLength = c.body?.length ?? 0;
  const pointed = (spans: [number, number][] | undefined) => (spans ?? []).filter(([a, b]) => b - a < textLength);
  const spans = reasons.flatMap((r) => pointed(r.spans));
  const website = safeHttpUrl(c.website ?? c.author.website);
  const scores = Object.entries(c.moderation?.scores ?? {})
    .filter(([, v]) => typeof v === 'number' && v >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5);
  const risk = c.moderation?.risk;
  const h = c.authorHistory ?? { approved: 0, rejected: 0, spam: 0, pending: 0 };
  return (
    <article
      class={`card${selected ? ' selected' : ''}`}
      data-id={c.id}
      data-index={index}
      tabIndex={selected ? 0 : -1}
      aria-current={selected ? 'true' : undefined}
      aria-label={`Comment by ${c.author.name}`}
      onClick={onSelect}
    >
      <div class="card-main">
        <header class="card-head">
          <input
            type="checkbox"
            class="check"
            checked={checked}
            aria-label={`Select the comment by ${c.author.name}`}
            onClick={(e) => e.stopPropagation()}
            onChange={(e) => onCheck((e.currentTarget as HTMLInputElement).checked)}
          />
          <div class="who">
            <strong class="name">{c.author.name}</strong>
            <span class="email">{c.email}</span>
            {website ? (
              <a class="site-link" href={website} rel="nofollow ugc noopener noreferrer" target="_blank">
                {website}
              </a>
            ) : c.website ? (
              <span class="site-link">{c.website}</span>
            ) : null}
          </div>
          <div class="where">
            <span class={`status status-${c.status}`}>{c.status}</span>
            {c.featuredAt ? <span class="status pick">{t.editorsPick}</span> : null}
            {typeof risk === 'number' ? (
              <span class={`risk risk-${level(risk)}`} title={t.risk}>
                {t.risk} {Math.round(risk * 100)}
              </span>
            ) : null}
            {c.reports > 0 ? <span class="risk risk-high">{`${t.reports}: ${c.reports}`}</span> : null}
          </div>
        </header>
        <p class="story">
          {t.onStory} <cite>{c.storyTitle || c.story}</cite> · <time dateTime={c.createdAt}>{when(c.createdAt)}</time>
          {c.parent ? ' · reply' : ''}
        </p>
        {typeof c.body === 'string' ? (
          <div class="text">{highlight(c.body, spans).map((p) => (p.marked ? <mark>{p.text}</mark> : p.text))}</div>
        ) : (
          // Server-sanitized HTML (docs/api.md); only used if the source text is not given.
          <div class="text html" dangerouslySetInnerHTML={{ __html: c.html }} />
        )}
        {reasons.length > 0 ? (
          <ul class="reasons">
            {reasons.map((r) => (
              <li>
                <span class={`pill ${MODEL_LABELS.includes(r.label) ? level(r.score) : 'rule'}`}>{labelName(r.label)}</span>
                {MODEL_LABELS.includes(r.label) ? <span class="score">{Math.round(r.score * 100)}%</span> : null}
                {r.detail ? <span class="detail">{r.detail}</span> : null}
                {pointed(r.spans).length && typeof c.body === 'string' ? (
                  <span class="words">{pointed(r.spans).map(([a, b]) => `“${c.body!.slice(a, b)}”`).join(', ')}</span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        {c.reportReasons?.length ? (
          <ul class="reports">
            {c.reportReasons.map((r) => (
              <li>{r}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <aside class="card-side">
        <div class="history" aria-label={t.history}>
          <span class="h-ok">{h.approved} approved</span>
          <span class="h-bad">{h.rejected} rejected</span>
          <span class="h-spam">{h.spam} spam</span>
        </div>
        {scores.length ? (
          <dl class="scores">
            {scores.map(([label, v]) => (
              <div class="score-row">
                <dt>{labelName(label)}</dt>
                <dd>
                  <span class={`bar ${level(v)}`} style={{ width: `${Math.round(v * 100)}%` }} />
                  <span class="num">{v.toFixed(2)}</span>
                </dd>
              </div>
            ))}
          </dl>
        ) : null}
        <div class="buttons">
          {/* The action that would leave the status unchanged is not offered. */}
          {(
            [
              ['approve', 'approved', 'btn ok', t.approve, 'a'],
              ['reject', 'rejected', 'btn bad', t.reject, 'r'],
              ['spam', 'spam', 'btn', t.markSpam, 's'],
            ] as const
          ).map(([action, status, cls, label, key]) =>
            c.status === status ? null : (
              <button type="button" class={cls} onClick={(e) => (e.stopPropagation(), onAction(action))} aria-keyshortcuts={key}>
                {label} <kbd>{key}</kbd>
              </button>
            ),
          )}
          {c.status === 'approved' ? (
            <button type="button" class="btn" onClick={(e) => (e.stopPropagation(), onPick())} aria-keyshortcuts="f" aria-pressed={c.featuredAt ? 'true' : 'false'}>
              {c.featuredAt ? t.unfeature : t.feature} <kbd>f</kbd>
            </button>
          ) : null}
        </div>
        {c.status === 'pending' ? (
          <button type="button" class="linkish" onClick={(e) => (e.stopPropagation(), onAuthor())}>
            {t.selectAuthor}
          </button>
        ) : null}
      </aside>
    </article>
  );
}
