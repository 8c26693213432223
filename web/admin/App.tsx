// The dashboard shell: sign-in, site picker, navigation (hash-routed so a reload keeps the view),
// and a polite live region for action feedback.
import { useEffect, useState } from 'preact/hooks';
import { adminStrings as t } from '../strings.js';
import { AdminApi, ApiError, type AdminSite, type QueueName, type User } from './api.js';
import { QUEUE_NAMES, Queue } from './Queue.js';
import { SiteSettings, Stories } from './Settings.js';
import { Audit, StatsView } from './Reports.js';

type View = QueueName | 'stories' | 'settings' | 'audit' | 'stats';
const VIEWS: View[] = [...QUEUE_NAMES, 'stories', 'settings', 'audit', 'stats'];

const api = new AdminApi();

function viewFromHash(): View {
  const v = location.hash.replace(/^#\/?/, '') as View;
  return VIEWS.includes(v) ? v : 'pending';
}

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [sites, setSites] = useState<AdminSite[]>([]);
  const [siteId, setSiteId] = useState<string>(() => localStorage.getItem('parley-admin:site') ?? '');
  const [view, setView] = useState<View>(viewFromHash);
  const [message, setMessage] = useState('');

  useEffect(() => {
    api.onSignedOut = () => setUser(null);
    api
      .get<{ user: User; csrfToken: string }>('/me')
      .then((me) => {
        api.csrf = me.csrfToken;
        setUser(me.user);
      })
      .catch(() => setUser(null));
    const onHash = () => setView(viewFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (!user) return;
    api
      .get<{ sites: AdminSite[] }>('/sites')
      .then((r) => {
        setSites(r.sites);
        if (!r.sites.some((s) => s.id === siteId) && r.sites[0]) setSiteId(r.sites[0].id);
      })
      .catch((err) => setMessage(err instanceof ApiError ? err.message : String(err)));
  }, [user]);

  // Feedback toasts fade after a few seconds (the live region has already announced them).
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(''), 4000);
    return () => clearTimeout(timer);
  }, [message]);

  useEffect(() => {
    if (siteId) localStorage.setItem('parley-admin:site', siteId);
  }, [siteId]);

  const go = (v: View) => {
    location.hash = `#/${v}`;
    setView(v);
  };

  if (user === undefined) return <div class="boot" aria-busy="true" />;
  if (user === null) return <Login onSignedIn={setUser} />;

  const site = sites.find((s) => s.id === siteId);
  const isQueue = (QUEUE_NAMES as View[]).includes(view);
  return (
    <div class="layout">
      <header class="topbar">
        <span class="logo" aria-hidden="true">
          P
        </span>
        <strong class="product">{t.title}</strong>
        <label class="site-pick">
          <span>{t.site}</span>
          <select value={siteId} onChange={(e) => setSiteId((e.currentTarget as HTMLSelectElement).value)}>
            {sites.map((s) => (
              <option value={s.id}>{s.name}</option>
            ))}
          </select>
        </label>
        <span class="spacer" />
        <span class="me">{user.email}</span>
        <button
          type="button"
          class="btn small"
          onClick={() => {
            void api.post('/logout').finally(() => setUser(null));
          }}
        >
          {t.signOut}
        </button>
      </header>
      <nav class="side" aria-label="Dashboard">
        <a href="#/pending" class={isQueue ? 'active' : ''} aria-current={isQueue ? 'page' : undefined} onClick={(e) => (e.preventDefault(), go('pending'))}>
          {t.queues}
        </a>
        {(['stories', 'settings', 'audit', 'stats'] as const).map((v) => (
          <a href={`#/${v}`} class={view === v ? 'active' : ''} aria-current={view === v ? 'page' : undefined} onClick={(e) => (e.preventDefault(), go(v))}>
            {t[v]}
          </a>
        ))}
      </nav>
      <main class="content">
        {!siteId ? null : isQueue ? (
          <Queue api={api} site={siteId} queue={view as QueueName} onQueue={go} announce={setMessage} />
        ) : view === 'stories' ? (
          <Stories api={api} site={siteId} announce={setMessage} />
        ) : view === 'settings' && site ? (
          <SiteSettings api={api} site={site} onSaved={(s) => setSites((list) => list.map((o) => (o.id === s.id ? s : o)))} />
        ) : view === 'audit' ? (
          <Audit api={api} site={siteId} />
        ) : view === 'stats' ? (
          <StatsView api={api} site={siteId} />
        ) : null}
      </main>
      <div class="toast" role="status" aria-live="polite">
        {message}
      </div>
    </div>
  );
}

function Login({ onSignedIn }: { onSignedIn: (u: User) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const r = await api.post<{ user: User; csrfToken: string }>('/login', { email, password });
      api.csrf = r.csrfToken;
      onSignedIn(r.user);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <main class="login">
      <form class="panel login-box" onSubmit={submit} aria-labelledby="login-title">
        <div class="logo big" aria-hidden="true">
          P
        </div>
        <h1 id="login-title">{t.title}</h1>
        {error ? (
          <p class="error" role="alert" id="login-error">
            {error}
          </p>
        ) : null}
        <div class="field">
          <label for="login-email">{t.email}</label>
          <input id="login-email" type="email" autoComplete="username" value={email} onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)} required />
        </div>
        <div class="field">
          <label for="login-password">{t.password}</label>
          <input id="login-password" type="password" autoComplete="current-password" value={password} onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)} required />
        </div>
        <button type="submit" class="btn primary wide" disabled={busy}>
          {busy ? t.signingIn : t.signIn}
        </button>
      </form>
    </main>
  );
}
