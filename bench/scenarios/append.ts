import { Pool, type PoolClient } from 'pg';
import { eventStoreMigrations, PostgresEventStore, WrongExpectedVersionError, type NewEvent } from '@renja/event-store';
import { runMigrations } from '@renja/infrastructure/database/migrations';
import { SeededIds } from '../lib/dataset';
import { EventSource } from '../lib/events';
import { copyField, copyIn } from '../lib/copy-in';
import { benchPool, type BenchServer } from '../lib/postgres';
import type { Progress } from '../lib/progress';
import { nowMs, runWriters, type WriterRun } from '../lib/stats';
import type { AppendRow, BenchOptions } from '../lib/results';

/** Lines shared by all writers in the contended runs: every writer appends to one of these. */
const CONTENDED_LINES = 4;

type AppendOne = (stream: string, expected: number, event: NewEvent) => Promise<number>;
/** Thrown by a contender when the expected version did not hold, with the actual version when the store reports it. */
class Conflict extends Error {
  constructor(readonly actual?: number) {
    super('expected version did not hold');
  }
}

interface Contender {
  name: string;
  append: AppendOne;
  /** The current version of a stream, read after a conflict. */
  version: (stream: string) => Promise<number>;
  close: () => Promise<void>;
}

async function ourStore(server: BenchServer, poolSize: number): Promise<Contender> {
  const db = await server.createDatabase('ours');
  const pool = benchPool(server.url(db), poolSize);
  await runMigrations(pool, eventStoreMigrations);
  const store = new PostgresEventStore(pool);
  return {
    name: 'ours',
    append: async (stream, expected, event) => {
      try {
        return (await store.append(stream, expected, [event])).streamVersions[stream];
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) throw new Conflict(error.actual);
        throw error;
      }
    },
    version: (stream) => store.streamVersion(stream),
    close: async () => {
      await store.close();
      await pool.end();
      await server.dropDatabase(db);
    },
  };
}

/** Emmett's PostgreSQL event store (@event-driven-io/emmett-postgresql), on its own pool of the same size. */
async function emmettStore(server: BenchServer, poolSize: number): Promise<Contender> {
  const db = await server.createDatabase('emmett');
  const pool = benchPool(server.url(db), poolSize);
  // Emmett ships ESM and CommonJS builds; require() keeps this file CommonJS like the rest.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { getPostgreSQLEventStore } = require('@event-driven-io/emmett-postgresql') as typeof import('@event-driven-io/emmett-postgresql');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isExpectedVersionConflictError } = require('@event-driven-io/emmett') as typeof import('@event-driven-io/emmett');
  const store = getPostgreSQLEventStore(server.url(db), { connectionOptions: { pool } });
  await store.schema.migrate();
  return {
    name: 'emmett',
    append: async (stream, expected, event) => {
      try {
        const result = await store.appendToStream(stream, [{ type: event.type, data: event.data, metadata: { ...event.metadata } }], {
          expectedStreamVersion: BigInt(expected),
        });
        return Number(result.nextExpectedStreamVersion);
      } catch (error) {
        if (isExpectedVersionConflictError(error)) throw new Conflict();
        throw error;
      }
    },
    // Emmett's conflict error does not carry the actual version: read it from its streams table.
    version: async (stream) =>
      Number(
        (await pool.query<{ v: string }>('SELECT stream_position AS v FROM emt_streams WHERE stream_id = $1', [stream])).rows[0]?.v ?? 0,
      ),
    close: async () => {
      await store.close();
      await pool.end().catch(() => undefined);
      await server.dropDatabase(db);
    },
  };
}

/** The bare table: the columns and unique indexes of ledger_events, nothing else (no triggers, no head, no hashes). */
const BARE_TABLE = `CREATE TABLE bare_events (
  position bigserial PRIMARY KEY, event_id uuid NOT NULL UNIQUE, stream_id text NOT NULL, version integer NOT NULL,
  type text NOT NULL, schema_version integer NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(), UNIQUE (stream_id, version))`;

