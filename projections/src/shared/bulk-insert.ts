import type { EntityManager } from 'typeorm';

/**
 * Rows for one table, written with one multi-row INSERT per `flushAt` rows: the rows travel as one JSON
 * parameter that PostgreSQL expands with json_populate_recordset, so a statement costs one native
 * JSON.stringify instead of thousands of bound parameters. Keys are the table's column names; numeric
 * columns take decimal strings. One statement runs while the caller prepares the next rows.
 */
export class BulkInsert {
  private rows: object[] = [];
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly manager: EntityManager,
    private readonly table: string,
    private readonly flushAt = 2000,
  ) {}

  async add(row: object): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= this.flushAt) await this.flush();
  }

  /** Sends the rows collected so far; waits for the statement before, so at most one is outstanding. */
  async flush(): Promise<void> {
    await this.inFlight;
    if (this.rows.length === 0) return;
    const json = JSON.stringify(this.rows);
    this.rows = [];
    this.inFlight = this.manager.query(`INSERT INTO ${this.table} SELECT * FROM json_populate_recordset(NULL::${this.table}, $1::json)`, [
      json,
    ]);
    // Surfaces a failure at the next flush or at finish(); the transaction rolls back either way.
    this.inFlight.catch(() => undefined);
  }

  /** Writes what is left and waits for every statement. */
  async finish(): Promise<void> {
    await this.flush();
    await this.inFlight;
  }
}
