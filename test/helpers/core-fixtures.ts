// Sites and stories the core tests share: a pre-moderated site and a post-moderated one (comments
// published at once, so threads, likes and replies can be exercised without a moderator).
import type { Store } from '../../src/store/db.js';
import { createSite } from '../../src/sites/index.js';
import { createStory } from '../../src/stories/index.js';

export const NEWS_ORIGIN = 'https://news.example';
export const LIVE_ORIGIN = 'https://live.example';
export const LIVE_STORY_URL = 'https://live.example/2026/11/harbor-park';

export async function seedCoreFixtures(store: Store): Promise<void> {
  await createSite(store.db, { id: 'news', name: 'News', settings: { allowedOrigins: [NEWS_ORIGIN], mode: 'premod' } });
  await createStory(store.db, 'news', { id: 'a', title: 'Council approves the harbor park', body: 'The council voted on the park.' });
  await createStory(store.db, 'news', { id: 'closed', title: 'An old story', open: false });
  await createSite(store.db, {
    id: 'live',
    name: 'Live',
    settings: { allowedOrigins: [LIVE_ORIGIN], mode: 'postmod', depthLimit: 3, maxLength: 300 },
  });
  await createStory(store.db, 'live', { id: 't', title: 'Harbor park: what readers think', url: LIVE_STORY_URL });
  await createStory(store.db, 'live', { id: 'u', title: 'Second story' });
}

let counter = 0;
/** A valid comment body for a site/story with distinct text and author, so repetition rules never fire. */
export function guest(site: string, story: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    site,
    story,
    name: `Reader ${counter}`,
    email: `reader${counter}@mail.example`,
    body: `Comment number ${counter} about the harbor park and the parking question, ${'abcdefghij'[counter % 10]}${counter * 7919}.`,
    ...extra,
  };
}
