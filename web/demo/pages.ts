// The demo pages Parley serves itself: a news article with the embed (/demo) and a section front
// with comment counts (/demo/section), plus the moderator dashboard's HTML shell (/admin).
// Every value put into the HTML goes through `esc`.

export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface DemoArticle {
  id: string;
  kicker: string;
  title: string;
  standfirst: string;
  byline: string;
  paragraphs: string[];
}

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    id: 'welcome',
    kicker: 'City',
    title: 'Riverside library reopens after two-year renovation',
    standfirst: 'A brighter reading room, a maker space and longer opening hours: the branch that almost closed is back, and busier than ever.',
    byline: 'By Amira Haddad · City reporter',
    paragraphs: [
      'The Riverside branch library reopened its doors on Saturday morning to a queue that stretched past the bakery on Mill Street. Families, students and a handful of retirees who had campaigned to keep the building open were first through the new glass entrance.',
      'The two-year renovation, funded by a mix of council money and a community bond, replaced the leaking roof, added step-free access on every floor and turned the old storage basement into a maker space with 3D printers, sewing machines and a small recording studio.',
      '“We were told in 2022 that the branch would not survive another winter,” said Ruth Okafor, who chairs the Friends of Riverside Library. “Today it has more seats than it ever had.”',
      'Opening hours are extended to 8pm on weekdays, and the library will open on Sundays for the first time. The council says visitor numbers will be reviewed after six months before the budget for next year is set.',
      'Not everyone is convinced. Some residents argue the money would have been better spent on the bus routes that were cut last spring, and the opposition group on the council has asked for a full breakdown of the final costs.',
    ],
  },
  {
    id: 'budget-vote',
    kicker: 'Politics',
    title: 'Council delays budget vote as transport row deepens',
    standfirst: 'Members will meet again next week after a late amendment on bus fares split the ruling group.',
    byline: 'By Tom Reyes · Political correspondent',
    paragraphs: [
      'The council postponed its budget vote on Tuesday night after an amendment to freeze bus fares won unexpected support from members of the ruling group.',
      'The finance lead said the freeze would leave a gap of several million in the transport budget and asked for time to present alternatives.',
    ],
  },
  {
    id: 'harbour-festival',
    kicker: 'Culture',
    title: 'Harbour festival returns with a free opening night',
    standfirst: 'Organisers promise more local bands, fewer queues and a quieter end to the evening for residents.',
    byline: 'By Lena Marsh · Arts writer',
    paragraphs: [
      'The harbour festival will open with a free evening of music on the quayside, organisers announced.',
      'After complaints last year, the main stage will close an hour earlier and a second entrance will open on Dock Road.',
    ],
  },
  {
    id: 'school-meals',
    kicker: 'Education',
    title: 'Free school meals extended to every primary pupil',
    standfirst: 'The scheme starts in September; head teachers welcome it but warn kitchens need more staff.',
    byline: 'By Priya Natarajan · Education reporter',
    paragraphs: [
      'Every primary school pupil in the district will receive a free lunch from September, the education board confirmed.',
      'Head teachers welcomed the plan but said several school kitchens would need extra staff and equipment to cope.',
    ],
  },
];

