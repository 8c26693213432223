// /count.js: fills in comment counts on a section page in one request.
//   <a href="/story-1">Story one</a> <span data-parley-count="story-1"></span>
//   <script src="https://parley.example/count.js" data-site="demo" async></script>
// Words come from the script tag (data-zero, data-one, data-many; {n} is the number).
(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  if (!script) return;
  const { site, zero = 'No comments', one = '1 comment', many = '{n} comments' } = script.dataset;
  const targets = Array.from(document.querySelectorAll<HTMLElement>('[data-parley-count]'));
  const stories = Array.from(new Set(targets.map((el) => el.dataset.parleyCount!)));
  if (!site || !stories.length) return;
  const url = new URL('/api/v1/counts', script.src);
  url.searchParams.set('site', site);
  // The API takes up to 100 stories per request; a section page rarely has more.
  for (const s of stories.slice(0, 100)) url.searchParams.append('story', s);
  fetch(url)
    .then((r) => r.json())
    .then((data: { counts?: Record<string, number> }) => {
      for (const el of targets) {
        const n = data.counts?.[el.dataset.parleyCount!] ?? 0;
        // textContent: the words are the site's own, but never parsed as HTML.
        el.textContent = (n ? (n === 1 ? one : many) : zero).replace('{n}', String(n));
      }
    })
    .catch(() => {});
})();
