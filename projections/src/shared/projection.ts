import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@renja/event-store';
import type { ProgressListener } from './projector';

export interface RebuildOptions {
  upTo: number;
  batchSize: number;
  onProgress?: ProgressListener;
}

/**
 * A read model fed from the global log. `apply` must be idempotent (rows remember the last position
 * they applied) and runs inside the transaction that also moves the checkpoint.
 */
export interface Projection {
  readonly name: string;
  apply(manager: EntityManager, events: RecordedEvent[]): Promise<void>;
  /** Empties the read model for a rebuild from position 0. */
  reset(manager: EntityManager): Promise<void>;
  /**
   * Optional bulk path for a rebuild: fills the emptied read model with every event up to `upTo`, in the
   * caller's transaction, reading `batchSize` events at a time, with the same rows `apply` would leave.
   * Without it, a rebuild applies batches.
   */
  rebuild?(manager: EntityManager, options: RebuildOptions): Promise<void>;
}
