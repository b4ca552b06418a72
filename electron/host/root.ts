import type { HostEventName, HostEvents } from '../../shared/contract';
import type { Result } from '../../shared/domain/errors';
import { HostCore, type HostOptions } from './host';

/** What a transport (Electron IPC via the worker, the CLI, the loopback test server) may do with the host. */
export interface Host {
  call(name: string, input: unknown): Promise<Result<unknown>>;
  on<E extends HostEventName>(event: E, listener: (payload: HostEvents[E]) => void): () => void;
  requestLock(reason: HostEvents['session.locked']['reason']): Promise<void>;
  close(): Promise<void>;
}

/**
 * The composition root: the one place a host is built, for the worker, the CLI, the loopback server and the
 * tests. Transports see it only as `Host`; tests may inspect the returned core's state.
 */
export function createHost(opts: HostOptions): HostCore {
  return new HostCore(opts);
}

export type { HostOptions };
