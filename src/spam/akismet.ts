// A small Akismet client (https://akismet.com/developers/): comment-check, submit-spam, submit-ham,
// verify-key. Akismet is an extra opinion next to Parley's own offline pipeline, so nothing here may
// hold a request for long or fail its caller: every call has a short timeout, and a timeout, a
// network error or an answer we do not understand comes back as 'unknown' (logged as a warning).

/** comment-check's answer: 'discard' is spam Akismet calls blatant (X-akismet-pro-tip: discard). */
export type AkismetVerdict = 'spam' | 'discard' | 'ham' | 'unknown';
export type AkismetKeyStatus = 'valid' | 'invalid' | 'unknown';

/** The form fields of comment-check, submit-spam and submit-ham (Akismet's own names). */
export interface AkismetCommentFields {
  blog: string;
  user_ip: string;
  user_agent: string;
  referrer: string;
  permalink?: string;
  comment_type: 'comment' | 'reply';
  comment_author: string;
  comment_author_email: string;
  comment_author_url?: string;
  comment_content: string;
  comment_date_gmt: string;
  blog_charset: 'UTF-8';
  /** Set when an edited comment is checked again. */
  recheck_reason?: string;
}

export interface AkismetClient {
  checkComment(key: string, fields: AkismetCommentFields): Promise<AkismetVerdict>;
  /** true when Akismet thanked us; false (logged) otherwise. */
  submitSpam(key: string, fields: AkismetCommentFields): Promise<boolean>;
  submitHam(key: string, fields: AkismetCommentFields): Promise<boolean>;
  verifyKey(key: string, blog: string): Promise<AkismetKeyStatus>;
}

export interface WarnLog {
  warn(obj: object, msg: string): void;
}

export const AKISMET_DEFAULT_URL = 'https://rest.akismet.com';
/** Long enough for a healthy answer (tens of ms), short enough that a reader barely notices a dead service. */
export const AKISMET_TIMEOUT_MS = 2000;
/** The exact body submit-spam and submit-ham answer with on success. */
const THANKS = 'Thanks for making the web a better place.';

export function createAkismetClient(options: { baseUrl?: string; timeoutMs?: number; log: WarnLog }): AkismetClient {
  const base = (options.baseUrl ?? AKISMET_DEFAULT_URL).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? AKISMET_TIMEOUT_MS;
  const { log } = options;

  /** POSTs the form; null (logged) when there is no usable answer in time. */
  async function call(method: string, form: Record<string, string | undefined>): Promise<{ body: string; headers: Headers } | null> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(form)) if (value !== undefined) body.set(name, value);
    try {
      const res = await fetch(`${base}/1.1/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8', 'user-agent': 'Parley | Akismet client/1' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = (await res.text()).trim();
      if (!res.ok) {
        log.warn({ akismet: method, status: res.status }, 'Akismet answered with an HTTP error');
        return null;
      }
      return { body: text, headers: res.headers };
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      log.warn({ akismet: method, err: timedOut ? undefined : err }, timedOut ? `Akismet did not answer within ${timeoutMs} ms` : 'Akismet could not be reached');
      return null;
    }
  }

  async function submit(method: 'submit-spam' | 'submit-ham', key: string, fields: AkismetCommentFields): Promise<boolean> {
    const answer = await call(method, { api_key: key, ...fields });
    if (!answer) return false;
    if (answer.body === THANKS) return true;
    log.warn({ akismet: method, answer: answer.body.slice(0, 200), help: answer.headers.get('x-akismet-debug-help') ?? undefined }, 'Akismet did not accept the feedback');
    return false;
  }

  return {
    async checkComment(key, fields) {
      const answer = await call('comment-check', { api_key: key, ...fields });
      if (!answer) return 'unknown';
      if (answer.body === 'true') return answer.headers.get('x-akismet-pro-tip') === 'discard' ? 'discard' : 'spam';
      if (answer.body === 'false') return 'ham';
      // 'invalid' (bad key) or anything else: Parley's own decision stands.
      log.warn(
        { akismet: 'comment-check', answer: answer.body.slice(0, 200), help: answer.headers.get('x-akismet-debug-help') ?? undefined },
        'Akismet gave no verdict',
      );
      return 'unknown';
    },
    submitSpam: (key, fields) => submit('submit-spam', key, fields),
    submitHam: (key, fields) => submit('submit-ham', key, fields),
    async verifyKey(key, blog) {
      const answer = await call('verify-key', { api_key: key, blog });
      if (answer?.body === 'valid') return 'valid';
      if (answer?.body === 'invalid') return 'invalid';
      if (answer) log.warn({ akismet: 'verify-key', answer: answer.body.slice(0, 200) }, 'Akismet gave an unexpected answer');
      return 'unknown';
    },
  };
}

/**
 * The client the app uses. AKISMET_URL replaces Akismet's address, for tests that run a local
 * stand-in; it is read on each call so a test can point it at a server started after the app.
 */
export function akismetClient(log: WarnLog): AkismetClient {
  return createAkismetClient({ baseUrl: process.env.AKISMET_URL || undefined, log });
}
