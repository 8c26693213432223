// Links to one comment: `<story url>#comment-<id>`, as reply e-mails send. The comments live in the
// embed's shadow root, where the browser's own fragment scrolling cannot see them, so the embed
// scrolls to the comment itself: once the thread has loaded, and again on each hashchange.
import { useEffect, useState } from 'preact/hooks';

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

/**
 * Scrolls the comment named by the page's fragment into view when `loaded` (the thread is on screen)
 * and on each later hashchange; returns the id of the comment to highlight (null before any).
 */
export function useLinkedComment(root: { readonly current: HTMLElement | null }, loaded: boolean): string | null {
  // A new object per request, so that the same id asked again (fragment changed and back) scrolls again.
  const [wanted, setWanted] = useState<{ id: string | null }>(() => ({ id: commentIdFromHash(location.hash) }));
  const [highlighted, setHighlighted] = useState<string | null>(null);

  useEffect(() => {
    const onHashChange = () => {
      const id = commentIdFromHash(location.hash);
      if (id) setWanted({ id });
    };
    addEventListener('hashchange', onHashChange);
    return () => removeEventListener('hashchange', onHashChange);
  }, []);

  useEffect(() => {
    const id = wanted.id;
    if (!id || !loaded || !root.current) return;
    const reduceMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
    const behavior: ScrollBehavior = reduceMotion ? 'auto' : 'smooth';
    const element = root.current.querySelector<HTMLElement>(`#${CSS.escape(commentElementId(id))}`);
    if (!element) {
      // Not among the comments loaded (a later page, or beyond a comment's first replies): the public
      // API cannot look one comment up by id and tell where it sits, so the reader gets the thread's
      // top and can page on from there.
      root.current.querySelector<HTMLElement>('#parley-heading')?.scrollIntoView({ block: 'start', behavior });
      return;
    }
    element.scrollIntoView({ block: 'center', behavior });
    // Screen readers and keyboard users start from the linked comment too.
    element.focus({ preventScroll: true });
    setHighlighted(id);
  }, [wanted, loaded]);

  return highlighted;
}
