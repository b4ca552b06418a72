import { useEffect } from 'react';

/** Ctrl+L (Cmd+L on a Mac) locks at once, from anywhere in the app, even inside a text field. */
export function useLockShortcut(onLock: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        onLock();
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [onLock]);
}
