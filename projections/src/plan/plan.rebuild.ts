import type { EntityManager } from 'typeorm';
// Deep imports for values on the rebuild's hot path: the package index re-exports them through getters, which took
// 0.2 s of a 488,440-event rebuild's profile. Types still come from the index.
import { OFFICE_EVENT_TYPES } from '@renja/domain/office/office';
import { OFFICE_SIGNATORY_SET } from '@renja/domain/office/office-signatory';
import { isLineEventType, LINE_EVENT_TYPES } from '@renja/domain/plan-line/events';
import { evolveLine } from '@renja/domain/plan-line/evolve';
import { paguBreakdown } from '@renja/domain/plan-line/pagu';
import { initialLineState } from '@renja/domain/plan-line/state';
import { isLineStream } from '@renja/domain/streams';
import type { PlanLineState } from '@renja/domain';
import type { RecordedEvent } from '@renja/event-store';
// Deep import: the package index also loads the EventStoreDB client (the CLI's report loads this module).
import { readStreamsOfLog } from '@renja/event-store/bulk/read-log-by-stream';
import { toLineEvent } from '@renja/event-store/event-mapping';
import { decimalTransformer } from '../shared/decimal.transformer';
import { BinaryBulkInsert } from '../shared/binary-bulk-insert';
import { BulkInsert } from '../shared/bulk-insert';
import type { RebuildOptions } from '../shared/projection';
import { historyChanges, paguRows, planLineRow } from './plan-line.rows';
import { RebuildFigureTracker } from './rebuild-figures';

const money = (value: unknown): string | null => decimalTransformer.to(value) ?? null;

/** The batches of `source`, each next one asked for as soon as the one before is handed out (read-ahead of one). */
async function* prefetched<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = source.next();
  try {
    for (;;) {
      const result = await next;
      if (result.done) return;
      next = source.next();
      yield result.value;
    }
  } finally {
    // Ended early (a failure while folding): let the read in flight settle, then close the source.
    await next.catch(() => undefined);
    await source.return(undefined);
  }
}

/** The plan's read-model tables, in the order a rebuild writes and switches them. */
export const PLAN_TABLES = ['rm_offices', 'rm_plan_lines', 'rm_line_pagu', 'rm_line_history'] as const;

/**
 * The keys of the plan's tables that a rebuild writes in their order: streams come in id order (a line's
 * stream id starts with its year, office and code), each stream's events in position order. Built beside,
 * these are kept up to date while loading; the history's primary key (position, seq), whose positions come
 * in stream order, is sorted after loading.
 */
export const PLAN_KEYS_IN_ORDER: ReadonlySet<string> = new Set([
  'rm_offices_pkey',
  'rm_plan_lines_pkey',
  'rm_plan_lines_year_office_code_code_key',
  'rm_line_pagu_pkey',
  'rm_line_history_stream',
  // Partial: only the few corrections, in any order.
  'rm_line_history_corrects',
]);

/**
 * The plan read model from zero, stream by stream: the log is read in (stream, version) order through a
 * cursor, each line's events are folded in memory and its rows written once by COPY — no per-event row
 * updates, no state read back. Rows equal what `PlanProjection.apply` writes event by event. Memory: one
 * batch of events, one stream's state, a few thousand pending rows.
 */
export class PlanRebuild {
  private readonly offices: BulkInsert;
  /** Binary COPY: PostgreSQL reads each field by its length instead of scanning the rows' text (a line is ~12 kB). */
  private readonly lines: BinaryBulkInsert;
  private readonly pagu: BinaryBulkInsert;
  private readonly history: BinaryBulkInsert;

  /**
   * `tableName` says where each table's rows go: the live tables (in place) or their copies (ShadowTables).
   * `fresh`: the tables were created or emptied by TRUNCATE in the caller's transaction, so the rows can be
   * written frozen (`COPY … FREEZE`, BulkLoadOptions). Measured on a rebuild of 488,440 events: the first
   * full read of the history after it took 1.18 s against 0.38 s frozen (no hint bits set), and autovacuum's
   * pass over the new history scanned 25 % of its pages instead of all of them.
   */
  constructor(
    private readonly manager: EntityManager,
    tableName: (table: (typeof PLAN_TABLES)[number]) => string = (table) => table,
    { fresh = false }: { fresh?: boolean } = {},
  ) {
    const load = { freeze: fresh };
    this.offices = new BulkInsert(manager, tableName('rm_offices'), 500, load);
    this.lines = new BinaryBulkInsert(manager, tableName('rm_plan_lines'), 500, load);
    this.pagu = new BinaryBulkInsert(manager, tableName('rm_line_pagu'), 4000, load);
    this.history = new BinaryBulkInsert(manager, tableName('rm_line_history'), 4000, load);
  }

  /** In place, into the emptied live tables (the role cannot build beside them). */
  async run({ upTo, batchSize, onProgress }: RebuildOptions): Promise<void> {
    // The history is the biggest table (a row or more per event): its indexes are built once at the end,
    // by sorting, instead of taking hundreds of thousands of inserts in stream order (random positions).
    // Only the tables' owner may drop and create indexes: the application's own database role (docs/security.md)
    // is not, and then loads with the indexes in place — slower, same rows.
    const owner = await this.ownsHistoryTable();
    if (owner)
      await this.manager.query('ALTER TABLE rm_line_history DROP CONSTRAINT rm_line_history_pkey; DROP INDEX rm_line_history_stream');
    await this.load({ upTo, batchSize, onProgress });
    if (owner)
      await this.manager.query(
        'ALTER TABLE rm_line_history ADD CONSTRAINT rm_line_history_pkey PRIMARY KEY (position, seq); CREATE INDEX rm_line_history_stream ON rm_line_history (stream_id, position)',
      );
  }

