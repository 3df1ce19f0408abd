import { AsyncLocalStorage } from 'node:async_hooks';
import type { RecordedEvent, Subscription, SubscriptionOptions } from '../port/event-store.port';

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
 */
export class CatchUpSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  private current: number;
  private stopping = false;
  private wakePending = false;
  private endSleep: (() => void) | null = null;
  private settleCaughtUp: (error?: unknown) => void = () => undefined;
  private readonly batchSize: number;
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
    if (insideHandler.getStore() === this) return;
    await this.finished;
  }

  private async run(): Promise<void> {
    try {
      // Listen before the first read: whatever commits after that read wakes us up.
      await this.source.wakeups.add(this.onWake);
      let caughtUp = false;
      while (!this.stopping) {
        const batch = await this.source.read(this.current, this.batchSize);
        if (this.stopping) break;
        if (batch.length > 0) {
          await insideHandler.run(this, () => this.options.handler(batch));
          this.current = batch[batch.length - 1].position;
        }
        if (batch.length < this.batchSize) {
          if (!caughtUp) {
            caughtUp = true;
            this.settleCaughtUp();
          }
          // Re-arms a lost LISTEN connection; not awaited, so a slow reconnect never delays the poll.
          void this.source.wakeups.add(this.onWake);
          await this.sleep();
        }
      }
      this.settleCaughtUp(new Error('subscription stopped before it caught up')); // no-op once resolved
    } catch (error) {
      this.stopping = true;
      this.settleCaughtUp(error);
      this.report(error);
    } finally {
      await this.source.wakeups.remove(this.onWake);
      this.onFinished(this);
    }
  }

  private report(error: unknown): void {
    if (!this.options.onError) {
      // A projection that silently stops is the worst failure for a ledger: at least say so.
      process.emitWarning(`event-store subscription stopped at position ${this.current}: ${String(error)}`);
      return;
    }
    try {
      this.options.onError(error);
    } catch {
      // The subscription has stopped either way; a throwing onError must not become an unhandled rejection.
    }
  }

  private sleep(): Promise<void> {
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
      const timer = setTimeout(done, this.source.pollIntervalMs);
      this.endSleep = done;
    });
  }

  private wake(): void {
    if (this.endSleep) this.endSleep();
    else this.wakePending = true; // we are reading or handling: read once more before sleeping
  }
}
