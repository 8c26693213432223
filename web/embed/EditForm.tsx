// Editing one's own comment in place: the text box prefilled with the comment's Markdown, Save and
// Cancel, the API's message on refusal, and the same moderation nudge as posting ("save anyway").
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EmbedStrings } from '../strings.js';
import { NudgeBox, selectFirstFlagged } from './NudgeBox.js';
import type { EditResult, Nudge } from './types.js';

interface Props {
  s: EmbedStrings;
  commentId: string;
  initialText: string;
  maxLength?: number;
  /** Sends the edit; the caller puts a saved comment in place and closes the form. */
  onSave: (text: string, acknowledgeNudge: boolean) => Promise<EditResult>;
  onCancel: () => void;
}

export function EditForm({ s, commentId, initialText, maxLength, onSave, onCancel }: Props) {
  const [text, setText] = useState(initialText);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [fieldError, setFieldError] = useState('');
  const [nudge, setNudge] = useState<{ nudge: Nudge; text: string } | null>(null);
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const ids = { area: `parley-edit-${commentId}`, error: `parley-edit-error-${commentId}` };

  // The form opens with the cursor at the end of the text.
  useEffect(() => {
    const area = areaRef.current;
    if (!area) return;
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
  }, []);

  useEffect(() => {
    if (fieldError) areaRef.current?.focus();
  }, [fieldError]);

  async function save(acknowledgeNudge: boolean) {
    if (busy) return;
    setBusy(true);
    setError('');
    const result = await onSave(text, acknowledgeNudge);
    if (result.kind === 'edited') return; // the comment shows the saved text and the form is gone
    setBusy(false);
    setFieldError(result.kind === 'invalid' ? (result.errors.body ?? '') : '');
    setNudge(result.kind === 'nudge' ? { nudge: result.nudge, text } : null);
    if (result.kind === 'failed') setError(result.error || s.editFailed);
    else if (result.kind === 'invalid' && !result.errors.body) setError(result.error || s.editFailed);
  }

  return (
    <form
      class="form is-edit"
      noValidate
      aria-label={s.editTitle}
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
    >
      {error ? (
        <p class="error-box" role="alert">
          {error}
        </p>
      ) : null}
      {nudge ? (
        <NudgeBox
          s={s}
          nudge={nudge.nudge}
          text={nudge.text}
          titleId={`parley-edit-nudge-${commentId}`}
          busy={busy}
          anywayLabel={s.nudgeSaveAnyway}
          anywayNote={s.nudgeSaveAnywayNote}
          onEdit={() => selectFirstFlagged(areaRef.current, nudge.nudge)}
          onAnyway={() => void save(true)}
        />
      ) : null}
      <div class="field">
        <label for={ids.area}>{s.editTitle}</label>
        <textarea
          ref={areaRef}
          id={ids.area}
          name="body"
          rows={4}
          value={text}
          maxLength={maxLength}
          aria-required="true"
          aria-invalid={fieldError ? 'true' : undefined}
          aria-describedby={fieldError ? ids.error : undefined}
          onInput={(e) => {
            const next = e.currentTarget.value;
            setText(next);
            // The nudge's highlighted words belong to the text that was sent.
            if (nudge && next !== nudge.text) setNudge(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void save(false);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              onCancel();
            }
          }}
        />
        {fieldError ? (
          <p class="field-error" id={ids.error}>
            {fieldError}
          </p>
        ) : null}
      </div>
      <div class="edit-actions">
        <button type="submit" class="button small" disabled={busy}>
          {busy ? s.savingEdit : s.saveEdit}
        </button>
        <button type="button" class="button secondary small" onClick={onCancel}>
          {s.cancelEdit}
        </button>
      </div>
    </form>
  );
}
