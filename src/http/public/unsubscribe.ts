// GET /api/v1/unsubscribe?token=… — the one-click link at the foot of every reply notice. Answers a
// small HTML page (a person clicked it in their mail), 404 for a token Parley does not know.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { unsubscribe, type UnsubscribeResult } from '../../mail/index.js';
import { oneQuery } from './http-helpers.js';

const PAGES: Record<UnsubscribeResult, { status: number; title: string; text: string }> = {
  unsubscribed: { status: 200, title: 'Unsubscribed', text: 'You will get no more e-mails about replies to this comment.' },
  already: { status: 200, title: 'Already unsubscribed', text: 'You had already stopped e-mails about replies to this comment.' },
  unknown: {
    status: 404,
    title: 'Link not recognised',
    text: 'This unsubscribe link is not known here. Please copy the whole link from the e-mail into your browser.',
  },
};

function page(title: string, text: string): string {
  // Both strings are our own constants above; nothing from the request is echoed.
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5"><h1>${title}</h1><p>${text}</p></body></html>`;
}

export function registerUnsubscribe(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/unsubscribe', async (request, reply) => {
    const token = oneQuery(request.query, 'token') ?? '';
    const result = await unsubscribe(ctx.store.db, token, ctx.mail?.now() ?? new Date());
    const { status, title, text } = PAGES[result];
    return reply.code(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(page(title, text));
  });
}
