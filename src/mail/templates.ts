// The messages Parley sends, each as a plain-text and an HTML part. Everything that came from a person
// (names, titles, comment text) is escaped for HTML and flattened to one safe line where a line is
// expected (subjects), so no reader can inject markup or headers into a moderator's inbox.

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** One-click unsubscribe URL (List-Unsubscribe header), when the reader may stop these mails. */
  listUnsubscribe?: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** One line of plain text: control characters (CR/LF included) and runs of spaces become one space. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/g, ' ').trim();
}

/** The start of a comment on one line, cut at a word when longer than `max` characters. */
export function excerpt(body: string, max = 200): string {
  const line = oneLine(body);
  const chars = [...line];
  if (chars.length <= max) return line;
  const cut = chars.slice(0, max).join('');
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${atWord.length > max / 2 ? atWord : cut}…`;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function page(inner: string): string {
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a">${inner}</body></html>`;
}

export interface HeldComment {
  authorName: string;
  storyTitle: string;
  body: string;
  /** Labels of the moderation reasons (e.g. "toxicity", "links"). */
  reasons: string[];
}

/** To one moderator: comments held for review on a site since their last message. */
export function moderatorDigest(input: { to: string; siteName: string; total: number; listed: HeldComment[]; adminUrl: string }): MailMessage {
  const site = oneLine(input.siteName);
  const count = plural(input.total, 'comment is', 'comments are');
  const more = input.total - input.listed.length;
  const subject = `${site}: ${plural(input.total, 'comment', 'comments')} waiting for review`;
  const textItems = input.listed.map((c) => {
    const reasons = c.reasons.length ? `\n  Held for: ${c.reasons.map(oneLine).join(', ')}` : '';
    return `- ${oneLine(c.authorName)} on "${oneLine(c.storyTitle)}":\n  ${excerpt(c.body)}${reasons}`;
  });
  const text = [
    `${count} waiting for review on ${site}.`,
    '',
    ...textItems,
    ...(more > 0 ? [`…and ${plural(more, 'more', 'more')}.`] : []),
    '',
    `Review them: ${input.adminUrl}`,
  ].join('\n');
  const htmlItems = input.listed
    .map((c) => {
      const reasons = c.reasons.length ? `<br><small>Held for: ${escapeHtml(c.reasons.map(oneLine).join(', '))}</small>` : '';
      return `<li><strong>${escapeHtml(oneLine(c.authorName))}</strong> on “${escapeHtml(oneLine(c.storyTitle))}”:<br>${escapeHtml(excerpt(c.body))}${reasons}</li>`;
    })
    .join('');
  const html = page(
    `<p>${escapeHtml(count)} waiting for review on ${escapeHtml(site)}.</p><ul>${htmlItems}</ul>` +
      (more > 0 ? `<p>…and ${escapeHtml(plural(more, 'more', 'more'))}.</p>` : '') +
      `<p><a href="${escapeHtml(input.adminUrl)}">Review them in Parley</a></p>`,
  );
  return { to: input.to, subject, text, html };
}

/** To a reader who asked for it: someone replied to their comment. */
export function replyNotice(input: {
  to: string;
  replierName: string;
  replyBody: string;
  storyTitle: string;
  /** The story page (with the reply's anchor), when the story has a URL. */
  link: string | null;
  unsubscribeUrl: string;
}): MailMessage {
  const name = oneLine(input.replierName);
  const title = oneLine(input.storyTitle);
  const quote = excerpt(input.replyBody, 300);
  const text = [
    `${name} replied to your comment on "${title}":`,
    '',
    `  ${quote}`,
    '',
    ...(input.link ? [`Read the conversation: ${input.link}`, ''] : []),
    `You get this because you asked to hear about replies. Stop these messages: ${input.unsubscribeUrl}`,
  ].join('\n');
  const html = page(
    `<p>${escapeHtml(name)} replied to your comment on “${escapeHtml(title)}”:</p>` +
      `<blockquote style="margin:0 0 1em;padding-left:1em;border-left:3px solid #ccc">${escapeHtml(quote)}</blockquote>` +
      (input.link ? `<p><a href="${escapeHtml(input.link)}">Read the conversation</a></p>` : '') +
      `<p><small>You get this because you asked to hear about replies. <a href="${escapeHtml(input.unsubscribeUrl)}">Stop these messages</a>.</small></p>`,
  );
  return { to: input.to, subject: `${name} replied to your comment on “${title}”`, text, html, listUnsubscribe: input.unsubscribeUrl };
}
