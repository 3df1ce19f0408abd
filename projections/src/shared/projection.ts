import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@renja/event-store';

export type ProgressListener = (applied: number, head: number) => void;

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
   * Optional bulk path for a rebuild: fills the read model, emptied by `reset` in the same transaction (so
   * its rows may be written frozen), with every event up to `upTo`, reading `batchSize` events at a time,
   * with the same rows `apply` would leave.
   * Without it, a rebuild applies batches.
   */
  rebuild?(manager: EntityManager, options: RebuildOptions): Promise<void>;
  /**
   * Optional rebuild that keeps the live read model serving: fills copies of its tables with every event
   * up to `upTo`, in the caller's transaction, and returns how to put them in the live tables' place (in
   * the same transaction, once the caller holds the checkpoint). Null when this database role may not
   * build beside: the caller then rebuilds in place.
   */
  buildBeside?(manager: EntityManager, options: RebuildOptions): Promise<BuiltBeside | null>;
}

export interface BuiltBeside {
  /** The copies become the read model; afterwards `apply` writes to them. */
  switchOver(): Promise<void>;
}
