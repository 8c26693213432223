// The reply form: Name*, Email*, Website, Comment*, with the API's per-field errors next to their
// fields, and the moderation nudge (highlighted words, edit or post anyway). Where the server sends
// mail, a box under the email field asks for an e-mail when someone replies.
import { useEffect, useRef } from 'preact/hooks';
import { format, type EmbedStrings } from '../strings.js';
import type { FormState } from './App.js';
import { NudgeBox, selectFirstFlagged } from './NudgeBox.js';

export interface Draft {
  name: string;
  email: string;
  website: string;
  body: string;
  honeypot: string;
  notifyReplies: boolean;
}

interface Props {
  s: EmbedStrings;
  draft: Draft;
  onChange: (d: Draft) => void;
  state: FormState;
  parentName: string | null;
  onCancel: () => void;
  onSubmit: (acknowledgeNudge?: boolean) => void;
  maxLength?: number;
  /** The server sends mail (SiteInfo.replyNotifications): offer reply e-mails. */
  offerReplyNotices: boolean;
}

const FIELDS = ['body', 'name', 'email', 'website'] as const; // in the form's visual order
type Field = (typeof FIELDS)[number];

export function CommentForm({ s, draft, onChange, state, parentName, onCancel, onSubmit, maxLength, offerReplyNotices }: Props) {
  const formRef = useRef<HTMLFormElement>(null);
  const { errors } = state;
  // The server calls the comment text `body`; some messages may name it `text` or `comment`.
  const errorFor = (f: Field): string | undefined =>
    errors[f] ?? (f === 'body' ? (errors.text ?? errors.comment) : undefined);
  const fieldError = (f: Field) => {
    const message = errorFor(f);
    return message ? (
      <p class="field-error" id={`parley-error-${f}`}>
        {message}
      </p>
    ) : null;
  };
  const a11y = (f: Field) => ({
    'aria-invalid': errorFor(f) ? ('true' as const) : undefined,
    'aria-describedby': errorFor(f) ? `parley-error-${f}` : undefined,
  });
  // Errors about something other than a field (closed story, unknown site) are shown above the form.
  const otherErrors = Object.entries(errors)
    .filter(([k]) => !(FIELDS as readonly string[]).includes(k) && k !== 'text' && k !== 'comment')
    .map(([, v]) => v);
  const general = otherErrors.length ? otherErrors.join(' ') : Object.keys(errors).length ? '' : state.general;

  // When the API answers with field errors, move focus to the first field that needs attention.
  useEffect(() => {
    const first = FIELDS.find((f) => errorFor(f));
    if (first) formRef.current?.querySelector<HTMLElement>(`#parley-${first}`)?.focus();
  }, [errors]);

  // A reply form opens under the comment: put the cursor in the first field still to fill.
  useEffect(() => {
    if (parentName === null) return;
    const first = (['name', 'email', 'body'] as const).find((f) => !draft[f]) ?? 'body';
    formRef.current?.querySelector<HTMLElement>(`#parley-${first}`)?.focus();
  }, [parentName]);

  const set = (key: Exclude<keyof Draft, 'notifyReplies'>) => (e: Event) =>
    onChange({ ...draft, [key]: (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value });

  return (
    <form
      ref={formRef}
      class={`form${parentName !== null ? ' is-reply' : ''}`}
      noValidate
      aria-labelledby="parley-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(false);
      }}
    >
      <div class="form-head">
        <h3 id="parley-form-title">{parentName !== null ? format(s.replyTo, { name: parentName }) : s.formTitle}</h3>
        {parentName !== null ? (
          <button type="button" class="link" onClick={onCancel}>
            {s.cancelReply}
          </button>
        ) : null}
      </div>
      <p class="note">{s.requiredNote}</p>
      {general ? (
        <p class="error-box" role="alert">
          {general}
        </p>
      ) : null}
      {state.nudge ? (
        <NudgeBox
          s={s}
          nudge={state.nudge}
          text={state.nudgedText}
          titleId="parley-nudge-title"
          busy={state.busy}
          anywayLabel={s.nudgePostAnyway}
          anywayNote={s.nudgeAnywayNote}
          onEdit={() => selectFirstFlagged(formRef.current?.querySelector<HTMLTextAreaElement>('#parley-body'), state.nudge)}
          onAnyway={() => onSubmit(true)}
        />
      ) : null}
      <div class="field">
        <label for="parley-body">
          {s.comment} <span class="req" aria-hidden="true">*</span>
        </label>
        <textarea
          id="parley-body"
          name="body"
          rows={5}
          value={draft.body}
          maxLength={maxLength}
          aria-required="true"
          onInput={set('body')}
          onKeyDown={(e) => {
            // Ctrl/Cmd+Enter posts from the text box, a common shortcut.
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              onSubmit(false);
            }
          }}
          {...a11y('body')}
        />
        {fieldError('body')}
      </div>
      <div class="row">
        <div class="field">
          <label for="parley-name">
            {s.name} <span class="req" aria-hidden="true">*</span>
          </label>
          <input id="parley-name" name="name" type="text" autoComplete="name" value={draft.name} aria-required="true" onInput={set('name')} {...a11y('name')} />
          {fieldError('name')}
        </div>
        <div class="field">
          <label for="parley-email">
            {s.email} <span class="req" aria-hidden="true">*</span>
          </label>
          <input id="parley-email" name="email" type="email" autoComplete="email" value={draft.email} aria-required="true" onInput={set('email')} {...a11y('email')} />
          {fieldError('email')}
          {offerReplyNotices ? (
            <label class="check" for="parley-notify">
              <input
                id="parley-notify"
                name="notifyReplies"
                type="checkbox"
                checked={draft.notifyReplies}
                onChange={(e) => onChange({ ...draft, notifyReplies: e.currentTarget.checked })}
              />
              {s.notifyReplies}
            </label>
          ) : null}
        </div>
        <div class="field">
          <label for="parley-website">{s.website}</label>
          <input id="parley-website" name="website" type="url" autoComplete="url" value={draft.website} onInput={set('website')} {...a11y('website')} />
          {fieldError('website')}
        </div>
      </div>
      <div class="hp" aria-hidden="true">
        <label for="parley-hp">{s.honeypot}</label>
        <input id="parley-hp" name="homepage" type="text" tabIndex={-1} autoComplete="off" value={draft.honeypot} onInput={set('honeypot')} />
      </div>
      <div class="submit-row">
        <button type="submit" class="button" disabled={state.busy}>
          {state.busy ? s.posting : s.postComment}
        </button>
      </div>
    </form>
  );
}