async function bareTable(server: BenchServer, poolSize: number): Promise<{ pool: Pool; close: () => Promise<void> }> {
  const db = await server.createDatabase('bare');
  const pool = benchPool(server.url(db), poolSize);
  await pool.query(BARE_TABLE);
  return {
    pool,
    close: async () => {
      await pool.end();
      await server.dropDatabase(db);
    },
  };
}

const INSERT_ONE = {
  name: 'bare_insert_one',
  text: 'INSERT INTO bare_events (event_id, stream_id, version, type, schema_version, data, metadata) VALUES ($1, $2, $3, $4, $5, $6, $7)',
};
const INSERT_MANY = {
  name: 'bare_insert_many',
  text: `INSERT INTO bare_events (event_id, stream_id, version, type, schema_version, data, metadata)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::integer[], $4::text[], $5::integer[], $6::jsonb[], $7::jsonb[])`,
};

/**
 * The floor WITH what the ledger keeps (issue 15): ledger_events' columns, constraints and indexes,
 * a head row whose lock every append holds to commit, and a SHA-256 hash chain whose leaves are
 * stored (level 0 only: no interior Merkle nodes, no expected-version read, no idempotency keys,
 * no triggers, no canonical JSON). One statement per append, like ledger_append.
 */
const LOCKED_SCHEMA = `CREATE TABLE locked_events (
  position bigint PRIMARY KEY CHECK (position > 0), event_id uuid NOT NULL UNIQUE, stream_id text NOT NULL CHECK (stream_id <> ''),
  version integer NOT NULL CHECK (version > 0), type text NOT NULL, schema_version integer NOT NULL, data jsonb NOT NULL,
  metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(), UNIQUE (stream_id, version));
CREATE INDEX ON locked_events (type, position);
CREATE TABLE locked_head (id boolean PRIMARY KEY DEFAULT true, position bigint NOT NULL, last_hash bytea NOT NULL);
INSERT INTO locked_head VALUES (true, 0, decode(repeat('00', 32), 'hex'));
CREATE TABLE locked_leaves (idx bigint PRIMARY KEY, hash bytea NOT NULL);
CREATE FUNCTION locked_append(p_ids uuid[], p_streams text[], p_versions integer[], p_types text[], p_svs integer[],
                              p_data jsonb[], p_metadata jsonb[], p_texts text[]) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_head bigint;
  v_prev bytea;
  v_recorded text[];
  v_hashes bytea[] := '{}';
BEGIN
  SELECT position, last_hash INTO v_head, v_prev FROM locked_head FOR UPDATE;
  WITH ins AS (
    INSERT INTO locked_events (position, event_id, stream_id, version, type, schema_version, data, metadata)
    SELECT v_head + e.o, e.id, e.s, e.v, e.t, e.sv, e.d, e.m
      FROM unnest(p_ids, p_streams, p_versions, p_types, p_svs, p_data, p_metadata) WITH ORDINALITY AS e(id, s, v, t, sv, d, m, o)
    RETURNING position, recorded_at::text AS r
  )
  SELECT array_agg(ins.r ORDER BY ins.position) INTO v_recorded FROM ins;
  FOR i IN 1..array_length(p_ids, 1) LOOP
    v_prev := sha256(decode('00', 'hex') || convert_to(p_texts[i] || (v_head + i) || encode(v_prev, 'hex') || v_recorded[i], 'UTF8'));
    v_hashes := v_hashes || v_prev;
  END LOOP;
  INSERT INTO locked_leaves (idx, hash) SELECT v_head + o - 1, h FROM unnest(v_hashes) WITH ORDINALITY AS x(h, o);
  UPDATE locked_head SET position = v_head + array_length(p_ids, 1), last_hash = v_prev;
  RETURN v_head + array_length(p_ids, 1);
END
$$;`;