const PAGE_STYLE = `
  :root { color-scheme: light dark; --ink:#141414; --paper:#fbfaf7; --muted:#5d5d5d; --rule:#dedbd3; --brand:#a4161a; }
  @media (prefers-color-scheme: dark) { :root { --ink:#ececec; --paper:#121316; --muted:#a5a5a5; --rule:#2d2f34; --brand:#ff6b6b; } }
  * { box-sizing: border-box; }
  body { margin:0; background:var(--paper); color:var(--ink); font:18px/1.65 Georgia, "Times New Roman", serif; }
  a { color: inherit; }
  .masthead { border-bottom:1px solid var(--rule); }
  .masthead .inner { max-width:1080px; margin:0 auto; padding:18px 24px 10px; display:flex; align-items:baseline; justify-content:space-between; gap:16px; }
  .brand { font:700 34px/1 Georgia, serif; letter-spacing:-0.02em; text-decoration:none; }
  .brand span { color:var(--brand); }
  .date { font:13px system-ui, sans-serif; color:var(--muted); }
  nav.sections { max-width:1080px; margin:0 auto; padding:0 24px 10px; display:flex; gap:22px; font:600 14px system-ui, sans-serif; }
  nav.sections a { text-decoration:none; color:var(--muted); }
  nav.sections a[aria-current] { color:var(--ink); border-bottom:2px solid var(--brand); }
  main { max-width:720px; margin:0 auto; padding:32px 24px 64px; }
  .kicker { font:700 13px system-ui, sans-serif; text-transform:uppercase; letter-spacing:0.08em; color:var(--brand); }
  h1 { font-size:42px; line-height:1.12; margin:8px 0 14px; letter-spacing:-0.015em; }
  .standfirst { font-size:21px; color:var(--muted); margin:0 0 18px; }
  .byline { font:14px system-ui, sans-serif; color:var(--muted); border-top:1px solid var(--rule); border-bottom:1px solid var(--rule); padding:10px 0; margin-bottom:24px; }
  figure { margin:0 0 26px; }
  figure svg { display:block; width:100%; height:auto; border-radius:4px; }
  figcaption { font:13px system-ui, sans-serif; color:var(--muted); margin-top:6px; }
  article p { margin:0 0 1.1em; }
  .comments { margin-top:48px; }
  parley-comments { --parley-bg: var(--paper); --parley-fg: var(--ink); }
  footer.site { border-top:1px solid var(--rule); text-align:center; font:13px system-ui, sans-serif; color:var(--muted); padding:24px; }
  .front { max-width:1080px; }
  .grid { display:grid; grid-template-columns:repeat(auto-fit, minmax(300px, 1fr)); gap:28px; }
  .card { border-top:3px solid var(--ink); padding-top:12px; }
  .card h2 { font-size:24px; line-height:1.2; margin:6px 0 8px; }
  .card h2 a { text-decoration:none; }
  .card h2 a:hover { text-decoration:underline; }
  .card p { color:var(--muted); margin:0 0 10px; font-size:16px; }
  .count { font:600 13px system-ui, sans-serif; color:var(--brand); }
`;

const DEFAULT_BRAND = 'The Riverside Courier';

/** "The Harbor Gazette (demo)" → brand "The Harbor", accent "Gazette"; the last word is coloured. */
function brand(name: string): string {
  const clean = name.replace(/\s*\(demo\)\s*$/i, '').trim() || DEFAULT_BRAND;
  const at = clean.lastIndexOf(' ');
  return at > 0 ? `${esc(clean.slice(0, at))} <span>${esc(clean.slice(at + 1))}</span>` : esc(clean);
}

