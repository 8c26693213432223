// The moderator dashboard in Chromium: keyboard movement and selection, batch actions (selected
// cards; all pending comments of one author), story and site settings that the embed then obeys,
// the audit log, and the stats charts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { createModerator, launchBrowser, newVisitor, screenshot, seedStory, signInDashboard, startParley, type Parley } from './helpers/browser.js';

let parley: Parley;
let browser: Browser;

async function post(name: string, email: string, body: string, story = 'welcome'): Promise<void> {
  const res = await fetch(`${parley.baseUrl}/api/v1/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ site: 'demo', story, name, email, body }),
  });
  assert.equal(res.status, 201, await res.text());
}

before(async () => {
  parley = await startParley();
  await seedStory(parley.store, { site: 'demo', story: 'welcome', title: 'Riverside library reopens after two-year renovation' });
  await seedStory(parley.store, { site: 'demo', story: 'budget-vote', title: 'Council delays budget vote as transport row deepens' });
  await createModerator(parley.store);
  // One persistent author with three comments, and two other readers.
  await post('Vera Spamwell', 'vera@example.com', 'Cheap watches at my shop, best prices in town.');
  await post('Vera Spamwell', 'vera@example.com', 'Visit my shop for the best watches in town.');
  await post('Vera Spamwell', 'vera@example.com', 'Watches! Cheap! Come to my shop today.', 'budget-vote');
  await post('Omar Haddad', 'omar@example.com', 'The extended opening hours will help students a lot during exams.');
  await post('Lucia Brandt', 'lucia@example.com', 'Does anyone know whether the recording studio can be booked by local bands?');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await parley?.close();
});

const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Queues' }).getByRole('button', { name: new RegExp(`^${name}`) });
const count = async (page: Page, name: string) => Number(((await tab(page, name).textContent()) ?? '').replace(/\D+/g, ''));

test('keyboard movement, selection and batch actions in the queues', { timeout: 60_000 }, async () => {
  const v = await newVisitor(browser);
  try {
    await signInDashboard(v.page, parley.baseUrl);
    await v.page.locator('.card').nth(4).waitFor();
    assert.equal(await count(v.page, 'Pending'), 5);

    // j/k move the selection; the selected card is marked and focused.
    const selectedName = () => v.page.locator('.card[aria-current="true"]').getAttribute('data-id');
    const first = await selectedName();
    await v.page.keyboard.press('j');
    const second = await selectedName();
    assert.notEqual(second, first);
    await v.page.keyboard.press('k');
    assert.equal(await selectedName(), first);
    // Focus follows the selection in an effect after the render: wait for it rather than race it.
    await v.page.waitForFunction(() => document.activeElement?.getAttribute('aria-current') === 'true', null, { timeout: 5000 });

    // All pending from one author: Vera's three comments, across stories, rejected in one go.
    await v.page.locator('.card', { hasText: 'vera@example.com' }).first().getByRole('button', { name: 'All pending from this author' }).click();
    const batch = v.page.getByRole('region', { name: 'Batch actions' });
    await batch.getByText('All pending comments from vera@example.com').waitFor();
    await batch.getByRole('button', { name: 'Reject' }).click();
    await v.page.getByRole('status').filter({ hasText: 'Rejected: 3 comment(s).' }).waitFor();
    assert.equal(await v.page.locator('.card').count(), 2);
    assert.equal(await count(v.page, 'Pending'), 2);
    assert.equal(await count(v.page, 'Rejected'), 3);

    // x selects cards from the keyboard; the batch bar approves the selection.
    await v.page.keyboard.press('x');
    await v.page.keyboard.press('j');
    await v.page.keyboard.press('x');
    await batch.getByText('2 selected').waitFor();
    await batch.getByRole('button', { name: 'Approve' }).click();
    await v.page.getByText('Nothing here. Well done.').waitFor();
    assert.equal(await count(v.page, 'Approved'), 2);

    // The Rejected queue holds Vera's comments, with her history on each card.
    await tab(v.page, 'Rejected').click();
    await v.page.locator('.card').nth(2).waitFor();
    assert.match((await v.page.locator('.card').first().textContent()) ?? '', /3 rejected/);
    // s marks the selected one as spam.
    await v.page.keyboard.press('s');
    await v.page.getByRole('status').filter({ hasText: 'Marked as spam: Vera Spamwell.' }).waitFor();
    assert.equal(await count(v.page, 'Spam'), 1);
    assert.deepEqual(v.consoleErrors, []);
  } finally {
    await v.context.close();
  }
});

test('story and site settings from the dashboard change what readers see', { timeout: 60_000 }, async () => {
  const v = await newVisitor(browser);
  const reader = await newVisitor(browser);
  try {
    await signInDashboard(v.page, parley.baseUrl);

    // Site settings: a bad threshold pair is refused beside its field; a good change is saved.
    await v.page.getByRole('link', { name: 'Site settings' }).click();
    const policy = v.page.getByLabel('Comments policy (shown above the comments)');
    await policy.fill('Keep it civil. We remove personal attacks and spam.');
    await v.page.getByLabel('Review threshold (0–1)').fill('0.95');
    await v.page.getByRole('button', { name: 'Save' }).click();
    await v.page.locator('#e-review').waitFor();
    assert.match((await v.page.locator('#e-review').textContent()) ?? '', /review threshold must not be above the reject threshold/);
    assert.equal(await v.page.getByLabel('Review threshold (0–1)').getAttribute('aria-invalid'), 'true');
    await v.page.getByLabel('Review threshold (0–1)').fill('0.5');
    await v.page.getByLabel('Banned words (one per line, rejected)').fill('cheap watches\nwatch shop');
    await v.page.getByLabel('Moderation mode').selectOption('auto');
    await v.page.getByRole('button', { name: 'Save' }).click();
    await v.page.locator('.saved', { hasText: 'Saved.' }).waitFor();
    await screenshot(v.page, 'dashboard-settings.png');

    // Stories: close comments on one story.
    await v.page.getByRole('link', { name: 'Stories' }).click();
    const row = v.page.locator('tr[data-story="budget-vote"]');
    await row.getByRole('button', { name: 'Close comments' }).click();
    await row.getByText('Closed', { exact: true }).waitFor();

    // The reader sees the new policy, and no form on the closed story.
    await reader.page.goto(`${parley.baseUrl}/demo?site=demo&story=welcome`);
    const embed = reader.page.locator('parley-comments');
    await embed.getByText('Our comments policy').click();
    await embed.getByText('Keep it civil. We remove personal attacks and spam.').waitFor();
    await reader.page.goto(`${parley.baseUrl}/demo?site=demo&story=budget-vote`);
    await embed.getByText('Comments are closed.').waitFor();
    assert.equal(await embed.getByRole('form').count(), 0);

    // The audit log lists the moderators' actions and the settings change.
    await v.page.getByRole('link', { name: 'Audit log' }).click();
    const log = v.page.locator('table.table tbody');
    await log.locator('tr').first().waitFor();
    const text = (await log.textContent()) ?? '';
    assert.match(text, /desk@courier\.example/);
    assert.match(text, /pending → rejected/);
    assert.match(text, /pending → approved/);

    // Stats: two charts drawn as inline SVG.
    await v.page.getByRole('link', { name: 'Stats' }).click();
    await v.page.locator('.chart svg').nth(1).waitFor();
    const charts = await v.page.locator('.chart svg[role="img"]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    assert.equal(charts.length, 2);
    assert.match(charts[0] ?? '', /Comments per day: 5 in/);
    assert.ok((await v.page.locator('.chart').nth(0).locator('rect.bar').count()) >= 1);
    assert.ok((await v.page.locator('.chart').nth(1).locator('rect.bar').count()) >= 1);
    await screenshot(v.page, 'dashboard-stats.png');
    // The dashboard follows the system's dark mode too.
    await v.page.emulateMedia({ colorScheme: 'dark' });
    await v.page.getByRole('link', { name: 'Queues' }).click();
    await tab(v.page, 'Approved').click();
    await v.page.locator('.card').first().waitFor();
    assert.notEqual(await v.page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(244, 245, 247)');
    await screenshot(v.page, 'dashboard-dark.png');
    assert.deepEqual(v.consoleErrors, []);
    assert.deepEqual(reader.consoleErrors, []);
  } finally {
    await Promise.all([v.context.close(), reader.context.close()]);
  }
});
