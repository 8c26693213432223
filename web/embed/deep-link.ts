// Links to one comment: `<story url>#comment-<id>`, as reply e-mails send. The comments live in the
// embed's shadow root, where the browser's own fragment scrolling cannot see them, so the embed
// scrolls to the comment itself: once the thread has loaded, and again on each hashchange. A comment
// not among those loaded (a later page, beyond a comment's first replies) is fetched with the comments
// it answers and shown in a "Linked comment" panel above the thread.
import { useEffect, useState } from 'preact/hooks';
import type { CommentContext } from './types.js';

/** The linked-comment panel: loading (context undefined), shown, or unavailable (context null). */
export interface LinkedPanelState {
  id: string;
  context?: CommentContext | null;
}

const COMMENT_FRAGMENT = /^#comment-(.+)$/;

/** The comment id in a URL fragment such as `#comment-abc`, or null for any other fragment. */
export function commentIdFromHash(hash: string): string | null {
  const match = COMMENT_FRAGMENT.exec(hash);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** The element id a rendered comment carries, so that `#comment-<id>` finds it. */
export const commentElementId = (id: string) => `comment-${id}`;

/** Where the panel's comment (or its "no longer available" note) is: what gets scrolled to. */
export const LINKED_PANEL_ID = 'parley-linked';

/**
 * Scrolls the comment named by the page's fragment into view when `loaded` (the thread is on screen)
 * and on each later hashchange, fetching it into the panel when the thread does not hold it; returns
 * the id of the comment to highlight (null before any) and the panel's state with its setter.
 */
export function useLinkedComment(
  root: { readonly current: HTMLElement | null },
  loaded: boolean,
  fetchContext: (id: string) => Promise<CommentContext | null>,
): [string | null, LinkedPanelState | null, (panel: LinkedPanelState | null) => void] {
  // A new object per request, so that the same id asked again (fragment changed and back) scrolls again.
  const [wanted, setWanted] = useState<{ id: string | null }>(() => ({ id: commentIdFromHash(location.hash) }));
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const [panel, setPanel] = useState<LinkedPanelState | null>(null);

  useEffect(() => {
    const onHashChange = () => {
      const id = commentIdFromHash(location.hash);
      if (id) setWanted({ id });
    };
    addEventListener('hashchange', onHashChange);
    return () => removeEventListener('hashchange', onHashChange);
  }, []);

  const show = (element: HTMLElement | null | undefined, id: string) => {
    if (!element) return;
    const reduceMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
    element.scrollIntoView({ block: 'center', behavior: reduceMotion ? 'auto' : 'smooth' });
    // Screen readers and keyboard users start from the linked comment too.
    element.focus({ preventScroll: true });
    setHighlighted(id);
  };

  useEffect(() => {
    const id = wanted.id;
    if (!id || !loaded || !root.current) return;
    const element = root.current.querySelector<HTMLElement>(`#${CSS.escape(commentElementId(id))}`);
    if (element) return show(element, id);
    setPanel({ id });
    void fetchContext(id).then((context) => setPanel((now) => (now?.id === id ? { id, context } : now)));
  }, [wanted, loaded]);

  // Once the panel has its answer on screen.
  useEffect(() => {
    if (panel && panel.context !== undefined) show(root.current?.querySelector<HTMLElement>(`#${LINKED_PANEL_ID}`), panel.id);
  }, [panel?.context === undefined, panel?.id]);

  return [highlighted, panel, setPanel];
}
