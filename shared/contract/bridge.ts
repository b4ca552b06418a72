import type { Result } from '../domain/errors';
import type { HostEventName, HostEvents, InputOf, OutputOf, ProcedureName } from './index';

/**
 * The one object the preload puts on `window.hoso`: the renderer's whole view of the trusted side.
 *
 * `invoke` runs a procedure of the contract and resolves to its `{ok,...}` result (it never rejects for an API
 * error; a rejection means the bridge itself broke). `on` subscribes to a host event and returns the function
 * that unsubscribes.
 */
export interface HosoBridge {
  invoke<K extends ProcedureName>(procedure: K, input: InputOf<K>): Promise<Result<OutputOf<K>>>;
  on<E extends HostEventName>(event: E, listener: (payload: HostEvents[E]) => void): () => void;
}

/** The two IPC channels behind the bridge. Only electron/main and electron/preload use them. */
export const BridgeChannels = Object.freeze({
  invoke: 'hoso:invoke',
  event: 'hoso:event',
} as const);

/** What travels on the event channel: the event's name and its payload, nothing from Electron itself. */
export type BridgeEvent = { [E in HostEventName]: { event: E; payload: HostEvents[E] } }[HostEventName];
