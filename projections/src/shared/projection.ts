import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@renja/event-store';

/**
 * A read model fed from the global log. `apply` must be idempotent (rows remember the last position
 * they applied) and runs inside the transaction that also moves the checkpoint.
 */
export interface Projection {
  readonly name: string;
  apply(manager: EntityManager, events: RecordedEvent[]): Promise<void>;
  /** Empties the read model for a rebuild from position 0. */
  reset(manager: EntityManager): Promise<void>;
}
