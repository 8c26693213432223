// <parley-comments site="demo" story="welcome"> — the reader embed, rendered with Preact into a
// shadow root so the host page's CSS cannot reach in and ours cannot leak out.
// Also works as one script tag: <script src="https://parley.example/embed.js" data-site="demo" data-story="welcome">.
import { render } from 'preact';
import { ReaderApi } from './api.js';
import { App } from './App.js';
import { siteStrings } from '../strings.js';
import css from './embed.css';

// The origin that served this script is where the API lives, unless the element says otherwise.
const script = document.currentScript as HTMLScriptElement | null;
const scriptOrigin = script?.src ? new URL(script.src).origin : location.origin;

class ParleyComments extends HTMLElement {
  private mount: HTMLDivElement | null = null;

  connectedCallback(): void {
    if (this.mount) return;
    const site = this.getAttribute('site');
    const story = this.getAttribute('story') || location.pathname;
    if (!site) return;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = css;
    this.mount = document.createElement('div');
    shadow.replaceChildren(style, this.mount);
    const api = new ReaderApi(this.getAttribute('api') || scriptOrigin, site, story);
    const strings = siteStrings((window as unknown as { ParleyStrings?: unknown }).ParleyStrings);
    render(<App api={api} s={strings} theme={this.getAttribute('theme')} />, this.mount);
  }

  disconnectedCallback(): void {
    // Unmounting closes the live connection (the App's effect cleanup).
    if (this.mount) render(null, this.mount);
    this.mount = null;
  }
}

if (!customElements.get('parley-comments')) customElements.define('parley-comments', ParleyComments);

// One-script-tag mode: place the element right after the script.
if (script?.dataset.site) {
  const el = document.createElement('parley-comments');
  el.setAttribute('site', script.dataset.site);
  el.setAttribute('story', script.dataset.story || location.pathname);
  if (script.dataset.theme) el.setAttribute('theme', script.dataset.theme);
  script.after(el);
}