const LOCKED_APPEND = { name: 'locked_append', text: 'SELECT locked_append($1, $2, $3, $4, $5, $6, $7, $8)' };

/** locked_append's parameters for events appended to `stream` from version `from` + 1. */
function lockedValues(events: NewEvent[], stream: string, from: number): unknown[] {
  const data = events.map((e) => JSON.stringify(e.data));
  const metadata = events.map((e) => JSON.stringify(e.metadata));
  return [
    events.map((e) => e.id),
    events.map(() => stream),
    events.map((_, i) => from + i + 1),
    events.map((e) => e.type),
    events.map((e) => e.schemaVersion),
    data,
    metadata,
    events.map((e, i) => `${e.id}${stream}${e.type}${data[i]}${metadata[i]}`),
  ];
}

/**
 * The floor with EVERYTHING the ledger keeps (issue 15), at one writer in the same turns as ours and Emmett: the
 * locked floor (head lock, ledger_events' columns, constraints and indexes, a stored SHA-256 chain leaf) plus the
 * expected-version read, the interior Merkle nodes an event completes (stored with its leaf in a table shaped like
 * ledger_merkle_nodes, the head keeping the tree's right edge as ledger_head does) and the idempotency record (read
 * and written when a key is sent; the bench's calls send none, as ours get none). One statement per append, with
 * scalar parameters. Not in it: the triggers (recorded time, append-only, forward-only head, NOTIFY), the canonical
 * JSON leaf text, and the head moved before the insert for the notification (so one head update instead of two).
 */
const KEPT_SCHEMA = `CREATE TABLE kept_events (
  position bigint PRIMARY KEY CHECK (position > 0), event_id uuid NOT NULL UNIQUE, stream_id text NOT NULL CHECK (stream_id <> ''),
  version integer NOT NULL CHECK (version > 0), type text NOT NULL, schema_version integer NOT NULL, data jsonb NOT NULL,
  metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(), UNIQUE (stream_id, version));
CREATE INDEX ON kept_events (type, position);
CREATE TABLE kept_head (id boolean PRIMARY KEY DEFAULT true, position bigint NOT NULL, peaks bytea[] NOT NULL DEFAULT '{}', last_hash bytea NOT NULL);
INSERT INTO kept_head (id, position, last_hash) VALUES (true, 0, decode(repeat('00', 32), 'hex'));
CREATE TABLE kept_nodes (
  level smallint NOT NULL CHECK (level BETWEEN 0 AND 62), idx bigint NOT NULL CHECK (idx >= 0),
  hash bytea NOT NULL CHECK (octet_length(hash) = 32), PRIMARY KEY (level, idx));
CREATE TABLE kept_idempotency (key text PRIMARY KEY, request_hash text, result jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT clock_timestamp());
CREATE FUNCTION kept_append(p_id uuid, p_stream text, p_expected integer, p_type text, p_sv integer, p_data jsonb, p_metadata jsonb,
                            p_text text, p_key text) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  v_head bigint;
  v_peaks bytea[];
  v_prev bytea;
  v_version integer;
  v_recorded text;
  v_carry bytea;
  v_m bigint;
  v_level integer := 0;
  v_top integer;
  v_levels smallint[] := '{0}';
  v_idxs bigint[];
  v_hashes bytea[];
BEGIN
  SELECT position, peaks, last_hash INTO v_head, v_peaks, v_prev FROM kept_head FOR UPDATE;
  IF p_key IS NOT NULL AND EXISTS (SELECT 1 FROM kept_idempotency WHERE key = p_key) THEN
    RETURN 0;
  END IF;
  v_version := COALESCE((SELECT version FROM kept_events WHERE stream_id = p_stream ORDER BY version DESC LIMIT 1), 0);
  IF p_expected IS NOT NULL AND p_expected <> v_version THEN
    RETURN -1 - v_version;
  END IF;
  INSERT INTO kept_events (position, event_id, stream_id, version, type, schema_version, data, metadata)
  VALUES (v_head + 1, p_id, p_stream, v_version + 1, p_type, p_sv, p_data, p_metadata)
  RETURNING recorded_at::text INTO v_recorded;
  v_carry := sha256(decode('00', 'hex') || convert_to(p_text || (v_head + 1) || encode(v_prev, 'hex') || v_recorded, 'UTF8'));
  v_prev := v_carry;
  v_idxs := ARRAY[v_head];
  v_hashes := ARRAY[v_carry];
  v_m := v_head;
  WHILE v_m % 2 = 1 LOOP
    v_top := array_length(v_peaks, 1);
    v_carry := sha256(decode('01', 'hex') || v_peaks[v_top] || v_carry);
    v_peaks := v_peaks[1:v_top - 1];
    v_level := v_level + 1;
    v_levels[v_level + 1] := v_level;
    v_idxs[v_level + 1] := ((v_head + 1) >> v_level) - 1;
    v_hashes[v_level + 1] := v_carry;
    v_m := v_m / 2;
  END LOOP;
  WITH nodes AS (INSERT INTO kept_nodes (level, idx, hash) SELECT * FROM unnest(v_levels, v_idxs, v_hashes))
  UPDATE kept_head SET position = v_head + 1, peaks = v_peaks || v_carry, last_hash = v_prev;
  IF p_key IS NOT NULL THEN
    INSERT INTO kept_idempotency (key, request_hash, result)
    VALUES (p_key, NULL, jsonb_build_object('events', jsonb_build_array(jsonb_build_object('id', p_id, 'streamId', p_stream,
      'version', v_version + 1, 'position', v_head + 1)), 'streamVersions', jsonb_build_object(p_stream, v_version + 1),
      'firstPosition', v_head + 1, 'lastPosition', v_head + 1));
  END IF;
  RETURN v_version + 1;
END
$$;`;

