import { eventHash, eventStoreMigrations, GENESIS_HASH, PostgresEventStore, type RecordedEvent } from '@renja/event-store';
import { extendTree } from '@renja/event-store/integrity/merkle-frontier';
import { runMigrations } from '@renja/infrastructure/database/migrations';
import { bufferSource, ImportService, type ImportSource, type ImportStage } from '@renja/application/import';
import { LedgerPipeline } from '@renja/application/shared/ledger-pipeline';
import { systemPrincipal } from '@renja/application/shared/principal';
import { officeCode, SHAPE, YEAR } from '../lib/dataset';
import { copyField, copyIn } from '../lib/copy-in';
import { benchPool, type BenchServer } from '../lib/postgres';
import type { Progress } from '../lib/progress';
import type { BatchRow, BenchOptions } from '../lib/results';
import { nowMs } from '../lib/stats';

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const LEGAL_BASIS = 'Perda,8 Tahun 2022,2022-12-29';

/**
 * The import files (format v1, docs/import-format.md) of `offices` whole offices: every line with an
 * indicator and its target; every sub kegiatan with APBD from two sources and twelve monthly
 * realisations with their output. 10,411 events per office (and one import record per file).
 */
export function planFiles(offices: number[]): ImportSource[] {
  const perangkat = ['Kode Perangkat Daerah,Nama Perangkat Daerah'];
  const rencana = ['Tahun,Perangkat Daerah,Kode,Program/Kegiatan/Sub Kegiatan,Indikator,Satuan,Arah,Target,Tanggal Berlaku,Alasan'];
  const pagu = [
    'Tahun,Perangkat Daerah,Kode,Tahapan,Sumber Dana,Pagu,Tanggal Berlaku,Alasan,Jenis Dasar Hukum,Nomor Dasar Hukum,Tanggal Dasar Hukum',
  ];
  const realisasi = ['Tahun,Perangkat Daerah,Kode,Periode,Realisasi,Indikator,Realisasi Kinerja'];
  let seed = 0;
  for (const o of offices) {
    const office = officeCode(o);
    perangkat.push(`${office},Perangkat Daerah ${office}`);
    const line = (code: string) => {
      rencana.push(`${YEAR},${office},${code},Uraian ${code},Indikator ${code},Dokumen,naik,12,${YEAR}-01-02,Target Renja`);
      seed++;
      if (code.split('.').length !== 6) return;
      pagu.push(`${YEAR},${office},${code},APBD,DAU,${150000000 + seed * 1000}.25,${YEAR}-01-02,APBD murni,${LEGAL_BASIS}`);
      pagu.push(`${YEAR},${office},${code},APBD,DAK,50000000.00,${YEAR}-01-02,APBD murni,${LEGAL_BASIS}`);
      for (let m = 1; m <= 12; m++)
        realisasi.push(`${YEAR},${office},${code},${YEAR}-${pad(m, 2)},${9000000 + seed}.${pad(m, 2)},Indikator ${code},1`);
    };
    for (let p = 1; p <= SHAPE.programs; p++) {
      const program = `2.17.${pad(p, 2)}`;
      line(program);
      for (let k = 1; k <= SHAPE.kegiatanPerProgram; k++) {
        const kegiatan = `${program}.1.${pad(k, 2)}`;
        line(kegiatan);
        for (let s = 1; s <= SHAPE.subPerKegiatan; s++) line(`${kegiatan}.${pad(s, 4)}`);
      }
    }
  }
  const file = (name: string, lines: string[]) => bufferSource(name, Buffer.from(`${lines.join('\n')}\n`));
  return [file('perangkat_daerah.csv', perangkat), file('rencana.csv', rencana), file('pagu.csv', pagu), file('realisasi.csv', realisasi)];
}

/**
 * Scenario 3: a bulk import through the real import path — read and parse the files, decide every row
 * with the domain deciders (ImportService), append all events in ONE appendMany (atomic: all or nothing) —
 * against COPY of the same rows into the bare table.
 */
