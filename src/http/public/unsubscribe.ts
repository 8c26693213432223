// The unsubscribe link at the foot of every reply notice, /api/v1/unsubscribe?token=…
// GET (a person opened the link) answers a page that asks before it acts: mail scanners and link
// previews open links too, and must not unsubscribe anyone. POST unsubscribes: the page's button, or a
// mail client's one-click unsubscribe (RFC 8058, the List-Unsubscribe-Post header on each notice).
// An unknown token is a 404 page either way.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { subscriptionState, unsubscribe } from '../../mail/index.js';
import { oneQuery } from './http-helpers.js';

interface Page { status: number; title: string; text: string; button?: boolean }

const PAGES = {
  ask: { status: 200, title: 'Stop e-mails about replies?', text: 'You asked to hear when someone replies to your comment. Press the button to stop these e-mails.', button: true },
  unsubscribed: { status: 200, title: 'Unsubscribed', text: 'You will get no more e-mails about replies to this comment.' },
  already: { status: 200, title: 'Already unsubscribed', text: 'You had already stopped e-mails about replies to this comment.' },
  unknown: {
    status: 404,
    title: 'Link not recognised',
    text: 'This unsubscribe link is not known here. Please copy the whole link from the e-mail into your browser.',
  },
} satisfies Record<string, Page>;

function html(page: Page, token: string): string {
  // Titles and texts are our own constants; the token only appears once it has matched a stored one
  // (43 URL-safe characters), and is escaped by encodeURIComponent anyway.
  const form = page.button
    ? `<form method="post" action="/api/v1/unsubscribe?token=${encodeURIComponent(token)}"><button type="submit">Stop these e-mails</button></form>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${page.title}</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5"><h1>${page.title}</h1><p>${page.text}</p>${form}</body></html>`;
}

export function registerUnsubscribe(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/unsubscribe', async (request, reply) => {
    const token = oneQuery(request.query, 'token') ?? '';
    const state = await subscriptionState(ctx.store.db, token);
    const page = state === 'active' ? PAGES.ask : PAGES[state];
    return reply.code(page.status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(html(page, token));
  });

  // The form and RFC 8058 both send application/x-www-form-urlencoded; the body says nothing we need
  // (the token is in the URL), so this scope accepts that type and ignores it.
  app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_req, _body, done) => done(null, {}));
    scope.post('/api/v1/unsubscribe', async (request, reply) => {
      const token = oneQuery(request.query, 'token') ?? '';
      const page = PAGES[await unsubscribe(ctx.store.db, token, ctx.mail?.now() ?? new Date())];
      return reply.code(page.status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(html(page, token));
    });
  });
}
