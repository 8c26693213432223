// Browser-facing files: the reader embed (/embed.js), the count script (/count.js), the moderator
// dashboard (/admin, /admin.js) and the demo pages (/demo, /demo/section).
// Bundles come from dist/web (built by `npm run build`); they are read once and served with an ETag.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { findStory, listStories } from '../stories/index.js';
import { findSite } from '../sites/index.js';
import { adminShell, articlePage, sectionPage } from '../../web/demo/pages.js';

interface Asset {
  body: Buffer;
  etag: string;
  type: string;
}

// dist/parley.js finds its bundles in ./web; src/http/web.ts (tests, tsx) in ../../dist/web.
const BUNDLE_DIRS = [new URL('./web/', import.meta.url), new URL('../../dist/web/', import.meta.url)].map((u) =>
  fileURLToPath(u),
);

function etagOf(body: Buffer | string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

function readBundle(name: string): Asset | null {
  for (const dir of BUNDLE_DIRS) {
    const file = dir + name;
    if (existsSync(file)) {
      const body = readFileSync(file);
      return { body, etag: etagOf(body), type: 'text/javascript; charset=utf-8' };
    }
  }
  return null;
}

// Scripts a news page embeds are cached for a day and revalidated in the background for a week
// (their URL is unversioned, so an upgrade must reach readers within a day); the ETag makes each
// revalidation a 304.
const SCRIPT_CACHE = 'public, max-age=86400, stale-while-revalidate=604800';

// The dashboard runs only scripts and connections from Parley itself.
const ADMIN_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

function send(request: FastifyRequest, reply: FastifyReply, asset: Asset, cacheControl: string): FastifyReply {
  reply.header('ETag', asset.etag).header('Cache-Control', cacheControl).header('X-Content-Type-Options', 'nosniff');
  const match = request.headers['if-none-match'];
  if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === asset.etag)) return reply.code(304).send();
  return reply.type(asset.type).send(asset.body);
}

function html(body: string): Asset {
  const buf = Buffer.from(body);
  return { body: buf, etag: etagOf(buf), type: 'text/html; charset=utf-8' };
}

/** A query value that is one string (first one when repeated), or the fallback. */
function queryString(request: FastifyRequest, key: string, fallback: string): string {
  const value = (request.query as Record<string, unknown>)[key];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.length > 0 && first.length <= 300 ? first : fallback;
}

export default async function routes(app: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  const bundles = new Map<string, Asset | null>();
  // Read lazily and keep: a server started before `npm run build` still picks the files up later.
  const bundle = (name: string): Asset | null => {
    if (!bundles.get(name)) bundles.set(name, readBundle(name));
    return bundles.get(name) ?? null;
  };

  for (const name of ['embed.js', 'count.js', 'admin.js']) {
    app.get(`/${name}`, async (request, reply) => {
      const asset = bundle(name);
      if (!asset) {
        return reply.code(503).send({ error: `The browser bundle ${name} is not built yet. Run "npm run build" on the server.` });
      }
      reply.header('Access-Control-Allow-Origin', '*');
      return send(request, reply, asset, name === 'admin.js' ? 'no-cache' : SCRIPT_CACHE);
    });
  }

  const shell = html(adminShell());
  app.get('/admin', async (request, reply) => {
    reply.header('Content-Security-Policy', ADMIN_CSP).header('X-Frame-Options', 'DENY').header('Referrer-Policy', 'same-origin');
    return send(request, reply, shell, 'no-cache');
  });

  app.get('/demo', async (request, reply) => {
    const site = queryString(request, 'site', 'demo');
    const story = queryString(request, 'story', 'welcome');
    const [stored, siteRow] = await Promise.all([
      findStory(ctx.store.db, site, story).catch(() => null),
      findSite(ctx.store.db, site).catch(() => null),
    ]);
    const page = articlePage({ site, story, stored: stored ? { title: stored.title, body: stored.body } : null, siteName: siteRow?.name });
    return send(request, reply, html(page), 'no-cache');
  });

  app.get('/demo/section', async (request, reply) => {
    const site = queryString(request, 'site', 'demo');
    const [stories, siteRow] = await Promise.all([
      listStories(ctx.store.db, site, { limit: 12 }).catch(() => []),
      findSite(ctx.store.db, site).catch(() => null),
    ]);
    const page = sectionPage({ site, stories: stories.map((s) => ({ id: s.id, title: s.title })), siteName: siteRow?.name });
    return send(request, reply, html(page), 'no-cache');
  });

}
