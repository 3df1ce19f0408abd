import type { DataSource, EntityManager } from 'typeorm';
import type { EventStore, Subscription } from '@renja/event-store';
import type { ProgressListener, Projection } from './projection';
import { readYourWrites } from './read-your-writes';

/** Where the projector says that it failed and that it recovered (the API passes its JSON logger). */
export interface ProjectorLog {
  log(message: string): void;
  error(message: string): void;
}

export interface ProjectorOptions {
  batchSize?: number;
  log?: ProjectorLog;
  /** How long a write waits for the read model to show it (retrying failures meanwhile); default 5000 ms. */
  readYourWriteTimeoutMs?: number;
  /** Backoff of the live subscription after a failure (defaults: 200 ms doubling to 10 s). */
  retry?: { initialDelayMs?: number; maxDelayMs?: number };
}

/** The projector's trouble, for health: null while the last attempt succeeded. */
export interface ProjectorFailure {
  since: string;
  attempts: number;
  lastError: string;
}

/** Thrown by waitFor when the read model did not reach a position in time (the write itself is committed). */
export class ReadModelBehindError extends Error {
  constructor(
    readonly projection: string,
    readonly position: number,
    readonly timeoutMs: number,
    readonly lastError: unknown,
  ) {
    super(
      `projection ${projection} did not reach position ${position} within ${timeoutMs} ms` +
        (lastError ? `: ${lastError instanceof Error ? lastError.message : String(lastError)}` : ''),
    );
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Feeds a projection from the global log. Each batch runs in one transaction that locks the
 * projection's checkpoint row, applies the events after it and moves it: any number of processes
 * (the API, a CLI rebuild) can run projectors side by side without applying an event twice.
 */
export class Projector {
  private readonly batchSize: number;
  private running: Promise<void> | null = null;
  private again = false;
  private subscription: Subscription | null = null;
  private trouble: ProjectorFailure | null = null;
  private readonly log: ProjectorLog;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
    readonly projection: Projection,
    private readonly options: ProjectorOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.log = options.log ?? { log: (m) => console.log(m), error: (m) => console.error(m) };
  }

  /** The live subscription's failures in a row (null when its last attempt succeeded). */
  get failure(): ProjectorFailure | null {
    return this.trouble;
  }

  private async lockCheckpoint(manager: EntityManager): Promise<number> {
    await manager.query('INSERT INTO projection_checkpoints (name, position) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING', [
      this.projection.name,
    ]);
    const rows: Array<{ position: string }> = await manager.query(
      'SELECT position FROM projection_checkpoints WHERE name = $1 FOR UPDATE',
      [this.projection.name],
    );
    return Number(rows[0].position);
  }

  /** Applies one batch; returns the number of events applied. */
  async runBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const checkpoint = await this.lockCheckpoint(manager);
      const events = await this.store.readAll({ after: checkpoint, limit: this.batchSize });
      if (events.length === 0) return 0;
      await this.projection.apply(manager, events);
      await manager.query('UPDATE projection_checkpoints SET position = $2 WHERE name = $1', [
        this.projection.name,
        events[events.length - 1].position,
      ]);
      return events.length;
    });
  }

  /** Applies batches until the projection has reached the head of the log. One run at a time per process. */
  catchUp(onProgress?: ProgressListener): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          const head = await this.store.headPosition();
          while ((await this.runBatch()) > 0) onProgress?.(await this.position(), head);
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  async position(): Promise<number> {
    const rows: Array<{ position: string }> = await this.dataSource.query('SELECT position FROM projection_checkpoints WHERE name = $1', [
      this.projection.name,
    ]);
    return rows[0] ? Number(rows[0].position) : 0;
  }

  /**
   * Resolves once the projection has applied `position` (read-your-writes for the API). A failed
   * catch-up is tried again until the deadline; then ReadModelBehindError, and the request's
   * read-your-writes scope notes the position (the answer then says the read model is behind).
   */
  async waitFor(position: number, timeoutMs = this.options.readYourWriteTimeoutMs ?? 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown = null;
    for (let attempt = 1; ; attempt++) {
      try {
        if ((await this.position()) >= position) return;
        await this.catchUp();
      } catch (error) {
        lastError = error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * attempt, Math.max(deadline - Date.now(), 0))));
      }
      if (Date.now() > deadline) {
        readYourWrites.noteBehind(position);
        throw new ReadModelBehindError(this.projection.name, position, timeoutMs, lastError);
      }
    }
  }

  /**
   * Builds the read model anew beside the live one and switches (rebuildBeside) when the projection can;
   * otherwise empties it and replays the whole log into it, in ONE transaction: readers wait until the new
   * rows commit (emptying locks the tables), and a failure (a crash, a bug) leaves the old rows intact.
   * Live projectors wait on the checkpoint lock meanwhile and carry on from the rebuilt position.
   */
  async rebuild(onProgress?: ProgressListener): Promise<void> {
    if (await this.rebuildBeside(onProgress)) return;
    await this.dataSource.transaction(async (manager) => {
      await this.lockCheckpoint(manager);
      await this.projection.reset(manager);
      const head = await this.store.headPosition();
      if (this.projection.rebuild) {
        await this.projection.rebuild(manager, { upTo: head, batchSize: this.batchSize, onProgress });
        await manager.query('UPDATE projection_checkpoints SET position = $2 WHERE name = $1', [this.projection.name, head]);
        return;
      }
      let position = 0;
      for (;;) {
        const events = await this.store.readAll({ after: position, limit: this.batchSize });
        if (events.length === 0) break;
        await this.projection.apply(manager, events);
        position = events[events.length - 1].position;
        onProgress?.(position, Math.max(head, position));
      }
      await manager.query('UPDATE projection_checkpoints SET position = $2 WHERE name = $1', [this.projection.name, position]);
    });
  }

  /**
   * A rebuild that never takes the read side away: the projection fills copies of its tables while the
   * live ones keep serving (and the live projector keeps feeding them), then, holding the checkpoint,
   * switches the copies in, applies what was appended since the copy's snapshot and moves the checkpoint,
   * all in one transaction. False when the projection cannot build beside (then the rebuild is in place).
   */
  private async rebuildBeside(onProgress?: ProgressListener): Promise<boolean> {
    const build = this.projection.buildBeside?.bind(this.projection);
    if (!build) return false;
    return this.dataSource.transaction(async (manager) => {
      const head = await this.store.headPosition();
      const built = await build(manager, { upTo: head, batchSize: this.batchSize, onProgress });
      if (!built) return false;
      await this.lockCheckpoint(manager); // before the tables' locks, in the order live batches take them
      await built.switchOver();
      let position = head;
      for (;;) {
        const events = await this.store.readAll({ after: position, limit: this.batchSize });
        if (events.length === 0) break;
        await this.projection.apply(manager, events);
        position = events[events.length - 1].position;
      }
      await manager.query('UPDATE projection_checkpoints SET position = $2 WHERE name = $1', [this.projection.name, position]);
      return true;
    });
  }

  /**
   * Follows live appends from now on (after catching up). A failure (the database restarted) does
   * not end it: the subscription retries with backoff and the catch-up resumes from the checkpoint.
   */
  async start(): Promise<void> {
    await this.catchUp();
    const head = await this.store.headPosition();
    const name = `projector ${this.projection.name}`;
    this.subscription = this.store.subscribeToAll({
      after: head,
      batchSize: this.batchSize,
      name,
      retry: this.options.retry,
      handler: () => this.catchUp(),
      onError: (error, retry) => {
        this.trouble = { since: this.trouble?.since ?? new Date().toISOString(), attempts: retry.attempt, lastError: messageOf(error) };
        this.log.error(
          `[${name}] failed at position ${retry.position} (attempt ${retry.attempt}): ${messageOf(error)}; retrying in ${retry.delayMs} ms`,
        );
      },
      onRecovered: (recovery) => {
        this.trouble = null;
        this.log.log(
          `[${name}] recovered after ${recovery.attempts} failed attempt(s) in ${(recovery.downMs / 1000).toFixed(1)} s; following the log from position ${recovery.position}`,
        );
      },
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
    await this.running?.catch(() => undefined); // a batch in flight commits with its checkpoint or not at all
  }
}
