import type { DataSource, EntityManager } from 'typeorm';
import type { EventStore, Subscription } from '@renja/event-store';
import type { Projection } from './projection';

export interface ProjectorOptions {
  batchSize?: number;
}

export type ProgressListener = (applied: number, head: number) => void;

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

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
    readonly projection: Projection,
    options: ProjectorOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
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

  /** Resolves once the projection has applied `position` (read-your-writes for the API). */
  async waitFor(position: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.position()) < position) {
      if (Date.now() > deadline)
        throw new Error(`projection ${this.projection.name} did not reach position ${position} within ${timeoutMs} ms`);
      await this.catchUp();
    }
  }

  /**
   * Empties the read model and replays the whole log into it, in ONE transaction: readers keep seeing
   * the old rows until the new ones commit, and a failure (a crash, a bug) leaves the old rows intact.
   * Live projectors wait on the checkpoint lock meanwhile and carry on from the rebuilt position.
   */
  async rebuild(onProgress?: ProgressListener): Promise<void> {
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

  /** Follows live appends from now on (after catching up). */
  async start(): Promise<void> {
    await this.catchUp();
    const head = await this.store.headPosition();
    this.subscription = this.store.subscribeToAll({
      after: head,
      batchSize: this.batchSize,
      handler: () => this.catchUp(),
      onError: (error) => console.error(`[projector ${this.projection.name}]`, error),
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
    await this.running;
  }
}
