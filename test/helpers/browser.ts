// Browser tests: Debian's Chromium driven by playwright-core, against the real server on a free port
// with a fresh SQLite database. One browser per test file; each reader or moderator gets a fresh
// context (its own storage, cookies and cache).
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { freshDatabase, type FreshDatabase } from './databases.js';
import { startTestServer, type TestServer } from './server.js';
import type { Store } from '../../src/store/db.js';
import { createSite, updateSite, type SiteSettings } from '../../src/sites/index.js';
import { createStory } from '../../src/stories/index.js';
import { createUser } from '../../src/accounts/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function assertBundlesBuilt(): void {
  for (const file of ['embed.js', 'count.js', 'admin.js']) {
    if (!existsSync(join(ROOT, 'dist', 'web', file))) {
      throw new Error(`dist/web/${file} is missing: run "npm run build" first (npm test does it).`);
    }
  }
}

export async function launchBrowser(): Promise<Browser> {
  assertBundlesBuilt();
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not at ${CHROMIUM_PATH}: install Debian's package (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Records anything that looks like script execution from user content: the XSS payloads call
 * `__xss.push(...)` or alert/confirm/prompt, and a CSP violation (the dashboard's policy blocking an
 * inline handler) counts as an attempt too.
 */
const XSS_HOOK = `
  window.__xss = [];
  const record = (kind, detail) => window.__xss.push(kind + ': ' + String(detail).slice(0, 200));
  window.alert = (m) => record('alert', m);
  window.confirm = (m) => (record('confirm', m), false);
  window.prompt = (m) => (record('prompt', m), null);
  document.addEventListener('securitypolicyviolation', (e) =>
    record('csp', e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
`;

export interface Visitor {
  context: BrowserContext;
  page: Page;
  /** Dialogs opened and console errors seen by this page. */
  dialogs: string[];
  consoleErrors: string[];
}

export async function newVisitor(
  browser: Browser,
  options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {},
): Promise<Visitor> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1100, height: 900 },
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
  });
  await context.addInitScript(XSS_HOOK);
  const page = await context.newPage();
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => {});
  });
  page.on('console', (m) => {
    // A 4xx answer (a validation error, a nudge, "please sign in") is part of the flow, but Chromium
    // logs every one; anything else logged as an error is kept.
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) {
      consoleErrors.push(m.text());
    }
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.setDefaultTimeout(10_000);
  return { context, page, dialogs, consoleErrors };
}

export interface Parley {
  baseUrl: string;
  store: Store;
  database: FreshDatabase;
  server: TestServer;
  close(): Promise<void>;
}

/** The real app (all route plugins) on a free port, with a fresh migrated SQLite database. */
export async function startParley(): Promise<Parley> {
  const database = await freshDatabase('sqlite');
  const store = await database.open();
  const server = await startTestServer(store, database.dataDir);
  return {
    baseUrl: server.baseUrl,
    store,
    database,
    server,
    async close() {
      await server.close();
      await store.close();
      await database.drop();
    },
  };
}

export async function seedStory(
  store: Store,
  input: { site: string; story: string; title: string; settings?: Partial<SiteSettings>; siteName?: string },
): Promise<void> {
  const existing = await store.db.selectFrom('sites').select('id').where('id', '=', input.site).executeTakeFirst();
  if (!existing) await createSite(store.db, { id: input.site, name: input.siteName ?? 'The Riverside Courier', settings: input.settings });
  else if (input.settings) await updateSite(store.db, input.site, { settings: input.settings });
  await createStory(store.db, input.site, { id: input.story, title: input.title });
}

/** The page's <parley-comments> element (Playwright's locators pierce its shadow root). */
export const embedOf = (page: Page): Locator => page.locator('parley-comments');
/** The button of exactly that accessible name inside `scope`. */
export const buttonIn = (scope: Locator, name: string): Locator => scope.getByRole('button', { name, exact: true });

export const MODERATOR = { email: 'desk@courier.example', password: 'correct horse battery staple' };

export async function createModerator(store: Store, role: 'admin' | 'moderator' = 'admin'): Promise<void> {
  await createUser(store.db, { email: MODERATOR.email, password: MODERATOR.password, role });
}

/** Signs in through the dashboard's own form. */
export async function signInDashboard(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/admin`);
  await page.getByLabel('Email').fill(MODERATOR.email);
  await page.getByLabel('Password').fill(MODERATOR.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Queues' }).waitFor();
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean; element?: string } = {}): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, name);
  if (options.element) {
    // The element with a margin of the page around it, so the picture shows it in place.
    // Document coordinates (a full-page clip is relative to the page, not to the scrolled viewport).
    const box = await page.locator(options.element).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height };
    });
    const m = 24;
    await page.screenshot({ path, fullPage: true, clip: { x: Math.max(0, box.x - m), y: Math.max(0, box.y - m), width: box.width + 2 * m, height: box.height + 2 * m } });
  }
  else await page.screenshot({ path, fullPage: options.fullPage ?? false });
}
