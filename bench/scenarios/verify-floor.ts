import { createReadStream } from 'node:fs';
import { hash } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import { readBatch, readPackedBatch, readRawBatch, readTextBatch, type PackedBatch } from '@renja/verification/database-source';
import { runCli } from '../lib/child';
import type { Progress } from '../lib/progress';
import type { BatchRow } from '../lib/results';
import { benchPool } from '../lib/postgres';

/**
 * Part of the `verify` scenario: what verification is measured against, in the same run on the same
 * data. The sequential verifier (`--workers 0`, the code path before the worker threads) as the
 * "before"; and the floors of this machine: reading the rows from PostgreSQL through `pg` without
 * verifying (both ways the verifier reads them), SHA-256 of the bytes of every event, and reading and
 * JSON.parse-ing the export file — each on one thread, with nothing else done to the data.
 */
export interface FloorInput {
  env: Record<string, string>;
  verifierKey: string;
  /** A full export of the benchmark ledger (written by the scenario just before). */
  file: string;
  events: number;
  progress: Progress;
}

const BATCH = 5000;

export async function verifyFloors(input: FloorInput): Promise<BatchRow[]> {
  const { env, events, progress } = input;
  const rows: BatchRow[] = [];
  rows.push(await cli(['verify', '--database', '--workers', '0'], 'sequential verify --database (--workers 0, CLI child process)', input));
  rows.push(
    await cli(
      ['verify', input.file, '--key', input.verifierKey, '--workers', '0'],
      'sequential verify FILE (--workers 0, CLI child process)',
      input,
    ),
  );
  const pool = benchPool(env.DATABASE_URL, 2);
  try {
    rows.push(
      await timed(
        'floor: read the rows through pg, JSON parsed (as the sequential verifier read before 2026-12-05 18:18)',
        events,
        progress,
        () => readAll(pool, readBatch),
      ),
    );
    rows.push(
      await timed(
        'floor: read the rows through pg, packed by PostgreSQL (as the parallel verifier read before 2026-12-05)',
        events,
        progress,
        () => readPacked(pool, readPackedBatch),
      ),
    );
    rows.push(
      await timed('floor: read the rows through pg, their JSON left as text (as the parallel verifier reads)', events, progress, () =>
        readPacked(pool, readRawBatch),
      ),
    );
    rows.push(
      await timed(
        'floor: read the rows through pg, data and metadata as their jsonb text (as the sequential verifier reads)',
        events,
        progress,
        () => readAll(pool, readTextBatch),
      ),
    );
  } finally {
    await pool.end();
  }
  rows.push(await hashFloor(input));
  rows.push(await timed('floor: read the export file and JSON.parse every line', events, progress, () => parseFile(input.file)));
  return rows;
}

async function cli(args: string[], what: string, { env, events, progress }: FloorInput): Promise<BatchRow> {
  progress.step(what);
  const run = await runCli(args, env);
  if (run.code !== 0) throw new Error(`renja-ledger ${args.join(' ')} failed (${run.code}): ${run.stdout}${run.stderr}`);
  progress.done(what, `${Math.round(events / run.seconds)} events/s, peak RSS ${run.peakRssMb?.toFixed(0) ?? '?'} MB`);
  return {
    what,
    events,
    seconds: run.seconds,
    eventsPerSecond: events / run.seconds,
    peakRssMb: run.peakRssMb,
    note: `whole process; the CLI printed: ${/([\d.,]+) peristiwa\/detik/.exec(run.stdout)?.[0] ?? 'n/a'}`,
  };
}

async function timed(what: string, events: number, progress: Progress, work: () => Promise<number>): Promise<BatchRow> {
  progress.step(what);
  const started = process.hrtime.bigint();
  const counted = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  progress.done(what, `${Math.round(counted / seconds)} events/s`);
  return {
    what,
    events: counted,
    seconds,
    eventsPerSecond: counted / seconds,
    peakRssMb: null,
    note: `in the bench process, one thread${counted === events ? '' : ` (${events} events in the ledger)`}`,
  };
}

/** Every row of the verifier's batch query, 5,000 per page with the next page requested before this one is looked at. */
async function readAll(pool: Pool, read: typeof readBatch): Promise<number> {
  return inSnapshot(pool, async (client) => {
    let count = 0;
    let next = read(client, 0, BATCH);
    for (;;) {
      const rows = await next;
      if (rows.length === 0) return count;
      count += rows.length;
      next = rows.length < BATCH ? Promise.resolve([]) : read(client, rows[rows.length - 1].position, BATCH);
    }
  });
}

/** The same batches as one JSON text and one buffer of hashes each (the strings are not parsed: the workers do that). */
async function readPacked(pool: Pool, read: (client: PoolClient, after: number, limit: number) => Promise<PackedBatch>): Promise<number> {
  return inSnapshot(pool, async (client) => {
    let count = 0;
    let next = read(client, 0, BATCH);
    for (;;) {
      const batch = await next;
      if (batch.rows === 0) return count;
      count += batch.rows;
      next = batch.rows < BATCH ? Promise.resolve({ ...batch, rows: 0 }) : read(client, batch.last, BATCH);
    }
  });
}

async function inSnapshot<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return await work(client);
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

/** Each event line of the file, as bytes (the header skipped), chunk by chunk. */
async function forEachLine(file: string, onChunk: (lines: Buffer[]) => void): Promise<void> {
  let rest: Buffer = Buffer.alloc(0);
  let header = true;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const bytes = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    const lines: Buffer[] = [];
    let start = 0;
    for (let end = bytes.indexOf(10); end >= 0; start = end + 1, end = bytes.indexOf(10, start)) {
      if (header) header = false;
      else lines.push(bytes.subarray(start, end));
    }
    rest = bytes.subarray(start);
    onChunk(lines);
  }
}

/**
 * SHA-256 of the bytes of every event: each export line is hashed as it stands (about 80 bytes more
 * than its leaf bytes: the line also holds its own hash). Only the hashing is timed, not the reading.
 */
async function hashFloor({ file, events, progress }: FloorInput): Promise<BatchRow> {
  const what = 'floor: SHA-256 of each event line of the export (hashing only)';
  progress.step(what);
  let hashing = 0n;
  let count = 0;
  let bytes = 0;
  await forEachLine(file, (lines) => {
    const started = process.hrtime.bigint();
    for (const line of lines) hash('sha256', line, 'buffer');
    hashing += process.hrtime.bigint() - started;
    count += lines.length;
    for (const line of lines) bytes += line.length;
  });
  const seconds = Number(hashing) / 1e9;
  progress.done(what, `${Math.round(count / seconds)} events/s`);
  return {
    what,
    events: count,
    seconds,
    eventsPerSecond: count / seconds,
    peakRssMb: null,
    note: `in the bench process, one thread; ${Math.round(bytes / count)} bytes per line${count === events ? '' : ` (${events} events in the ledger)`}`,
  };
}

async function parseFile(file: string): Promise<number> {
  let count = 0;
  await forEachLine(file, (lines) => {
    for (const line of lines) JSON.parse(line.toString('utf8'));
    count += lines.length;
  });
  return count;
}
