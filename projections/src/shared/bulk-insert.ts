import type { EntityManager } from 'typeorm';
import { CopySender, DEFAULT_FLUSH_BYTES, type BulkLoadOptions } from './copy-sender';

/** This class's COPY options. */
const FORMAT_OPTIONS = (freeze: boolean): string => (freeze ? ' (FREEZE)' : '');

/** A column of the target table: its name and whether it holds JSON (json/jsonb). */
interface Column {
  name: string;
  json: boolean;
}

/** Text-format COPY escapes (backslash, tab, newline, carriage return); most values need none. */
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const escapeText = (text: string): string =>
  NEEDS_ESCAPE.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : text;

/**
 * One value as a text-format COPY field, stored exactly as a JSON document of the rows expanded by
 * json_populate_recordset stored it (the way this class wrote until COPY): a json column takes the
 * value's JSON text (a string quoted, an object as JSON.stringify renders it), other columns the value's
 * text (a Decimal or Date through toJSON, as JSON.stringify would); null, undefined and non-finite
 * numbers (JSON null) are SQL NULL.
 */
export function copyValue(value: unknown, json: boolean): string {
  if (value === null || value === undefined) return '\\N';
  if (json) {
    const text = JSON.stringify(value) as string | undefined;
    // JSON.stringify escapes control characters: only backslashes can need COPY's escape.
    return text === undefined || text === 'null' ? '\\N' : text.includes('\\') ? text.replace(/\\/g, '\\\\') : text;
  }
  // The common cases first; a template gives the same text as String(n) at about half its cost.
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? `${value}` : '\\N';
  let scalar: unknown = value;
  if (typeof scalar === 'object' && typeof (scalar as { toJSON?: unknown }).toJSON === 'function')
    scalar = (scalar as { toJSON(): unknown }).toJSON();
  switch (typeof scalar) {
    case 'string':
      return escapeText(scalar);
    case 'number':
      return Number.isFinite(scalar) ? String(scalar) : '\\N';
    case 'boolean':
    case 'bigint':
      return String(scalar);
    default:
      return scalar === null || scalar === undefined ? '\\N' : escapeText(JSON.stringify(scalar));
  }
}

/**
 * Rows for one table that a rebuild fills from empty, sent with one `COPY … FROM STDIN` (text format)
 * per `flushAt` rows or about 8 MB, on the caller's transaction's connection: PostgreSQL parses plain
 * text fields instead of expanding a JSON document of the rows (json_populate_recordset took 3–6 times
 * the server's time for the same rows). Keys are the table's column names (a missing key is NULL);
 * numeric columns take decimal strings, json columns any JSON value. One COPY runs while the caller
 * prepares the next rows.
 */
export class BulkInsert {
  /** The rows collected so far, as COPY text in UTF-8; after a flush the buffer of the statement before (CopySender.send). */
  private buffer: Buffer = Buffer.allocUnsafe(0);
  private used = 0;
  /** The latest rows, not yet in `buffer`: written into it some 64 kB at a time (one encoding call, not one per row). */
  private text = '';
  private rows = 0;
  private columns: Column[] | null = null;
  private readonly sender: CopySender;
  private readonly flushBytes: number;
  /** The COPY statement's options: its format, and FREEZE when asked for. */
  private readonly copyOptions: string;

  constructor(
    private readonly manager: EntityManager,
    private readonly table: string,
    private readonly flushAt = 2000,
    { flushBytes = DEFAULT_FLUSH_BYTES, freeze = false }: BulkLoadOptions = {},
  ) {
    this.flushBytes = flushBytes;
    this.copyOptions = FORMAT_OPTIONS(freeze);
    this.sender = new CopySender(manager, table, 'BulkInsert');
  }