const KEPT_APPEND = { name: 'kept_append', text: 'SELECT kept_append($1, $2, $3, $4, $5, $6, $7, $8, $9) AS v' };

/** The kept floor (KEPT_SCHEMA) as a contender: one kept_append per append, no idempotency key (as ours in this bench). */
async function keptFloor(server: BenchServer, poolSize: number): Promise<Contender> {
  const db = await server.createDatabase('kept');
  const pool = benchPool(server.url(db), poolSize);
  await pool.query(KEPT_SCHEMA);
  return {
    name: 'kept-floor',
    append: async (stream, expected, event) => {
      const data = JSON.stringify(event.data);
      const metadata = JSON.stringify(event.metadata);
      const text = `${event.id}${stream}${event.type}${data}${metadata}`;
      const { rows } = await pool.query<{ v: number }>({
        ...KEPT_APPEND,
        values: [event.id, stream, expected, event.type, event.schemaVersion, data, metadata, text, null],
      });
      if (rows[0].v < 0) throw new Conflict(-1 - rows[0].v);
      return rows[0].v;
    },
    version: async (stream) =>
      Number((await pool.query<{ v: number }>('SELECT max(version) AS v FROM kept_events WHERE stream_id = $1', [stream])).rows[0]?.v ?? 0),
    close: async () => {
      await pool.end();
      await server.dropDatabase(db);
    },
  };
}

/** The locked floor (LOCKED_SCHEMA) as a contender, for the same turns: one locked_append per append. */
async function lockedFloor(server: BenchServer, poolSize: number): Promise<Contender> {
  const db = await server.createDatabase('locked');
  const pool = benchPool(server.url(db), poolSize);
  await pool.query(LOCKED_SCHEMA);
  return {
    name: 'locked-floor',
    append: async (stream, expected, event) => {
      await pool.query({ ...LOCKED_APPEND, values: lockedValues([event], stream, expected) });
      return expected + 1;
    },
    version: async (stream) =>
      Number(
        (await pool.query<{ v: number }>('SELECT max(version) AS v FROM locked_events WHERE stream_id = $1', [stream])).rows[0]?.v ?? 0,
      ),
    close: async () => {
      await pool.end();
      await server.dropDatabase(db);
    },
  };
}

