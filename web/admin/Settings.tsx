// Site settings (mode, policy, word lists, thresholds, limits, origins) and the stories of a site
// (open/close comments, per-story moderation mode).
import { useEffect, useState } from 'preact/hooks';
import { adminStrings as t, format } from '../strings.js';
import { ApiError, q, type AdminApi, type AdminSite, type AdminStory } from './api.js';

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

interface SiteProps {
  api: AdminApi;
  site: AdminSite;
  onSaved: (site: AdminSite) => void;
}

export function SiteSettings({ api, site, onSaved }: SiteProps) {
  const [form, setForm] = useState(() => toForm(site));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  useEffect(() => setForm(toForm(site)), [site.id]);

  const field = (key: keyof ReturnType<typeof toForm>) => ({
    id: `f-${key}`,
    value: form[key],
    onInput: (e: Event) => setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value }),
    'aria-invalid': errors[apiKey(key)] ? ('true' as const) : undefined,
    'aria-describedby': errors[apiKey(key)] ? `e-${key}` : undefined,
  });
  const err = (key: keyof ReturnType<typeof toForm>) =>
    errors[apiKey(key)] ? (
      <p class="field-error" id={`e-${key}`}>
        {errors[apiKey(key)]}
      </p>
    ) : null;

  // The API names a bad address by its place in the list ("notifyEmails.1").
  const notifyError = Object.entries(errors).find(([k]) => k === 'notifyEmails' || k.startsWith('notifyEmails.'))?.[1];

  async function save(e: Event) {
    e.preventDefault();
    setErrors({});
    setMessage('');
    try {
      const newKey = form.akismetKey.trim();
      const { site: saved, akismetNotice } = await api.patch<{ site: AdminSite; akismetNotice?: string }>(`/sites/${encodeURIComponent(site.id)}`, {
        name: form.name,
        policy: form.policy,
        mode: form.mode,
        origins: lines(form.origins),
        depthLimit: Number(form.depthLimit),
        maxLength: Number(form.maxLength),
        editWindowSeconds: Number(form.editWindowSeconds),
        thresholds: { review: Number(form.review), reject: Number(form.reject) },
        wordLists: { banned: lines(form.banned), suspect: lines(form.suspect) },
        notifyEmails: lines(form.notifyEmails),
        ...(newKey ? { akismetKey: newKey } : {}),
      });
      setMessage(akismetNotice ?? t.saved);
      onSaved(saved);
      setForm((f) => ({ ...f, akismetKey: '' }));
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors(err.errors);
        setMessage(err.message);
      } else setMessage(String(err));
    }
  }

  async function removeAkismetKey() {
    setErrors({});
    try {
      const { site: saved } = await api.patch<{ site: AdminSite }>(`/sites/${encodeURIComponent(site.id)}`, { akismetKey: null });
      setMessage(t.akismetKeyRemoved);
      onSaved(saved);
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : String(err));
    }
  }

  const { akismet } = site;
  return (
    <form class="panel settings" onSubmit={save} noValidate aria-labelledby="settings-title">
      <h1 id="settings-title">{t.settings}</h1>
      <div class="grid2">
        <div class="field">
          <label for="f-name">{t.name}</label>
          <input type="text" {...field('name')} />
          {err('name')}
        </div>
        <div class="field">
          <label for="f-mode">{t.mode}</label>
          <select {...field('mode')} onChange={(e) => setForm({ ...form, mode: (e.currentTarget as HTMLSelectElement).value })}>
            <option value="premod">{t.premod}</option>
            <option value="auto">{t.auto}</option>
            <option value="postmod">{t.postmod}</option>
          </select>
          {err('mode')}
        </div>
      </div>
      <div class="field">
        <label for="f-policy">{t.policy}</label>
        <textarea rows={3} {...field('policy')} />
        {err('policy')}
      </div>
      <div class="grid4">
        {(['review', 'reject', 'depthLimit', 'maxLength', 'editWindowSeconds'] as const).map((k) => (
          <div class="field">
            <label for={`f-${k}`}>
              {{ review: t.reviewThreshold, reject: t.rejectThreshold, depthLimit: t.depthLimit, maxLength: t.maxLength, editWindowSeconds: t.editWindow }[k]}
            </label>
            <input type="number" step={k === 'review' || k === 'reject' ? '0.01' : '1'} {...field(k)} />
            {err(k)}
          </div>
        ))}
      </div>
      <div class="grid2">
        <div class="field">
          <label for="f-banned">{t.bannedWords}</label>
          <textarea rows={5} {...field('banned')} />
          {err('banned')}
        </div>
        <div class="field">
          <label for="f-suspect">{t.suspectWords}</label>
          <textarea rows={5} {...field('suspect')} />
          {err('suspect')}
        </div>
      </div>
      <div class="field">
        <label for="f-origins">{t.origins}</label>
        <textarea rows={2} {...field('origins')} />
        {err('origins')}
      </div>
      <div class="field">
        <label for="f-notifyEmails">{t.notifyEmails}</label>
        <textarea rows={2} {...field('notifyEmails')} aria-describedby={notifyError ? 'e-notifyEmails' : 'h-notifyEmails'} aria-invalid={notifyError ? 'true' : undefined} />
        <p class="muted small" id="h-notifyEmails">
          {t.notifyEmailsHelp}
        </p>
        {notifyError ? (
          <p class="field-error" id="e-notifyEmails">
            {notifyError}
          </p>
        ) : null}
      </div>
      <div class="field">
        <label for="f-akismetKey">{t.akismetKey}</label>
        <input type="password" autocomplete="off" spellcheck={false} {...field('akismetKey')} aria-describedby={errors.akismetKey ? 'e-akismetKey' : 'h-akismetKey'} />
        <p class="muted small" id="h-akismetKey">
          {akismet.keySet ? format(t.akismetKeySet, { last4: akismet.keyLast4 ?? '' }) : t.akismetNoKey} {t.akismetKeyHelp}{' '}
          {akismet.keySet ? (
            <button type="button" class="btn small" onClick={() => void removeAkismetKey()}>
              {t.akismetRemoveKey}
            </button>
          ) : null}
        </p>
        {err('akismetKey')}
      </div>
      <div class="form-foot">
        <button type="submit" class="btn primary">
          {t.save}
        </button>
        <span role="status" class="saved">
          {message}
        </span>
      </div>
    </form>
  );
}

