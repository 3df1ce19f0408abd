import { Pool } from 'pg';
import { decideLine, evolveLine, initialLineState, lineStreamId, OFFICE_EVENT_TYPES, officeStreamId, type LineCommand, type LineEvent, type PlanLineState } from '@renja/domain';
import { eventStoreMigrations, PostgresEventStore, type NewEvent, type StreamAppend } from '@renja/event-store';
import { runMigrations } from '@renja/infrastructure/database/migrations';
import { toNewEvent } from '@renja/infrastructure/event-mapping';
import { officeCode, SeededIds, SHAPE, YEAR } from '../lib/dataset';
import { copyField } from '../lib/copy-in';
import type { BenchServer } from '../lib/postgres';
import type { Progress } from '../lib/progress';
import type { BatchRow, BenchOptions } from '../lib/results';
import { nowMs } from '../lib/stats';
import { copyIn } from './append';

const PERDA = { kind: 'Perda', number: '8 Tahun 2022', date: '2022-12-29' };
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/**
 * One imported plan row: a line with its indicator, target, APBD amounts from two sources and twelve
 * monthly realisations. These are the commands the importer (branch issue-import) builds from a sheet.
 * After the merge, replace `decidePlan` by the importer's own decide step; the measurement stays.
 */
type RowCommand = Record<string, unknown> & { type: LineCommand['type'] };

function rowCommands(code: string, parentRegistered: boolean, seed: number): RowCommand[] {
  const commands: RowCommand[] = [
    { type: 'RegisterLine', year: YEAR, officeCode: '', code, name: `Uraian ${code}`, officeRegistered: true, parentRegistered },
    { type: 'DefineIndicator', name: `Indikator ${code}`, unit: 'Dokumen', direction: 'higher_is_better' },
    { type: 'ReviseTarget', indicator: 'IK-1', value: '12', reason: 'Target Renja', effectiveDate: `${YEAR}-01-02` },
  ];
  if (code.split('.').length === 6) {
    commands.push(
      { type: 'ChangePagu', phase: 'APBD', fundingSource: 'DAU', amount: `${150000000 + seed * 1000}.25`, reason: 'APBD murni', legalBasis: PERDA, effectiveDate: `${YEAR}-01-02` },
      { type: 'ChangePagu', phase: 'APBD', fundingSource: 'DAK', amount: '50000000.00', reason: 'APBD murni', legalBasis: PERDA, effectiveDate: `${YEAR}-01-02` },
    );
    for (let m = 1; m <= 12; m++) commands.push({ type: 'RecordRealisation', period: `${YEAR}-${pad(m, 2)}`, amount: `${9000000 + seed}.${pad(m, 2)}`, outputs: [{ indicator: 'IK-1', value: '1' }] });
  }
  return commands;
}

/** Decides every row of `offices` whole offices through the domain deciders: the events one atomic import appends. */
export function decidePlan(ids: SeededIds, offices: number[]): StreamAppend[] {
  const appends: StreamAppend[] = [];
  const context = { actor: 'bench-import', correlationId: 'bench-import' };
  let seed = 0;
  for (const o of offices) {
    const office = officeCode(o);
    const registered: NewEvent = { id: ids.next(), type: OFFICE_EVENT_TYPES.registered, schemaVersion: 1, data: { code: office, name: `Perangkat Daerah ${office}` }, metadata: { ...context } };
    appends.push({ streamId: officeStreamId(office), expectedVersion: 'no_stream', events: [registered] });
    const line = (code: string, parent: boolean) => {
      let state: PlanLineState = initialLineState();
      const events: LineEvent[] = [];
      for (const partial of rowCommands(code, parent, seed++)) {
        const command = { ...partial, eventId: ids.next(), ...(partial.type === 'RegisterLine' ? { officeCode: office } : {}) } as unknown as LineCommand;
        for (const event of decideLine(command, state)) {
          state = evolveLine(state, event);
          events.push(event);
        }
      }
      appends.push({ streamId: lineStreamId(YEAR, office, code), expectedVersion: 'no_stream', events: events.map((e) => toNewEvent(e, context)) });
    };
    for (let p = 1; p <= SHAPE.programs; p++) {
      const program = `2.17.${pad(p, 2)}`;
      line(program, false);
      for (let k = 1; k <= SHAPE.kegiatanPerProgram; k++) {
        const kegiatan = `${program}.1.${pad(k, 2)}`;
        line(kegiatan, true);
        for (let s = 1; s <= SHAPE.subPerKegiatan; s++) line(`${kegiatan}.${pad(s, 4)}`, true);
      }
    }
  }
  return appends;
}

const countOf = (appends: StreamAppend[]) => appends.reduce((n, a) => n + a.events.length, 0);

/**
 * Scenario 3: a bulk import — decide a scaled-up plan and append all its events in ONE appendMany
 * (atomic: all or nothing) — against COPY of the same rows into the bare table.
 */
export async function bulkScenario(server: BenchServer, options: BenchOptions, progress: Progress): Promise<BatchRow[]> {
  const rows: BatchRow[] = [];
  const offices = Array.from({ length: options.bulkOffices }, (_, i) => i + 1);
  const db = await server.createDatabase('bulk');
  const pool = new Pool({ connectionString: server.url(db), max: 4 });
  try {
    await runMigrations(pool, eventStoreMigrations);
    const store = new PostgresEventStore(pool);
    progress.step(`bulk import: decide ${offices.length} office(s) and append them in one appendMany`);
    let t = nowMs();
    const appends = decidePlan(new SeededIds('bulk'), offices);
    const decideSeconds = (nowMs() - t) / 1000;
    const events = countOf(appends);
    t = nowMs();
    await store.appendMany(appends);
    const appendSeconds = (nowMs() - t) / 1000;
    const total = decideSeconds + appendSeconds;
    rows.push({ what: 'bulk import: decide + one appendMany', events, seconds: total, eventsPerSecond: events / total, peakRssMb: null, note: `decide ${decideSeconds.toFixed(2)} s, appendMany ${appendSeconds.toFixed(2)} s (${Math.round(events / appendSeconds)} events/s)` });
    progress.done('bulk import', `${events} events, ${Math.round(events / total)} events/s`);
    await store.close();

    progress.step('COPY of the same rows into the bare table, one statement');
    await pool.query(`CREATE TABLE bare_events (position bigserial PRIMARY KEY, event_id uuid NOT NULL UNIQUE, stream_id text NOT NULL, version integer NOT NULL,
      type text NOT NULL, schema_version integer NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(), UNIQUE (stream_id, version))`);
    const again = decidePlan(new SeededIds('bulk-copy'), offices);
    t = nowMs();
    const text = again.flatMap((a) => a.events.map((e, i) => [e.id, a.streamId, i + 1, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.metadata)].map(copyField).join('\t'))).join('\n');
    const client = await pool.connect();
    let copied: number;
    try {
      copied = await copyIn(client, 'COPY bare_events (event_id, stream_id, version, type, schema_version, data, metadata) FROM STDIN', Buffer.from(`${text}\n`));
    } finally {
      client.release();
    }
    const copySeconds = (nowMs() - t) / 1000;
    rows.push({ what: 'COPY FROM STDIN of the same rows (bare table)', events: copied, seconds: copySeconds, eventsPerSecond: copied / copySeconds, peakRssMb: null, note: 'rows serialised to COPY text and sent in one COPY (decide not included)' });
    progress.done('COPY', `${copied} rows, ${Math.round(copied / copySeconds)} rows/s`);
  } finally {
    await pool.end();
    await server.dropDatabase(db);
  }
  return rows;
}