/** Every writer appends one event per call: to its own line (distinct) or to one of a few shared lines (contended, conflicts retried). */
async function appendRun(
  contender: Contender,
  source: EventSource,
  writers: number,
  seconds: number,
  contended: boolean,
  tag: string,
  /** The versions the writers know, kept across the slices of one comparison (see appendScenarios). */
  known = new Map<string, number>(),
): Promise<WriterRun> {
  return runWriters(writers, seconds, async (writer, i) => {
    const stream = contended ? `line-${tag}-shared-${(writer + i) % CONTENDED_LINES}` : `line-${tag}-w${writer}`;
    const event = source.take();
    for (let retries = 0; ; retries++) {
      try {
        known.set(stream, await contender.append(stream, known.get(stream) ?? 0, event));
        return { rows: 1, retries };
      } catch (error) {
        if (!(error instanceof Conflict) || retries >= 1000) throw error;
        known.set(stream, error.actual ?? (await contender.version(stream)));
      }
    }
  });
}

function row(scenario: string, contender: string, writers: number, run: WriterRun, note = ''): AppendRow {
  const sorted = [...run.latenciesMs].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  return {
    scenario,
    contender,
    writers,
    operationsPerSecond: run.operations / run.seconds,
    rowsPerSecond: run.rows / run.seconds,
    p50Ms: at(50),
    p99Ms: at(99),
    retries: run.retries,
    operations: run.operations,
    seconds: run.seconds,
    note,
  };
}

/** Two runs of the same work as one: their operations, rows, retries, time and latencies added up. */
const joined = (a: WriterRun, b: WriterRun): WriterRun => ({
  operations: a.operations + b.operations,
  rows: a.rows + b.rows,
  retries: a.retries + b.retries,
  seconds: a.seconds + b.seconds,
  latenciesMs: [...a.latenciesMs, ...b.latenciesMs],
});

/**
 * How many times the contenders take their turns (ours–Emmett–Emmett–ours, and the floors between them at one
 * writer) within one comparison, each turn getting appendSeconds / (2 × TURN_ROUNDS). Issue 15's one-writer target
 * is a ratio near 1: with the two halves of one ABBA sequence 6–9 s apart, a drift of the machine's speed that is
 * not linear over them moved the ratio between runs (0.98–1.10 in four runs of 2026-12-06); shorter turns, repeated,
 * put both contenders in every part of the run.
 */
const TURN_ROUNDS = 4;

/**
 * Scenario 1 (raw port) and 2 (peers and floors): the same events, the same writer counts, the same
 * server. Ours and Emmett are open side by side and take turns in slices, ours–Emmett–Emmett–ours repeated
 * TURN_ROUNDS times, for half of the run time each in all: on a machine whose speed drifts (other work, CPU
 * frequency) both see the same drift, where one whole run after the other would not.
 */
