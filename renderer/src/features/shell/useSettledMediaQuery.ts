import { useEffect, useState } from 'react';

/**
 * Whether a media query matches, once it has matched (or not) for `settleMs`. A window being resized, or a
 * full-page screenshot that lays the page out again at another size for one frame, flips a media query back
 * and forth; a layout that follows every flip starts animating and is caught half-way (the sidebar drawn
 * squeezed to a sliver). Only a size that stays counts.
 */
export function useSettledMediaQuery(query: string, settleMs = 250): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setMatches(list.matches), settleMs);
    };
    // The window may have changed between the first render and now.
    settle();
    list.addEventListener('change', settle);
    return () => {
      clearTimeout(timer);
      list.removeEventListener('change', settle);
    };
  }, [query, settleMs]);
  return matches;
}