  private async ownsHistoryTable(): Promise<boolean> {
    const rows: Array<{ owner: boolean }> = await this.manager.query(
      `SELECT pg_has_role(current_user, tableowner, 'USAGE') AS owner FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'rm_line_history'`,
    );
    return rows[0]?.owner === true;
  }

  /** Every event up to `upTo` into the tables, which start empty. */
  async load({ upTo, batchSize, onProgress }: RebuildOptions): Promise<void> {
    // The log is read on a connection of its own, so that the next batch of events never queues behind
    // the rows being written on the transaction's connection: PostgreSQL writes while this process folds.
    // Events up to `upTo` (a head the caller read, committed) are all visible to the reader's snapshot
    // and never change; the reading transaction only reads.
    const reader = this.manager.connection.createQueryRunner();
    await reader.connect();
    try {
      await reader.startTransaction('REPEATABLE READ');
      await reader.query('SET TRANSACTION READ ONLY');
      let done = 0;
      // The next batch is fetched while this one is folded, as one JSON text per stream: each stream's events
      // are parsed just before it is folded, so they live for one stream's fold instead of a batch's.
      const batches = prefetched(readStreamsOfLog((sql, parameters) => reader.query(sql, parameters), { upTo, batchSize }));
      for await (const batch of batches) {
        for (const stream of batch) {
          const events = stream.events();
          if (events.length > 0) await this.fold(events);
          // A turn of the event loop between streams: the socket takes more of the COPY data sent and the
          // next batch of the log arrives while this process folds, instead of both waiting for the batch's
          // end (PostgreSQL's writer then waited for its data, and this process for the COPY to finish).
          await new Promise((resolve) => setImmediate(resolve));
          done += stream.count;
        }
        onProgress?.(done, upTo);
      }
      await reader.commitTransaction();
    } finally {
      if (reader.isTransactionActive) await reader.rollbackTransaction().catch(() => undefined);
      await reader.release();
    }
    // One statement at a time on the transaction's connection.
    for (const table of [this.offices, this.lines, this.pagu, this.history]) await table.finish();
  }

  /** One stream's events, in version order. */
  private async fold(events: RecordedEvent[]): Promise<void> {
    const registration = events.find((e) => e.type === OFFICE_EVENT_TYPES.registered);
    if (registration) {
      // The office stream: its registration, then who signs its papers (the latest signatory set).
      const signatory = events.filter((e) => e.type === OFFICE_SIGNATORY_SET).at(-1);
      await this.offices.add({
        code: String(registration.data.code),
        name: String(registration.data.name),
        registered_at: registration.recordedAt,
        registered_by: registration.metadata.actor,
        last_position: (signatory ?? registration).position,
        signatory: signatory?.data ?? null,
      });
    }
    if (!isLineStream(events[0].streamId)) return;
    const streamId = events[0].streamId;
    let state: PlanLineState = initialLineState();
    let lastPosition = 0;
    // Each family of figures is recomputed only when an event can have changed it.
    const figures = new RebuildFigureTracker();
    for (const recorded of events) {
      if (!isLineEventType(recorded.type)) continue;
      const event = toLineEvent(recorded);
      const before = state;
      const after = evolveLine(before, event);
      const describe = () => figures.changes(before, event, after);
      // The columns of historyRows' rows, written straight from the changes (one object per row, not two).
      const changes = historyChanges(event, before, after, describe);
      // The event's own columns are the same on each of its rows: made into COPY text once per event.
      const sent = this.history.addMany(
        {
          position: event.position,
          stream_id: streamId,
          event_id: event.id,
          event_type: event.type,
          recorded_at: event.recordedAt,
          effective_date: event.effectiveDate || null,
          actor: event.actor ?? 'unknown',
          reason: event.reason,
          legal_basis: event.legalBasis,
          corrects_event_id: event.type === LINE_EVENT_TYPES.corrected ? event.data.correctedEventId : null,
        },
        changes.map((change, seq) => ({ seq, figure: change.figure, from_value: change.from, to_value: change.to })),
      );
      if (sent) await sent; // most rows are only collected: no promise to wait for
      state = after;
      lastPosition = recorded.position;
    }
    if (lastPosition === 0) return;
    // One pagu breakdown for the line's row and its pagu rows.
    const pagu = paguBreakdown(state);
    const line = planLineRow(streamId, state, lastPosition, pagu);
    await this.lines.add({
      stream_id: streamId,
      year: line.year,
      office_code: line.officeCode,
      code: line.code,
      level: line.level,
      parent_code: line.parentCode,
      name: line.name,
      version: line.version,
      current_phase: line.currentPhase,
      current_pagu: money(line.currentPagu),
      original_pagu: money(line.originalPagu),
      executable_pagu: money(line.executablePagu),
      realised: money(line.realised),
      state,
      views_version: line.viewsVersion,
      plan_figures: line.planFigures,
      report_view: line.reportView,
      report_movements: line.reportMovements,
      report_steps: line.reportSteps,
      last_position: lastPosition,
    });
    for (const p of paguRows(streamId, state, pagu)) {
      const sent = this.pagu.add({ stream_id: p.streamId, phase: p.phase, funding_source: p.fundingSource, amount: money(p.amount) });
      if (sent) await sent;
    }
  }
}