  /**
   * Adds a row. Returns a promise only when the row needs waiting for (the table's columns were not known
   * yet, or the rows collected are being sent): the caller awaits that one, and most rows cost no promise.
   */
  add(row: Record<string, unknown>): Promise<void> | undefined {
    const columns = this.columns;
    if (!columns) return this.describe().then(() => this.add(row));
    let line = copyValue(row[columns[0].name], columns[0].json);
    for (let i = 1; i < columns.length; i++) line += '\t' + copyValue(row[columns[i].name], columns[i].json);
    return this.push(line + '\n') ? this.flush() : undefined;
  }

  /**
   * Adds `rows` that have the values of `shared` in common (e.g. the history rows of one event): those
   * fields are turned into COPY text once for the group instead of once per row; a key of `shared` is not
   * looked up in `rows`. Same rows as `add({ ...shared, ...row })` for each row (when no key is in both),
   * and the same promise rule (one at the end of the group at most: a statement may take a few rows more).
   */
  addMany(shared: Record<string, unknown>, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> | undefined {
    const columns = this.columns;
    if (!columns) return this.describe().then(() => this.addMany(shared, rows));
    // Each run of shared columns becomes one piece of text, its tabs (and the row's newline) included: a row
    // is its own fields between those pieces. Fewer, longer pieces: a row is a few string concatenations
    // instead of two per column, and the text to encode at a spill is a shallower tree of strings.
    const own: Column[] = [];
    const between: string[] = []; // between[k] comes before own[k]; the last one ends the row
    let piece = '';
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i];
      if (i > 0) piece += '\t';
      if (column.name in shared) {
        piece += copyValue(shared[column.name], column.json);
      } else {
        between.push(piece);
        own.push(column);
        piece = '';
      }
    }
    between.push(piece + '\n');
    let full = false;
    for (const row of rows) {
      let line = between[0];
      for (let k = 0; k < own.length; k++) line += copyValue(row[own[k].name], own[k].json) + between[k + 1];
      full = this.push(line) || full;
    }
    return full ? this.flush() : undefined;
  }

  /** Appends one row's COPY text (its newline included); true when the rows collected should be sent. */
  private push(line: string): boolean {
    this.text += line;
    this.rows++;
    if (this.text.length >= 64 * 1024) this.spill();
    return this.rows >= this.flushAt || this.used >= this.flushBytes;
  }

  /** Moves the rows held as text into the buffer. */
  private spill(): void {
    // At most 3 bytes of UTF-8 per UTF-16 code unit.
    if (this.buffer.length - this.used < this.text.length * 3) this.grow(this.text.length * 3);
    this.used += this.buffer.write(this.text, this.used, 'utf8');
    this.text = '';
  }

  private grow(needed: number): void {
    const next = Buffer.allocUnsafe(Math.max(this.used + needed, Math.min(this.buffer.length * 2, this.flushBytes * 2), 64 * 1024));
    this.buffer.copy(next, 0, 0, this.used);
    this.buffer = next;
  }

  /** Sends the rows collected so far; waits for the statement before, so at most one is outstanding. */
  async flush(): Promise<void> {
    await this.sender.wait();
    if (this.rows === 0) return;
    if (this.text.length > 0) this.spill();
    const sent = this.buffer;
    const data = sent.subarray(0, this.used);
    this.used = 0;
    this.rows = 0;
    const free = this.sender.send(
      this.columns!.map((c) => c.name),
      this.copyOptions,
      data,
      sent,
    );
    this.buffer = free ?? Buffer.allocUnsafe(Math.min(sent.length, this.flushBytes * 2));
  }

  /** Writes what is left and waits for every statement. */
  async finish(): Promise<void> {
    await this.flush();
    await this.sender.wait();
  }

  /** The table's columns in order, json or not. */
  private async describe(): Promise<Column[]> {
    const rows: Array<{ name: string; json: boolean }> = await this.manager.query(
      `SELECT attname AS name, atttypid IN ('json'::regtype, 'jsonb'::regtype) AS json
         FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
      [this.table],
    );
    if (rows.length === 0) throw new Error(`BulkInsert: table ${this.table} has no columns`);
    this.columns = rows;
    return rows;
  }
}
