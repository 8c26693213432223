// Mail configuration from the environment: SMTP_URL turns e-mail on, MAIL_FROM is the sender, and
// PUBLIC_URL (shared with the rest of Parley) is the base of every link a message carries.

export interface MailSettings {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465 (TLS from the start). */
  smtpUrl: string;
  /** The From header, e.g. "Daily News comments <comments@news.example.com>". */
  from: string;
  /** Base URL of this Parley server as readers reach it, without a trailing slash. */
  publicUrl: string;
}

const ADDRESS_IN_FROM = /[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+/;

/**
 * null when SMTP_URL is unset or empty (mail is off). `publicUrlSetting` is the configured PUBLIC_URL
 * (or http://host:port). A malformed SMTP_URL, MAIL_FROM or PUBLIC_URL stops the start with a sentence
 * naming the variable, rather than failing at the first message.
 */
export function mailSettingsFromEnv(env: NodeJS.ProcessEnv, publicUrlSetting: string): MailSettings | null {
  const smtpUrl = env.SMTP_URL?.trim();
  if (!smtpUrl) return null;
  let parsed: URL;
  try {
    parsed = new URL(smtpUrl);
  } catch {
    throw new Error('SMTP_URL is not a URL; write it like smtp://user:password@mail.example.com:587 or smtps://…:465.');
  }
  if ((parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') || !parsed.hostname) {
    throw new Error('SMTP_URL must start with smtp:// or smtps:// and name a host, e.g. smtp://mail.example.com:587.');
  }
  const from = env.MAIL_FROM?.trim();
  if (!from || !ADDRESS_IN_FROM.test(from) || /[\r\n]/.test(from)) {
    throw new Error('With SMTP_URL set, MAIL_FROM must be the sender address, e.g. "Daily News <comments@news.example.com>".');
  }
  const publicUrl = publicUrlSetting.trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/i.test(publicUrl)) {
    throw new Error('PUBLIC_URL must start with http:// or https://, e.g. https://comments.example.com.');
  }
  return { smtpUrl, from, publicUrl };
}
