// The demo site: site `demo`, story `welcome` with a realistic article and a few approved comments.
import type { Db } from '../store/db.js';
import { createSite, findSite } from '../sites/index.js';
import { createStory } from '../stories/index.js';
import { renderCommentHtml, newId, hashAddress } from '../comments/index.js';
import { bumpStory } from '../comments/status.js';

export const DEMO_SITE = 'demo';
export const DEMO_STORY = 'welcome';

const STORY_BODY = `The city council voted 7–2 on Tuesday night to convert the riverside parking lot on Harbor Street into a
public park, ending a three-year debate over the future of the 2.4-acre site. The plan includes a playground, a
native-plant garden designed to absorb storm water, and a small events lawn. Construction is expected to begin next
spring and cost about $4.8 million, most of it from a state grant for flood resilience.

Supporters said the park would give the dense downtown neighborhood its first green space in decades. Opponents,
including several shop owners, warned that losing 180 parking spaces would hurt businesses that already struggle
with foot traffic. The council added an amendment asking the transit agency to study a weekend shuttle from the
garage on Fifth Avenue.`;

const COMMENTS: { name: string; body: string; reply?: number }[] = [
  { name: 'Maria Okafor', body: 'Finally. My kids have to cross four lanes of traffic to reach the nearest playground. This is a **huge** improvement for families downtown.' },
  { name: 'Tom Reilly', body: 'I run the bakery on Harbor Street. I am not against a park, but half of my weekend customers park in that lot. I hope the shuttle study is more than a gesture.' },
  { name: 'Priya Nair', body: 'The storm-water garden is the part I am most curious about. The block flooded twice last year; the engineering report is worth a read: https://example.com/harbor-street-report', reply: 1 },
  { name: 'Daniel Kim', body: 'Good point about the shuttle, Tom. The Fifth Avenue garage is half empty on Saturdays, so a loop every 15 minutes could work.', reply: 1 },
];

/** The other stories on the demo section page (/demo/section), so every link there opens a live thread. */
const SECTION_STORIES: { id: string; title: string; body: string }[] = [
  {
    id: 'budget-vote',
    title: 'Council delays budget vote as transport row deepens',
    body: 'The council postponed its budget vote on Tuesday night after an amendment to freeze bus fares won unexpected support from members of the ruling group.',
  },
  {
    id: 'harbour-festival',
    title: 'Harbour festival returns with a free opening night',
    body: 'The harbour festival will open with a free evening of music on the quayside, organisers announced. The main stage will close an hour earlier this year.',
  },
  {
    id: 'school-meals',
    title: 'Free school meals extended to every primary pupil',
    body: 'Every primary school pupil in the district will receive a free lunch from September. Head teachers welcomed the plan but warned kitchens need more staff.',
  },
];

/** Origins a browser uses for the local server (the demo page and local test pages). */
export function demoOrigins(port: number): string[] {
  const ports = [...new Set([port, 8080].filter((p) => p > 0))];
  return ports.flatMap((p) => [`http://127.0.0.1:${p}`, `http://localhost:${p}`]);
}

/** Creates the demo site, story and comments unless the site already exists. Returns whether it did. */
export async function createDemo(db: Db, port: number): Promise<boolean> {
  if (await findSite(db, DEMO_SITE)) return false;
  await createSite(db, {
    id: DEMO_SITE,
    name: 'The Harbor Gazette (demo)',
    settings: {
      allowedOrigins: demoOrigins(port),
      policy: 'Be civil, stay on topic, no personal attacks. Comments are reviewed by our moderators before they appear.',
    },
  });
  await createStory(db, DEMO_SITE, {
    id: DEMO_STORY,
    title: 'Council votes to turn Harbor Street parking lot into a riverside park',
    url: null,
    body: STORY_BODY,
  });
  for (const story of SECTION_STORIES) await createStory(db, DEMO_SITE, { ...story, url: null });
  const ids: string[] = [];
  const start = Date.now() - 60 * 60 * 1000;
  for (const [i, c] of COMMENTS.entries()) {
    const id = newId();
    const parent = c.reply !== undefined ? ids[c.reply] : null;
    const at = new Date(start + i * 7 * 60 * 1000).toISOString();
    await db
      .insertInto('comments')
      .values({
        id,
        site_id: DEMO_SITE,
        story_id: DEMO_STORY,
        parent_id: parent,
        root_id: parent ?? id,
        depth: parent ? 1 : 0,
        author_name: c.name,
        author_email: `${c.name.split(' ')[0].toLowerCase()}@example.com`,
        author_website: null,
        author_token_hash: null,
        ip_hash: hashAddress('127.0.0.1'),
        body: c.body,
        html: renderCommentHtml(c.body),
        status: 'approved',
        risk: 0,
        moderation: null,
        previous_status: null,
        created_at: at,
        edited_at: null,
        status_changed_at: at,
      })
      .execute();
    ids.push(id);
  }
  await bumpStory(db, DEMO_SITE, DEMO_STORY, COMMENTS.length);
  return true;
}