export async function bulkScenario(server: BenchServer, options: BenchOptions, progress: Progress): Promise<BatchRow[]> {
  const rows: BatchRow[] = [];
  const offices = Array.from({ length: options.bulkOffices }, (_, i) => i + 1);
  const db = await server.createDatabase('bulk');
  const pool = benchPool(server.url(db), 6);
  try {
    await runMigrations(pool, eventStoreMigrations);
    const store = new PostgresEventStore(pool);
    const service = new ImportService(store, new LedgerPipeline(store, { waitFor: async () => undefined }), {
      maxBytes: 256 * 1024 * 1024,
      maxRows: 10_000_000,
    });
    progress.step(`bulk import: import ${offices.length} office(s): parse, decide, one appendMany`);
    const stages = new Map<ImportStage, number>();
    const cpu = new Map<ImportStage, number>();
    const t = nowMs();
    let last = t;
    let lastCpu = process.cpuUsage();
    const result = await service.run({
      sources: planFiles(offices),
      principal: systemPrincipal('bench-import'),
      onProgress: (stage, done, total) => {
        if (done !== total) return;
        const now = nowMs();
        stages.set(stage, (stages.get(stage) ?? 0) + (now - last) / 1000);
        last = now;
        const used = process.cpuUsage(lastCpu);
        cpu.set(stage, (cpu.get(stage) ?? 0) + (used.user + used.system) / 1e6);
        lastCpu = process.cpuUsage();
      },
    });
    const total = (nowMs() - t) / 1000;
    if (result.status !== 'imported')
      throw new Error(`bulk import: ${result.status}: ${result.message} ${JSON.stringify(result.problems.slice(0, 3))}`);
    const events = result.events;
    const [read, decide, write] = (['reading', 'validating', 'writing'] as const).map((s) => stages.get(s) ?? 0);
    // CPU seconds of this process per stage: on a shared machine, wall time varies with the neighbours' load.
    const cpuNote = (['reading', 'validating', 'writing'] as const).map((s) => (cpu.get(s) ?? 0).toFixed(2)).join(' / ');
    rows.push({
      what: 'bulk import: parse + decide + one appendMany',
      events,
      seconds: total,
      eventsPerSecond: events / total,
      peakRssMb: null,
      note: `read ${read.toFixed(2)} s, decide ${decide.toFixed(2)} s, appendMany ${write.toFixed(2)} s (${Math.round(events / write)} events/s); process CPU read / decide / appendMany ${cpuNote} s`,
    });
    progress.done('bulk import', `${events} events, ${Math.round(events / total)} events/s`);
    await store.close();

    progress.step('COPY of the same rows into the bare table, one statement');
    const { rows: stored } = await pool.query<{
      position: string;
      event_id: string;
      stream_id: string;
      version: number;
      type: string;
      schema_version: number;
      data: string;
      metadata: string;
    }>(
      'SELECT position, event_id, stream_id, version, type, schema_version, data::text AS data, metadata::text AS metadata FROM ledger_events ORDER BY position',
    );
    await pool.query(`CREATE TABLE bare_events (position bigserial PRIMARY KEY, event_id uuid NOT NULL UNIQUE, stream_id text NOT NULL, version integer NOT NULL,
      type text NOT NULL, schema_version integer NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(), UNIQUE (stream_id, version))`);
    const copy = async (table: string, withPosition = false): Promise<{ copied: number; seconds: number }> => {
      const started = nowMs();
      const text = stored
        .map((e) =>
          [...(withPosition ? [e.position] : []), e.event_id, e.stream_id, e.version, e.type, e.schema_version, e.data, e.metadata]
            .map(copyField)
            .join('\t'),
        )
        .join('\n');
      const client = await pool.connect();
      try {
        const columns = `${withPosition ? 'position, ' : ''}event_id, stream_id, version, type, schema_version, data, metadata`;
        const copied = await copyIn(client, `COPY ${table} (${columns}) FROM STDIN`, Buffer.from(`${text}\n`));
        return { copied, seconds: (nowMs() - started) / 1000 };
      } finally {
        client.release();
      }
    };
    const bare = await copy('bare_events');
    rows.push({
      what: 'COPY FROM STDIN of the same rows (bare table)',
      events: bare.copied,
      seconds: bare.seconds,
      eventsPerSecond: bare.copied / bare.seconds,
      peakRssMb: null,
      note: 'rows serialised to COPY text and sent in one COPY (parse and decide not included)',
    });
    progress.done('COPY', `${bare.copied} rows, ${Math.round(bare.copied / bare.seconds)} rows/s`);

    // The floor of our own table: ledger_events' columns, indexes and recorded-at trigger, without head,
    // hash chain or Merkle nodes. What separates it from the bare COPY is the price of those guarantees.
    progress.step('COPY of the same rows into a table with the indexes and trigger of ledger_events');
    await pool.query(`CREATE TABLE floor_events (LIKE ledger_events INCLUDING ALL);
      CREATE TRIGGER floor_events_recorded_at BEFORE INSERT ON floor_events FOR EACH ROW EXECUTE FUNCTION ledger_set_recorded_at()`);
    const floor = await copy('floor_events', true);
    rows.push({
      what: "floor: COPY into a table with ledger_events' indexes and trigger",
      events: floor.copied,
      seconds: floor.seconds,
      eventsPerSecond: floor.copied / floor.seconds,
      peakRssMb: null,
      note: 'position, event_id, (stream_id, version), (type, position) indexes; recorded_at set by a row trigger',
    });
    progress.done('COPY (ledger indexes)', `${floor.copied} rows, ${Math.round(floor.copied / floor.seconds)} rows/s`);

    // The floor with everything the ledger keeps for these rows: the same COPY into a table with ledger_events'
    // indexes and trigger, the recorded times read back, the hash chain and Merkle nodes computed as the store
    // does (canonical JSON, SHA-256) and stored in a table like ledger_merkle_nodes, in one transaction. Not
    // included: reading and deciding the files, expected versions, idempotency, the head row.
    progress.step('COPY into the ledger-indexed table + hash chain + Merkle nodes, one transaction');
    await pool.query(`CREATE TABLE chain_events (LIKE ledger_events INCLUDING ALL);
      CREATE TRIGGER chain_events_recorded_at BEFORE INSERT ON chain_events FOR EACH ROW EXECUTE FUNCTION ledger_set_recorded_at();
      CREATE TABLE chain_nodes (LIKE ledger_merkle_nodes INCLUDING ALL)`);
    const chained = await (async () => {
      const started = nowMs();
      const text = stored
        .map((e) =>
          [e.position, e.event_id, e.stream_id, e.version, e.type, e.schema_version, e.data, e.metadata].map(copyField).join('\t'),
        )
        .join('\n');
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const copied = await copyIn(
          client,
          'COPY chain_events (position, event_id, stream_id, version, type, schema_version, data, metadata) FROM STDIN',
          Buffer.from(`${text}\n`),
        );
        const { rows: recorded } = await client.query<{ r: string }>(
          `SELECT to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS r FROM chain_events ORDER BY position`,
        );
        let previous: Buffer = GENESIS_HASH;
        const leaves = stored.map((e, i) => {
          const event: RecordedEvent = {
            id: e.event_id,
            streamId: e.stream_id,
            version: Number(e.version),
            position: Number(e.position),
            type: e.type,
            schemaVersion: Number(e.schema_version),
            data: JSON.parse(e.data) as RecordedEvent['data'],
            metadata: JSON.parse(e.metadata) as RecordedEvent['metadata'],
            recordedAt: recorded[i].r,
          };
          return (previous = eventHash(event, previous));
        });
        const { nodes } = extendTree(0, [], leaves);
        await client.query('INSERT INTO chain_nodes (level, idx, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])', [
          nodes.map((n) => n.level),
          nodes.map((n) => n.idx),
          nodes.map((n) => n.hash),
        ]);
        await client.query('COMMIT');
        return { copied, nodes: nodes.length, seconds: (nowMs() - started) / 1000 };
      } finally {
        client.release();
      }
    })();
    rows.push({
      what: "floor: COPY into a table with ledger_events' indexes and trigger + hash chain + Merkle nodes",
      events: chained.copied,
      seconds: chained.seconds,
      eventsPerSecond: chained.copied / chained.seconds,
      peakRssMb: null,
      note: `one transaction: COPY, recorded times read back, SHA-256 chain over canonical JSON and ${chained.nodes} Merkle nodes computed in Node and inserted`,
    });
    progress.done('COPY + chain + nodes', `${chained.copied} rows, ${Math.round(chained.copied / chained.seconds)} rows/s`);
  } finally {
    await pool.end();
    await server.dropDatabase(db);
  }
  return rows;
}
