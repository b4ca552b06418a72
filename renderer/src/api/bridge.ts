import type { HosoBridge } from '../../../shared/contract/bridge';

/**
 * Under Electron the preload exposes exactly this object as `window.hoso`; in a browser (end-to-end tests,
 * `npm run trial`) the loopback transport implements the same interface over HTTP.
 */
declare global {
  interface Window {
    hoso?: HosoBridge;
  }
}

export type { HosoBridge };
