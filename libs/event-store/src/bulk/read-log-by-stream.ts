import type { RecordedEvent } from '../port/event-store.port';
import { toRecordedEvent, type EventRow } from '../postgres/sql';
import { RECORDED_AT_TEXT, RECORDED_AT_TO_CHAR, readsIsoDates, recordedAtFromText } from './recorded-at';

/** Runs one SQL statement on the caller's connection (e.g. a TypeORM EntityManager's `query`) and returns its rows. */
export type SqlRunner = (sql: string, parameters?: unknown[]) => Promise<unknown[]>;

export interface ReadLogByStreamOptions {
  /** Only events at or below this position (the head the caller read first): a fixed, consistent set. */
  upTo: number;
  /** Rows per FETCH (default 5000): memory holds one batch. */
  batchSize?: number;
}

/**
 * Every event of the PostgreSQL ledger up to `upTo`, grouped by stream (streams in id order, each in
 * version order), in batches, through a server-side cursor. For bulk readers such as a projection rebuilt
 * from zero: each stream can be folded completely and forgotten, so memory stays flat however long the
 * log is. Must run inside a transaction of `query`'s connection (a cursor lives as long as it). The
 * rows map exactly as `PostgresEventStore.readAll` maps them.
 */
export async function* readLogByStream(query: SqlRunner, options: ReadLogByStreamOptions): AsyncGenerator<RecordedEvent[]> {
  const batchSize = options.batchSize ?? 5000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const cursor = 'renja_log_by_stream';
  // The recorded time as the timestamp's ISO text, made into to_char's text here (recorded-at.ts): to_char was
  // about 1 µs of PostgreSQL's time per event. Under another DateStyle, to_char as every other reader.
  const [setting] = (await query(`SELECT current_setting('DateStyle') AS style`)) as Array<{ style?: unknown } | undefined>;
  const iso = typeof setting?.style === 'string' && readsIsoDates(setting.style);
  await query(
    `DECLARE ${cursor} NO SCROLL CURSOR FOR
       SELECT position, event_id, stream_id, version, type, schema_version, data, metadata,
              ${iso ? RECORDED_AT_TEXT : RECORDED_AT_TO_CHAR} AS recorded_at
         FROM ledger_events WHERE position <= $1 ORDER BY stream_id, version`,
    [options.upTo],
  );
  const fetch = () => query(`FETCH ${batchSize} FROM ${cursor}`) as Promise<EventRow[]>;
  const toEvent = iso
    ? (row: EventRow): RecordedEvent => {
        row.recorded_at = recordedAtFromText(row.recorded_at);
        return toRecordedEvent(row);
      }
    : toRecordedEvent;
  // One query at a time on the transaction's connection (the caller writes on it between batches);
  // node-postgres 9 refuses queued concurrent queries on one client.
  try {
    for (;;) {
      const rows = await fetch();
      if (rows.length === 0) return;
      yield rows.map(toEvent);
      if (rows.length < batchSize) return;
    }
  } finally {
    await query(`CLOSE ${cursor}`);
  }
}