function toForm(site: AdminSite) {
  return {
    name: site.name,
    policy: site.policy,
    mode: site.mode as string,
    origins: site.origins.join('\n'),
    depthLimit: String(site.depthLimit),
    maxLength: String(site.maxLength),
    editWindowSeconds: String(site.editWindowSeconds),
    review: String(site.thresholds.review),
    reject: String(site.thresholds.reject),
    banned: site.wordLists.banned.join('\n'),
    suspect: site.wordLists.suspect.join('\n'),
    notifyEmails: site.notifyEmails.join('\n'),
    /** A new key to set; empty keeps the current one (the key itself is never sent to the dashboard). */
    akismetKey: '',
  };
}

/** The API reports errors by its own key names (e.g. "thresholds.review", "wordLists.banned"). */
function apiKey(key: string): string {
  return (
    { review: 'thresholds.review', reject: 'thresholds.reject', banned: 'wordLists.banned', suspect: 'wordLists.suspect' } as Record<string, string>
  )[key] ?? key;
}

export function Stories({ api, site, announce }: { api: AdminApi; site: string; announce: (m: string) => void }) {
  const [stories, setStories] = useState<AdminStory[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    api
      .get<{ stories: AdminStory[] }>(`/sites/${encodeURIComponent(site)}/stories${q({ limit: 200 })}`)
      .then((r) => setStories(r.stories))
      .catch((err) => setError(err instanceof ApiError ? err.message : String(err)));
  }, [site]);

  async function change(story: AdminStory, changes: Partial<AdminStory>) {
    try {
      const r = await api.patch<{ story: AdminStory }>(
        `/sites/${encodeURIComponent(site)}/stories/${encodeURIComponent(story.id)}`,
        changes,
      );
      const updated = r.story ?? { ...story, ...changes };
      setStories((list) => list.map((s) => (s.id === story.id ? { ...s, ...updated } : s)));
      announce(t.saved);
    } catch (err) {
      announce(err instanceof ApiError ? err.message : String(err));
    }
  }

  return (
    <section class="panel" aria-labelledby="stories-title">
      <h1 id="stories-title">{t.stories}</h1>
      {error ? <p class="error">{error}</p> : null}
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t.storyTitle}</th>
            <th scope="col">{t.approved}</th>
            <th scope="col">{t.pending}</th>
            <th scope="col">{t.storyStatus}</th>
            <th scope="col">{t.storyMode}</th>
          </tr>
        </thead>
        <tbody>
          {stories.map((s) => (
            <tr data-story={s.id}>
              <td>
                <strong>{s.title}</strong>
                <div class="muted small">{s.id}</div>
              </td>
              <td class="num">{s.approved}</td>
              <td class="num">{s.pending}</td>
              <td>
                <span class={`status ${s.open ? 'status-approved' : 'status-rejected'}`}>{s.open ? t.openLabel : t.closedLabel}</span>{' '}
                <button type="button" class="btn small" onClick={() => void change(s, { open: !s.open })}>
                  {s.open ? t.close : t.open}
                </button>
              </td>
              <td>
                <select
                  aria-label={`${t.storyMode}: ${s.title}`}
                  value={s.mode ?? ''}
                  onChange={(e) => {
                    const v = (e.currentTarget as HTMLSelectElement).value;
                    void change(s, { mode: (v || null) as AdminStory['mode'] });
                  }}
                >
                  <option value="">{t.siteDefault}</option>
                  <option value="premod">premod</option>
                  <option value="auto">auto</option>
                  <option value="postmod">postmod</option>
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
