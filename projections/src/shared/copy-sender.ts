import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
// Deep import: the package index also loads the EventStoreDB client (the CLI's report loads this module).
import { copyIn } from '@renja/event-store/postgres/copy-from';

/** How BulkInsert and BinaryBulkInsert load their table. */
export interface BulkLoadOptions {
  /** Rows collected are sent once they take about this many bytes (default 8 MiB), or at `flushAt` rows. */
  flushBytes?: number;
  /**
   * `COPY … FREEZE`: the rows are written frozen and their pages marked all-visible, as a VACUUM FREEZE would
   * leave them. The first readers after the load then set no hint bits (writing every page again), and
   * autovacuum has little left to scan (pages filled by one multi-row insert from empty are marked all-visible;
   * about a quarter of a rebuilt history's are not). PostgreSQL allows it only for a table created or
   * truncated in the caller's transaction (and refuses the COPY otherwise): a rebuild's own tables.
   */
  freeze?: boolean;
}

export const DEFAULT_FLUSH_BYTES = 8 * 1024 * 1024;

/**
 * The last statement sent on each connection by any CopySender. A rebuild writes several tables on one transaction's
 * connection, each sender with a statement in flight: they are chained here, one after the other in the order sent,
 * instead of being queued inside pg (whose queue of a second waiting query is deprecated, with a warning on stderr,
 * and goes away in pg 9). The server ran them one at a time either way.
 */
const lastOnConnection = new WeakMap<PoolClient, Promise<unknown>>();

/**
 * Sends COPY statements into one table on the connection of the caller's transaction (COPY must run inside it:
 * the tables may be its own new copies), for BulkInsert (text rows) and BinaryBulkInsert: one statement runs
 * while the caller prepares the next rows.
 */
export class CopySender {
  private inFlight: Promise<unknown> = Promise.resolve();
  /** The buffer the statement sent last was cut from: the caller's to fill again once that statement has finished. */
  private lastBuffer: Buffer | null = null;

  /** `owner`: the class that sends, for the error when there is no transaction. */
  constructor(
    private readonly manager: EntityManager,
    readonly table: string,
    private readonly owner: string,
  ) {}

  /** Waits for the statement sent last; its failure is thrown here. */
  async wait(): Promise<void> {
    await this.inFlight;
  }

  /**
   * Starts `COPY table (columns) FROM STDIN` + `options` with `data`, cut from the caller's buffer `from`; the
   * caller has waited for the one before. Returns the buffer that statement before was cut from (null the first
   * time): it has finished, so the server has read all of it, and the caller fills it next instead of a new
   * buffer (megabytes of new memory cost a page fault per 4 kB on first touch: 0.3–0.6 s per rebuild).
   */
  send(columns: readonly string[], options: string, data: Buffer, from: Buffer): Buffer | null {
    const free = this.lastBuffer;
    this.lastBuffer = from;
    const list = columns.map((name) => `"${name.replace(/"/g, '""')}"`).join(', ');
    this.inFlight = this.client().then((client) => {
      const sent = (lastOnConnection.get(client) ?? Promise.resolve()).then(() =>
        copyIn(client, `COPY ${this.table} (${list}) FROM STDIN${options}`, data),
      );
      // The next statement waits for this one, whether it fails or not (a failure is this sender's to throw).
      lastOnConnection.set(
        client,
        sent.catch(() => undefined),
      );
      return sent;
    });
    // Surfaces a failure at the next wait(); the transaction rolls back either way.
    this.inFlight.catch(() => undefined);
    return free;
  }

  private async client(): Promise<PoolClient> {
    const runner = this.manager.queryRunner as { connect(): Promise<PoolClient> } | undefined;
    if (!runner) throw new Error(`${this.owner} into ${this.table} needs the EntityManager of a transaction`);
    return runner.connect();
  }
}
