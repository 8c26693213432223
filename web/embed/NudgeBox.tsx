// The moderation nudge, shown by the reply form and by the edit form alike: the engine's sentence,
// the text with the words that raised it highlighted, "edit" and "post (or save) anyway".
import { highlight } from '../highlight.js';
import type { EmbedStrings } from '../strings.js';
import type { Nudge } from './types.js';

interface Props {
  s: EmbedStrings;
  nudge: Nudge;
  /** The text as it was sent (the spans index into it). */
  text: string;
  /** Unique within the embed: a reply form and an edit form may show a nudge at the same time. */
  titleId: string;
  busy: boolean;
  anywayLabel: string;
  anywayNote: string;
  onEdit: () => void;
  onAnyway: () => void;
}

export function NudgeBox({ s, nudge, text, titleId, busy, anywayLabel, anywayNote, onEdit, onAnyway }: Props) {
  const spans = nudge.reasons.flatMap((r) => r.spans ?? []);
  return (
    <div class="nudge" role="alert" aria-labelledby={titleId}>
      <h4 id={titleId}>{s.nudgeTitle}</h4>
      <p>{nudge.message || s.nudgeExplain}</p>
      <p class="nudge-label">{s.nudgeFlagged}</p>
      <blockquote class="nudge-text">{highlight(text, spans).map((p) => (p.marked ? <mark>{p.text}</mark> : p.text))}</blockquote>
      {nudge.message ? null : <p class="nudge-note">{anywayNote}</p>}
      <div class="nudge-actions">
        <button type="button" class="button" onClick={onEdit}>
          {s.nudgeEdit}
        </button>
        <button type="button" class="button secondary" disabled={busy} onClick={onAnyway}>
          {anywayLabel}
        </button>
      </div>
    </div>
  );
}

/** "Edit my comment": back to the text box with the first flagged words selected. */
export function selectFirstFlagged(area: HTMLTextAreaElement | null | undefined, nudge: Nudge | null): void {
  if (!area) return;
  area.focus();
  const first = nudge?.reasons.flatMap((r) => r.spans ?? []).sort((x, y) => x[0] - y[0])[0];
  if (first) area.setSelectionRange(first[0], first[1]);
}
