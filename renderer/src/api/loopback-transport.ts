import type { Result } from '../../../shared/domain/errors';
import type { HostEventName, HostEvents } from '../../../shared/contract';
import type { HosoBridge } from './bridge';

/** Must match electron/dev/loopback-server.ts, which the renderer may not import. */
const TOKEN_HEADER = 'x-hoso-token';

interface FeedBatch {
  seq: number;
  events: { seq: number; event: string; payload: unknown }[];
}

/**
 * Takes the loopback token from the address (`#token=...`) and removes it, so that it is neither left in
 * the address bar nor in the history. It is kept in memory only: reloading the page needs the link again.
 */
export function takeTokenFromAddress(): string | null {
  const match = /^#token=([A-Za-z0-9_-]{20,})$/.exec(window.location.hash);
  if (!match) return null;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return match[1] ?? null;
}

function transportFailure(message: string): Result<never> {
  return { ok: false, error: { code: 'INTERNAL', message } };
}

async function post(path: string, token: string, body: unknown, signal?: AbortSignal): Promise<Result<unknown>> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
    body: JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
    ...(signal ? { signal } : {}),
  });
  const parsed = (await response.json()) as Result<unknown>;
  if (parsed && typeof parsed === 'object' && 'ok' in parsed) return parsed;
  return transportFailure(`unexpected response ${response.status}`);
}

/** The loopback HTTP transport: `POST /api/call` for procedures, a long-polled `POST /api/events` for events. */
export function loopbackBridge(token: string): HosoBridge {
  const listeners = new Map<string, Set<(payload: never) => void>>();
  let polling: AbortController | null = null;

  async function pollEvents(signal: AbortSignal): Promise<void> {
    let after: number | null = null;
    while (!signal.aborted) {
      try {
        const r = await post('/api/events', token, { after }, signal);
        if (!r.ok) throw new Error(r.error.code);
        const batch = r.value as FeedBatch;
        for (const e of batch.events) listeners.get(e.event)?.forEach((listener) => listener(e.payload as never));
        after = batch.seq;
      } catch {
        if (signal.aborted) return;
        // The server restarted or the machine slept: wait a little rather than spin.
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
  }

  return {
    async invoke(procedure, input) {
      try {
        return (await post('/api/call', token, { procedure, input })) as Result<never>;
      } catch {
        return transportFailure('the loopback server did not answer');
      }
    },
    on<E extends HostEventName>(event: E, listener: (payload: HostEvents[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      if (!polling) {
        polling = new AbortController();
        void pollEvents(polling.signal);
      }
      return () => {
        set.delete(listener as (payload: never) => void);
        if ([...listeners.values()].every((s) => s.size === 0)) {
          polling?.abort();
          polling = null;
        }
      };
    },
  };
}