function shell(title: string, body: string, current: 'article' | 'section', siteName?: string | null): string {
  const publication = (siteName ?? DEFAULT_BRAND).replace(/\s*\(demo\)\s*$/i, '');
  const today = new Date().toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · ${esc(publication)}</title>
<link rel="icon" href="data:,">
<style>${PAGE_STYLE}</style>
</head>
<body>
<header class="masthead"><div class="inner"><a class="brand" href="/demo/section">${brand(siteName ?? DEFAULT_BRAND)}</a><span class="date">${esc(today)}</span></div>
<nav class="sections" aria-label="Sections"><a href="/demo/section"${current === 'section' ? ' aria-current="page"' : ''}>News</a><a href="/demo/section">Politics</a><a href="/demo/section">Culture</a><a href="/demo/section">Education</a><a href="/admin">Moderation</a></nav></header>
${body}
<footer class="site">${esc(publication)} is a demo publication. Comments by <a href="https://github.com/">Parley</a>.</footer>
</body>
</html>`;
}

const FIGURE = `<figure><svg viewBox="0 0 720 360" role="img" aria-label="Illustration of a civic building at sunset">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f4b860"/><stop offset="1" stop-color="#c8553d"/></linearGradient></defs>
<rect width="720" height="360" fill="url(#sky)"/><rect x="80" y="140" width="560" height="220" fill="#2d3047"/>
<g fill="#f4d58d">${Array.from({ length: 6 }, (_, i) => `<rect x="${112 + i * 88}" y="180" width="48" height="70" rx="4"/>`).join('')}</g>
<polygon points="60,150 360,60 660,150" fill="#1b1d2e"/><rect x="330" y="270" width="60" height="90" fill="#93b7be"/></svg>
<figcaption>Illustration: graphics desk</figcaption></figure>`;

export interface ArticleOptions {
  site: string;
  story: string;
  /** The story as stored (title, plain-text body), when it exists. */
  stored?: { title: string; body: string | null } | null;
  siteName?: string | null;
}

/** Plain text → paragraphs: blank lines separate them, single line breaks are spaces. */
function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

export function articlePage({ site, story, stored, siteName }: ArticleOptions): string {
  const known = DEMO_ARTICLES.find((a) => a.id === story);
  const article: DemoArticle = {
    id: story,
    kicker: known?.kicker ?? 'News',
    title: stored?.title ?? known?.title ?? story,
    standfirst: known && (!stored || stored.title === known.title) ? known.standfirst : '',
    byline: known?.byline ?? 'By the newsroom',
    paragraphs: stored?.body ? paragraphsOf(stored.body) : (known?.paragraphs ?? DEMO_ARTICLES[0]!.paragraphs),
  };
  const title = article.title;
  const body = `<main>
<article>
<div class="kicker">${esc(article.kicker)}</div>
<h1 id="headline">${esc(title)}</h1>
${article.standfirst ? `<p class="standfirst">${esc(article.standfirst)}</p>` : ''}
<div class="byline">${esc(article.byline)}</div>
${FIGURE}
${article.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
</article>
<section class="comments" id="comments" aria-label="Comments">
<parley-comments site="${esc(site)}" story="${esc(story)}"></parley-comments>
</section>
</main>
<script src="/embed.js" defer></script>`;
  return shell(title, body, 'article', siteName);
}

export interface SectionStory {
  id: string;
  title: string;
}

/**
 * The section front: the site's stored stories (newest first); when it has fewer than four, the
 * built-in demo headlines fill the grid (their counts read "No comments").
 */
export function sectionPage({ site, stories = [], siteName }: { site: string; stories?: SectionStory[]; siteName?: string | null }): string {
  const listed: DemoArticle[] = stories.map((st) => {
    const known = DEMO_ARTICLES.find((a) => a.id === st.id);
    return { ...(known ?? DEMO_ARTICLES[0]!), id: st.id, title: st.title, kicker: known?.kicker ?? 'News', standfirst: known && known.title === st.title ? known.standfirst : '' };
  });
  for (const a of DEMO_ARTICLES) if (listed.length < 4 && !listed.some((l) => l.id === a.id)) listed.push(a);
  const cards = listed.map(
    (a) => `<div class="card"><div class="kicker">${esc(a.kicker)}</div>
<h2><a href="/demo?site=${encodeURIComponent(site)}&amp;story=${encodeURIComponent(a.id)}">${esc(a.title)}</a></h2>
<p>${esc(a.standfirst)}</p>
<a class="count" href="/demo?site=${encodeURIComponent(site)}&amp;story=${encodeURIComponent(a.id)}#comments" data-parley-count="${esc(a.id)}">&nbsp;</a></div>`,
  ).join('\n');
  const body = `<main class="front"><h1>Latest news</h1><div class="grid">
${cards}
</div></main>
<script src="/count.js" data-site="${esc(site)}" async></script>`;
  return shell('Latest news', body, 'section', siteName);
}

export function adminShell(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Parley moderation</title>
<link rel="icon" href="data:,">
</head>
<body>
<div id="app"></div>
<noscript>The moderation dashboard needs JavaScript.</noscript>
<script src="/admin.js" defer></script>
</body>
</html>`;
}
