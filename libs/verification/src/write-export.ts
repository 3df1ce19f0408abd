import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Pool, PoolClient } from 'pg';
import type { RecordedEvent } from '@renja/event-store';
import { GENESIS_HASH } from '@renja/event-store/integrity/event-hash';
import { LedgerTree } from '@renja/event-store/postgres/ledger-tree';
import { toRecordedEvent } from '@renja/event-store/postgres/sql';
import { isFailure, openTrustedCheckpoint, toVerifier } from './checkpoint-check';
import { EXPORT_FORMAT, eventLine, type ExportHeader } from './export-format';
import { coarseSql, isPartial, selects, type Selection } from './selection';

export interface ExportOptions {
  /** 'all', or the office / year / line whose streams to export (partial: each event carries an inclusion proof). */
  filter: Selection;
  /** Size of the checkpoint to export against (default: the latest). Only positions up to it are exported. */
  checkpoint?: number;
  /** The deployment's verifier key, written to the header; the checkpoint must verify with it. */
  verifierKey: string;
  batchSize?: number;
  onProgress?: (position: number, size: number) => void;
}

export interface ExportSummary {
  events: number;
  size: number;
  rootHash: Buffer;
  partial: boolean;
}

/** The ledger has no checkpoint (or not the one asked for): nothing signed to export against. */
export class NoCheckpointError extends Error {
  override readonly name = 'NoCheckpointError';
}

/**
 * Writes an export (docs/verification.md, "Export file") as JSON Lines to `out`, which it does not
 * end. Events are read from one snapshot in position order by keyset pagination, so memory is one
 * batch whatever the ledger's size; lines carry the hashes as stored, a verifier recomputes them.
 */
export async function writeExport(pool: Pool, out: Writable, options: ExportOptions): Promise<ExportSummary> {
  const tree = new LedgerTree(pool);
  const stored = options.checkpoint === undefined ? await tree.latestCheckpoint() : await tree.checkpoint(options.checkpoint);
  if (!stored)
    throw new NoCheckpointError(
      options.checkpoint === undefined ? 'the ledger has no checkpoint yet' : `there is no checkpoint of size ${options.checkpoint}`,
    );
  const opened = openTrustedCheckpoint(stored.note, toVerifier(options.verifierKey));
  if (isFailure(opened)) throw new Error(`refusing to export: ${opened.message}`);
  const partial = isPartial(options.filter);
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    version: 1,
    origin: toVerifier(options.verifierKey).name,
    verifierKey: options.verifierKey,
    checkpoint: stored.note,
    filter: options.filter,
  };
  await write(out, header);
  const batchSize = options.batchSize ?? (partial ? 500 : 5000);
  const client = await pool.connect();
  let events = 0;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    for (let after = 0; ;) {
      const rows = await readRows(client, options.filter, after, opened.size, batchSize);
      if (rows.length === 0) break;
      const chosen = rows.filter((r) => selects(options.filter, r.event.streamId));
      const proofs = partial ? await Promise.all(chosen.map((r) => tree.inclusionProof(r.event.position - 1, opened.size))) : [];
      for (const [i, r] of chosen.entries()) await write(out, eventLine(r.event, r.previousHash, r.hash, partial ? proofs[i] : undefined));
      events += chosen.length;
      after = rows[rows.length - 1].event.position;
      options.onProgress?.(after, opened.size);
    }
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
  return { events, size: opened.size, rootHash: opened.rootHash, partial };
}

async function write(out: Writable, value: object): Promise<void> {
  if (!out.write(`${JSON.stringify(value)}\n`)) await once(out, 'drain');
}

interface Row {
  event: RecordedEvent;
  hash: Buffer | null;
  previousHash: Buffer | null;
}

async function readRows(client: PoolClient, selection: Selection, after: number, size: number, limit: number): Promise<Row[]> {
  const coarse = isPartial(selection) ? coarseSql(selection, 4) : null;
  const { rows } = await client.query(
    `SELECT e.position, e.event_id, e.stream_id, e.version, e.type, e.schema_version, e.data, e.metadata,
            to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS recorded_at, n.hash, p.hash AS previous_hash
       FROM ledger_events e
       LEFT JOIN ledger_merkle_nodes n ON n.level = 0 AND n.idx = e.position - 1
       LEFT JOIN ledger_merkle_nodes p ON p.level = 0 AND p.idx = e.position - 2
      WHERE e.position > $1 AND e.position <= $2 ${coarse ? `AND ${coarse.sql}` : ''}
      ORDER BY e.position LIMIT $3`,
    [after, size, limit, ...(coarse?.values ?? [])],
  );
  return rows.map((r) => ({
    event: toRecordedEvent(r),
    hash: r.hash,
    previousHash: Number(r.position) === 1 ? GENESIS_HASH : r.previous_hash,
  }));
}
