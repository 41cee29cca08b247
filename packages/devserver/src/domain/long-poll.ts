// Long-poll waiters: "Receive chat messages" with lookIntoFuture=1 parks here until a message is posted to the
// conversation, the timeout expires or the client goes away. No polling loop: `notify` resolves the waiters.

/** Why a waiter finished. */
export type WakeReason = 'message' | 'timeout' | 'aborted';

interface Waiter {
  /** Settles the wait once; later calls (a timeout after a wake, an abort after an answer) do nothing. */
  resolve(reason: WakeReason): void;
}

/**
 * The set of long-poll requests waiting for new chat messages, per conversation token.
 *
 * @example
 * const waiters = new ChatWaiters();
 * const reason = waiters.wait('abc123xy', 30_000, request.signal); // 'message' | 'timeout' | 'aborted'
 * waiters.notify('abc123xy'); // wakes every waiter of the conversation at once
 */
export class ChatWaiters {
  private readonly byToken = new Map<string, Set<Waiter>>();
  private pendingTimers = 0;
  private closed = false;

  /** Wait until `notify(token)`, `timeoutMs` or `signal` aborts, whichever is first. */
  wait(token: string, timeoutMs: number, signal?: AbortSignal): Promise<WakeReason> {
    if (signal?.aborted || this.closed) return Promise.resolve('aborted');
    return new Promise<WakeReason>((resolvePromise) => {
      let set = this.byToken.get(token);
      if (!set) {
        set = new Set();
        this.byToken.set(token, set);
      }
      const waiters = set;
      let settled = false;
      const waiter: Waiter = {
        resolve: (reason) => {
          if (settled) return;
          settled = true;
          waiters.delete(waiter);
          if (waiters.size === 0 && this.byToken.get(token) === waiters) this.byToken.delete(token);
          clearTimeout(timer);
          this.pendingTimers--;
          // A signal may outlive the wait (one signal for many polls): leave no listener behind.
          signal?.removeEventListener('abort', onAbort);
          resolvePromise(reason);
        },
      };
      const onAbort = () => waiter.resolve('aborted');
      const timer = setTimeout(() => waiter.resolve('timeout'), timeoutMs);
      this.pendingTimers++;
      signal?.addEventListener('abort', onAbort, { once: true });
      waiters.add(waiter);
    });
  }

  /**
   * Set by persistence: runs a wake-up once the change that caused it is on disk, so that a poll is never
   * answered with a message a crash could still lose. Without it waiters are woken at once.
   */
  deferWake: ((wake: () => void) => void) | null = null;

  /** Wake every waiter of the conversation (called the moment a message is stored). */
  notify(token: string): void {
    if (!this.byToken.has(token)) return;
    if (this.deferWake) this.deferWake(() => this.wake(token));
    else this.wake(token);
  }

  private wake(token: string): void {
    const set = this.byToken.get(token);
    if (!set) return;
    // Waiters parked from here on (a woken poller that polls again at once) wait for the next message.
    this.byToken.delete(token);
    for (const waiter of set) waiter.resolve('message');
  }

  /** Server shutdown: releases every waiter (as aborted) and refuses new ones. */
  closeAll(): void {
    this.closed = true;
    for (const set of [...this.byToken.values()]) for (const waiter of [...set]) waiter.resolve('aborted');
  }

  /** Number of requests currently waiting (debug counter; 0 when idle). */
  get waiting(): number {
    let n = 0;
    for (const set of this.byToken.values()) n += set.size;
    return n;
  }

  /** Number of armed timeout timers (debug counter; 0 when idle). */
  get timers(): number {
    return this.pendingTimers;
  }
}
