import type { HostEventName, HostEvents, InputOf, OutputOf, ProcedureName } from '../../../shared/contract';
import { ErrorCodes, type Result } from '../../../shared/domain/errors';
import type { HosoBridge } from './bridge';
import { loopbackBridge, takeTokenFromAddress } from './loopback-transport';

/**
 * The renderer's only way to the host. Typed from the contract: a wrong procedure name or input shape is a
 * compile error. Every LOCKED answer is also reported to `onLockedAnswer` listeners, so that whichever screen
 * hits a locked host, the whole app returns to the unlock screen.
 */
export interface ApiClient {
  invoke<K extends ProcedureName>(name: K, input: InputOf<K>): Promise<Result<OutputOf<K>>>;
  on<E extends HostEventName>(event: E, listener: (payload: HostEvents[E]) => void): () => void;
  onLockedAnswer(listener: () => void): () => void;
}

export function createApiClient(bridge: HosoBridge): ApiClient {
  const lockedListeners = new Set<() => void>();
  return {
    async invoke(name, input) {
      const result = await bridge.invoke(name, input);
      if (!result.ok && result.error.code === ErrorCodes.LOCKED) lockedListeners.forEach((l) => l());
      return result;
    },
    on: (event, listener) => bridge.on(event, listener),
    onLockedAnswer(listener) {
      lockedListeners.add(listener);
      return () => lockedListeners.delete(listener);
    },
  };
}

/** The Electron preload's bridge when present, else the loopback transport when the page was given a token. */
export function connectToHost(): ApiClient | null {
  if (window.hoso) return createApiClient(window.hoso);
  const token = takeTokenFromAddress();
  return token ? createApiClient(loopbackBridge(token)) : null;
}
