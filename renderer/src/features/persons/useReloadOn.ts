import { useState } from 'react';

/**
 * Calls `reload` when `version` changes: for panels kept mounted below another screen while persons change.
 * Done during render (React's pattern for state that follows a prop), not in an effect.
 */
export function useReloadOn(version: number, reload: () => void, active = true): void {
  const [seen, setSeen] = useState(version);
  // A hidden screen waits until it is shown again: reading a file is audited, and nobody is looking.
  if (seen !== version && active) {
    setSeen(version);
    reload();
  }
}