export async function appendScenarios(server: BenchServer, options: BenchOptions, progress: Progress): Promise<AppendRow[]> {
  const rows: AppendRow[] = [];
  const source = new EventSource(new SeededIds('append'));
  const maxWriters = Math.max(...options.writers);
  const contenders = [await ourStore(server, maxWriters + 2), await emmettStore(server, maxWriters + 2)];
  // At 1 writer on distinct lines the two floors take their turns too (ours, Emmett, kept, locked, locked, kept, Emmett, ours).
  const floorsInTurns = [await keptFloor(server, 3), await lockedFloor(server, 3)];
  try {
    for (const contended of [false, true]) {
      for (const writers of options.writers) {
        const runs = new Map<Contender, WriterRun>();
        const inTurns = !contended && writers === 1 ? [...contenders, ...floorsInTurns] : contenders;
        const known = new Map(inTurns.map((c) => [c, new Map<string, number>()]));
        const turns = Array.from({ length: TURN_ROUNDS }, () => [...inTurns, ...[...inTurns].reverse()]).flat();
        for (const [t, contender] of turns.entries()) {
          const label = `${contender.name} append, ${writers} writer(s), ${contended ? 'contended' : 'distinct'} lines, turn ${t + 1} of ${turns.length}`;
          progress.step(label);
          const tag = `${contender.name}${writers}${contended ? 'c' : 'd'}`;
          const slice = options.appendSeconds / (2 * TURN_ROUNDS);
          const run = await appendRun(contender, source, writers, slice, contended, tag, known.get(contender));
          const before = runs.get(contender);
          runs.set(contender, before ? joined(before, run) : run);
          progress.done(label, `${Math.round(run.operations / run.seconds)} appends/s`);
        }
        for (const [contender, run] of runs) {
          const note =
            contender.name === 'kept-floor'
              ? 'floor, taking turns with ours and the peer: head lock + expected-version read + indexed INSERT + SHA-256 chain leaf + Merkle interior nodes + head right edge (+ idempotency record when keyed), one statement'
              : contender.name === 'locked-floor'
                ? 'floor, taking turns with ours and the peer: head lock + indexed INSERT + SHA-256 chain leaf, one statement'
                : `${2 * TURN_ROUNDS} slices, taking turns with the peer`;
          rows.push(row(contended ? 'append-contended' : 'append-distinct', contender.name, writers, run, note));
        }
      }
    }
  } finally {
    for (const contender of [...contenders, ...floorsInTurns]) await contender.close();
  }
  rows.push(...(await floors(server, options, source, progress)));
  return rows;
}

/** The bare table by single-row INSERT per transaction (same writers), by multi-row INSERT and by COPY. */
async function floors(server: BenchServer, options: BenchOptions, source: EventSource, progress: Progress): Promise<AppendRow[]> {
  const rows: AppendRow[] = [];
  const maxWriters = Math.max(...options.writers);
  const bare = await bareTable(server, maxWriters + 2);
  try {
    for (const writers of options.writers) {
      const label = `bare single-row INSERT, ${writers} writer(s)`;
      progress.step(label);
      const versions = new Map<number, number>();
      const run = await runWriters(writers, options.appendSeconds, async (writer) => {
        const e = source.take();
        const version = (versions.get(writer) ?? 0) + 1;
        versions.set(writer, version);
        await bare.pool.query({
          ...INSERT_ONE,
          values: [
            e.id,
            `line-bare-${writers}-w${writer}`,
            version,
            e.type,
            e.schemaVersion,
            JSON.stringify(e.data),
            JSON.stringify(e.metadata),
          ],
        });
        return { rows: 1, retries: 0 };
      });
      rows.push(row('append-distinct', 'bare-insert', writers, run, 'one row per autocommit INSERT'));
      progress.done(label, `${Math.round(run.operations / run.seconds)} rows/s`);
    }
    rows.push(...(await lockedFloors(server, options, source, progress)));
    const batch = options.floorBatch;
    let stream = 0;
    const columnsOf = (events: NewEvent[]) => {
      const s = `line-floor-${stream++}`;
      return [
        events.map((e) => e.id),
        events.map(() => s),
        events.map((_, i) => i + 1),
        events.map((e) => e.type),
        events.map((e) => e.schemaVersion),
        events.map((e) => JSON.stringify(e.data)),
        events.map((e) => JSON.stringify(e.metadata)),
      ];
    };
    progress.step(`bare multi-row INSERT, 1 writer, ${batch} rows per statement`);
    const multi = await runWriters(1, options.appendSeconds, async () => {
      await bare.pool.query({ ...INSERT_MANY, values: columnsOf(Array.from({ length: batch }, () => source.take())) });
      return { rows: batch, retries: 0 };
    });
    rows.push(
      row(
        'floor',
        'bare-multi-row-insert',
        1,
        multi,
        `INSERT ... SELECT FROM unnest(arrays) of ${batch} rows per statement and transaction`,
      ),
    );
    progress.done('bare multi-row INSERT', `${Math.round(multi.rows / multi.seconds)} rows/s`);

    progress.step(`bare COPY FROM STDIN, 1 writer, ${batch} rows per COPY`);
    const client: PoolClient = await bare.pool.connect();
    try {
      const copy = await runWriters(1, options.appendSeconds, async () => {
        const s = `line-copy-${stream++}`;
        const text = Array.from({ length: batch }, (_, i) => {
          const e = source.take();
          return [e.id, s, i + 1, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.metadata)].map(copyField).join('\t');
        }).join('\n');
        const copied = await copyIn(
          client,
          'COPY bare_events (event_id, stream_id, version, type, schema_version, data, metadata) FROM STDIN',
          Buffer.from(`${text}\n`),
        );
        return { rows: copied, retries: 0 };
      });
      rows.push(row('floor', 'bare-copy', 1, copy, `COPY FROM STDIN (text format) of ${batch} rows per statement and transaction`));
      progress.done('bare COPY', `${Math.round(copy.rows / copy.seconds)} rows/s`);
    } finally {
      client.release();
    }
  } finally {
    await bare.close();
  }
  return rows;
}

