import { AsyncLocalStorage } from 'node:async_hooks';
import type { RecordedEvent, Subscription, SubscriptionOptions } from '../port/event-store.port';
import { backoffDelay, DEFAULT_RETRY, type RetryPolicy } from './backoff';

/** Something that pokes subscriptions when new events may have been committed (e.g. LISTEN/NOTIFY). */
export interface WakeSource {
  /**
   * Registers the listener (idempotent) and makes sure wake-ups flow. Never rejects: when
   * wake-ups cannot be set up the subscription still works by polling, and calls add() again
   * before every sleep, which retries; a source that reconnects should wake its listeners.
   */
  add(listener: () => void): Promise<void>;
  remove(listener: () => void): Promise<void>;
}

export interface CatchUpSource {
  /** Events with position > after, in position order, at most `limit`. */
  read(after: number, limit: number): Promise<RecordedEvent[]>;
  wakeups: WakeSource;
  /** Longest sleep between reads when no wake-up arrives: the fallback for a lost notification. */
  pollIntervalMs: number;
  defaultBatchSize: number;
}

/** Lets stop() recognise a call made from inside this subscription's own handler. */
const insideHandler = new AsyncLocalStorage<CatchUpSubscription>();

/**
 * Catch-up subscription to the global log, independent of the storage: reads batches after
 * `after` until a read comes back short (caught up), then sleeps until woken or until the
 * poll interval passes, and reads again. Every batch starts right after the last delivered
 * position, so events are delivered once each, in order, without gaps.
 *
 * A failed read or handler call (the database restarted, a connection dropped) does not end it:
 * it is reported, and after a backoff the subscription reads again from the last completed
 * position, for as long as it takes. Only stop() ends it.
 */
export class CatchUpSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  private current: number;
  private stopping = false;
  private wakePending = false;
  private endSleep: (() => void) | null = null;
  private endBackoff: (() => void) | null = null;
  private settleCaughtUp: (error?: unknown) => void = () => undefined;
  private readonly batchSize: number;
  private readonly retry: RetryPolicy;
  private failures = 0;
  private failingSince = 0;
  private readonly finished: Promise<void>;
  private readonly onWake = (): void => this.wake();

  constructor(
    private readonly source: CatchUpSource,
    private readonly options: SubscriptionOptions,
    private readonly onFinished: (subscription: CatchUpSubscription) => void = () => undefined,
  ) {
    if (!Number.isInteger(options.after) || options.after < 0) throw new TypeError('after must be an integer >= 0');
    this.batchSize = options.batchSize ?? source.defaultBatchSize;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new TypeError('batchSize must be an integer >= 1');
    this.current = options.after;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.caughtUp = new Promise<void>((resolve, reject) => {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes the subscription's own failure on unchanged
      this.settleCaughtUp = (error) => (error === undefined ? resolve() : reject(error));
    });
    // Nobody has to await caughtUp; an ignored rejection must not become an unhandled one.
    this.caughtUp.catch(() => undefined);
    this.finished = this.run();
  }

  /** Position of the last event whose batch the handler has completed. */
  get position(): number {
    return this.current;
  }

  /**
   * Stops reading and waits for an in-flight handler call to finish. Called from inside the
   * handler it returns at once (waiting would deadlock); the loop ends after that handler call.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    this.endBackoff?.();
    if (insideHandler.getStore() === this) return;
    await this.finished;
  }

  private async run(): Promise<void> {
    try {
      // Listen before the first read: whatever commits after that read wakes us up.
      await this.source.wakeups.add(this.onWake);
      let caughtUp = false;
      while (!this.stopping) {
        let batch: RecordedEvent[];
        try {
          batch = await this.source.read(this.current, this.batchSize);
          if (this.stopping) break;
          if (batch.length > 0) {
            await insideHandler.run(this, () => this.options.handler(batch));
            this.current = batch[batch.length - 1].position;
          }
        } catch (error) {
          if (this.stopping) break;
          await this.backoff(this.failed(error));
          continue;
        }
        this.recovered();
        if (batch.length < this.batchSize) {
          if (!caughtUp) {
            caughtUp = true;
            this.settleCaughtUp();
          }
          // Re-arms a lost LISTEN connection; not awaited, so a slow reconnect never delays the poll.
          void this.source.wakeups.add(this.onWake);
          await this.sleep(this.source.pollIntervalMs);
        }
      }
      this.settleCaughtUp(new Error('subscription stopped before it caught up')); // no-op once resolved
    } finally {
      await this.source.wakeups.remove(this.onWake);
      this.onFinished(this);
    }
  }

  /** Reports a failure; returns how long to wait before trying again. */
  private failed(error: unknown): number {
    if (this.failures === 0) this.failingSince = Date.now();
    this.failures += 1;
    const retry = { attempt: this.failures, delayMs: backoffDelay(this.failures, this.retry), position: this.current };
    if (!this.options.onError) {
      // A projection that silently stops is the worst failure for a ledger: at least say so.
      process.emitWarning(
        `event-store subscription${this.label()} failed at position ${retry.position} (attempt ${retry.attempt}): ${String(error)}; retrying in ${retry.delayMs} ms`,
      );
      return retry.delayMs;
    }
    try {
      this.options.onError(error, retry);
    } catch {
      // A throwing onError must neither end the subscription nor become an unhandled rejection.
    }
    return retry.delayMs;
  }

  private recovered(): void {
    if (this.failures === 0) return;
    const recovery = { attempts: this.failures, downMs: Date.now() - this.failingSince, position: this.current };
    this.failures = 0;
    if (!this.options.onRecovered) {
      process.emitWarning(
        `event-store subscription${this.label()} recovered at position ${recovery.position} after ${recovery.attempts} failed attempt(s) in ${recovery.downMs} ms`,
      );
      return;
    }
    try {
      this.options.onRecovered(recovery);
    } catch {
      // as in failed()
    }
  }

  private label(): string {
    return this.options.name ? ` "${this.options.name}"` : '';
  }

  /** Waits `ms` after a failure; only stop() cuts it short (a stream of wake-ups must not turn retries into a busy loop). */
  private backoff(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.endBackoff = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.endBackoff = done;
    });
  }

  /** Waits `ms`, or less when woken (new events, a reconnected LISTEN) or stopped. */
  private sleep(ms: number): Promise<void> {
    if (this.wakePending || this.stopping) {
      this.wakePending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.endSleep = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.endSleep = done;
    });
  }

  private wake(): void {
    if (this.endSleep) this.endSleep();
    else this.wakePending = true; // we are reading or handling: read once more before sleeping
  }
}
