import type { HostEventName, HostEvents } from '../../shared/contract';

export interface FeedEvent<E extends HostEventName = HostEventName> {
  seq: number;
  event: E;
  payload: HostEvents[E];
}

export interface FeedBatch {
  /** The highest sequence number the feed has handed out; the client sends it back as `after`. */
  seq: number;
  events: FeedEvent[];
}

/** How many events are kept for a client that reconnects late; a lock is the only event today. */
const KEEP = 64;

/**
 * Host events for long-polling clients. Events are numbered, and a poll names the last number it saw, so an
 * event that happens between two polls is not lost (a lock must never be missed).
 */
export class EventFeed {
  private seq = 0;
  private readonly recent: FeedEvent[] = [];
  private readonly waiters = new Set<() => void>();

  publish<E extends HostEventName>(event: E, payload: HostEvents[E]): void {
    this.seq += 1;
    this.recent.push({ seq: this.seq, event, payload } as FeedEvent);
    if (this.recent.length > KEEP) this.recent.shift();
    for (const wake of [...this.waiters]) wake();
  }

  private since(after: number): FeedBatch {
    return { seq: this.seq, events: this.recent.filter((e) => e.seq > after) };
  }

  /**
   * Answers at once when there is something after `after` (or when `after` is null: a new client learns the
   * current number), otherwise waits up to `timeoutMs` for the next event.
   */
  poll(after: number | null, timeoutMs: number, signal: AbortSignal): Promise<FeedBatch> {
    if (after === null || after > this.seq) return Promise.resolve(this.since(this.seq));
    const ready = this.since(after);
    if (ready.events.length > 0) return Promise.resolve(ready);
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(finish);
        signal.removeEventListener('abort', finish);
        resolve(this.since(after));
      };
      const timer = setTimeout(finish, timeoutMs);
      this.waiters.add(finish);
      signal.addEventListener('abort', finish);
    });
  }

  /** Releases every waiting poll (the server is closing). */
  wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }
}
