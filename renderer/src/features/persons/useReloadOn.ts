import { useState } from 'react';

/**
 * Calls `reload` when `version` changes: for panels kept mounted below another screen while persons change.
 * Done during render (React's pattern for state that follows a prop), not in an effect.
 */
export function useReloadOn(version: number, reload: () => void): void {
  const [seen, setSeen] = useState(version);
  if (seen !== version) {
    setSeen(version);
    reload();
  }
}