/** The floor with the head lock, the hash chain and the indexes: one statement per append at each writer count, and 1,000 rows per statement. */
async function lockedFloors(server: BenchServer, options: BenchOptions, source: EventSource, progress: Progress): Promise<AppendRow[]> {
  const rows: AppendRow[] = [];
  const db = await server.createDatabase('locked');
  const pool = benchPool(server.url(db), Math.max(...options.writers) + 2);
  try {
    await pool.query(LOCKED_SCHEMA);
    for (const writers of options.writers) {
      const label = `locked INSERT + hash chain, ${writers} writer(s)`;
      progress.step(label);
      const versions = new Map<number, number>();
      const run = await runWriters(writers, options.appendSeconds, async (writer) => {
        const version = versions.get(writer) ?? 0;
        versions.set(writer, version + 1);
        await pool.query({ ...LOCKED_APPEND, values: lockedValues([source.take()], `line-locked-${writers}-w${writer}`, version) });
        return { rows: 1, retries: 0 };
      });
      rows.push(row('append-distinct', 'locked-insert', writers, run, 'one statement: head lock + indexed INSERT + SHA-256 chain leaf'));
      progress.done(label, `${Math.round(run.operations / run.seconds)} rows/s`);
    }
    // floorBatch rows per statement, and as many as the most writers can have waiting (a group commit's most).
    let stream = 0;
    for (const batch of [options.floorBatch, Math.max(...options.writers)]) {
      progress.step(`locked multi-row INSERT + hash chain, 1 writer, ${batch} rows per statement`);
      const multi = await runWriters(1, options.appendSeconds, async () => {
        const events = Array.from({ length: batch }, () => source.take());
        await pool.query({ ...LOCKED_APPEND, values: lockedValues(events, `line-locked-floor-${stream++}`, 0) });
        return { rows: batch, retries: 0 };
      });
      rows.push(
        row(
          'floor',
          batch === options.floorBatch ? 'locked-multi-row-insert' : `locked-multi-row-insert-${batch}`,
          1,
          multi,
          `head lock + indexed INSERT ... SELECT FROM unnest of ${batch} rows + SHA-256 chain leaves, per statement`,
        ),
      );
      progress.done('locked multi-row INSERT', `${Math.round(multi.rows / multi.seconds)} rows/s`);
    }
  } finally {
    await pool.end();
    await server.dropDatabase(db);
  }
  return rows;
}

export { nowMs };
