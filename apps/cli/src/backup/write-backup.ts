import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { EXPORT_FORMAT, eventLine, type ExportHeader } from '@renja/verification/export-format';
import { GENESIS_HASH, LedgerTree, toRecordedEvent, type StoredCheckpoint } from '@renja/event-store';
import { signCheckpoint, type NoteSigner } from '@renja/integrity';
import { BACKUP_FORMAT, LEDGER_FILE, TABLES_FILE, sha256OfFile, type BackupManifest } from './backup-format';

/** Rows the ledger cannot rebuild are backed up; these are either handled apart (the log) or rebuilt/ephemeral. */
const NOT_DUMPED = new Set([
  'ledger_events',
  'ledger_merkle_nodes',
  'ledger_head',
  'schema_migrations',
  'projection_checkpoints',
  'web_sessions',
]);

export interface BackupOptions {
  /** The deployment's signing key, when this machine holds it: signs a checkpoint of the snapshot's exact size. */
  signer: NoteSigner | null;
  /** Its public form, written to the manifest and the export header (informational). */
  verifierKey: string;
  signingKeyFile: string;
  /** Read-model tables (rebuilt by restore, not backed up). */
  readModelTables: string[];
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/** The deployment has no key here and its latest checkpoint does not cover the whole log. */
export class UnsignedHeadError extends Error {
  override readonly name = 'UnsignedHeadError';
}

async function write(out: WriteStream, line: string): Promise<void> {
  if (!out.write(line)) await once(out, 'drain');
}

async function close(out: WriteStream): Promise<void> {
  out.end();
  await once(out, 'finish');
}

/** The checkpoint of exactly `size` events: the stored one, else one signed now (and stored, like any other). */
async function checkpointOfSize(
  pool: Pool,
  size: number,
  latest: StoredCheckpoint | null,
  options: BackupOptions,
): Promise<StoredCheckpoint> {
  if (latest && latest.size === size) return latest;
  if (!options.signer)
    throw new UnsignedHeadError(
      `checkpoint terakhir (ukuran ${latest?.size ?? 0}) tidak mencakup seluruh log (${size} peristiwa) dan kunci penanda tangan tidak ada di ${options.signingKeyFile}: ` +
        'jalankan pencadangan di mesin yang memegang kunci, atau terbitkan checkpoint dulu (renja-ledger checkpoint)',
    );
  const tree = new LedgerTree(pool);
  // Merkle nodes never change once written, so the root read outside the snapshot is the snapshot's root.
  const rootHash = await tree.root(size);
  return tree.saveCheckpoint(size, rootHash, signCheckpoint({ origin: options.signer.name, size, rootHash }, options.signer));
}

async function latestCheckpointIn(client: PoolClient): Promise<StoredCheckpoint | null> {
  const { rows } = await client.query<{ size: string; root_hash: Buffer; note: string; issued_at: string }>(
    `SELECT size, root_hash, note, to_char(issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS issued_at
       FROM ledger_checkpoints ORDER BY size DESC LIMIT 1`,
  );
  const row = rows[0];
  return row ? { size: Number(row.size), rootHash: row.root_hash, note: row.note, issuedAt: row.issued_at } : null;
}

async function dumpTables(client: PoolClient, out: WriteStream, skip: Set<string>): Promise<Record<string, number>> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    if (skip.has(name) || name.startsWith('rm_')) continue;
    const { rows } = await client.query<{ row: object }>(`SELECT row_to_json(t) AS row FROM "${name.replace(/"/g, '""')}" t`);
    for (const { row } of rows) await write(out, `${JSON.stringify({ table: name, row })}\n`);
    counts[name] = rows.length;
  }
  return counts;
}

/**
 * Writes the log and the other tables of one REPEATABLE READ snapshot into `dir` (which must exist and be
 * empty). Returns the manifest and the checkpoint; the caller writes manifest.json last, so a folder with a
 * manifest is a finished backup.
 */
export async function writeBackup(
  pool: Pool,
  dir: string,
  options: BackupOptions,
): Promise<{ manifest: BackupManifest; checkpointNote: string }> {
  const client = await pool.connect();
  const ledgerOut = createWriteStream(join(dir, LEDGER_FILE), { mode: 0o600 });
  const tablesOut = createWriteStream(join(dir, TABLES_FILE), { mode: 0o600 });
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const size = Number((await client.query<{ position: string }>('SELECT position FROM ledger_head')).rows[0].position);
    const latest = await latestCheckpointIn(client);
    const checkpoint = await checkpointOfSize(pool, size, latest, options);
    const migrations = (await client.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id')).rows.map((r) => r.id);

    const tables = await dumpTables(client, tablesOut, new Set([...NOT_DUMPED, ...options.readModelTables]));
    if (checkpoint !== latest) {
      // Signed after the snapshot began: the snapshot cannot see it, the backup must hold it.
      const row = {
        size: checkpoint.size,
        root_hash: `\\x${checkpoint.rootHash.toString('hex')}`,
        note: checkpoint.note,
        issued_at: checkpoint.issuedAt,
      };
      await write(tablesOut, `${JSON.stringify({ table: 'ledger_checkpoints', row })}\n`);
      tables.ledger_checkpoints = (tables.ledger_checkpoints ?? 0) + 1;
    }
    await close(tablesOut);

    const header: ExportHeader = {
      format: EXPORT_FORMAT,
      version: 1,
      origin: checkpoint.note.split('\n')[0],
      verifierKey: options.verifierKey,
      checkpoint: checkpoint.note,
      filter: 'all',
    };
    await write(ledgerOut, `${JSON.stringify(header)}\n`);
    const batchSize = options.batchSize ?? 5000;
    for (let after = 0; after < size;) {
      const { rows } = await client.query(
        `SELECT e.position, e.event_id, e.stream_id, e.version, e.type, e.schema_version, e.data, e.metadata,
                to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS recorded_at, n.hash, p.hash AS previous_hash
           FROM ledger_events e
           LEFT JOIN ledger_merkle_nodes n ON n.level = 0 AND n.idx = e.position - 1
           LEFT JOIN ledger_merkle_nodes p ON p.level = 0 AND p.idx = e.position - 2
          WHERE e.position > $1 AND e.position <= $2 ORDER BY e.position LIMIT $3`,
        [after, size, batchSize],
      );
      if (rows.length === 0) break;
      for (const r of rows) {
        const event = toRecordedEvent(r);
        const previous = event.position === 1 ? GENESIS_HASH : (r.previous_hash as Buffer | null);
        await write(ledgerOut, `${JSON.stringify(eventLine(event, previous, r.hash as Buffer | null))}\n`);
      }
      after = Number(rows[rows.length - 1].position);
      options.onProgress?.(after, size);
    }
    await close(ledgerOut);
    await client.query('COMMIT');

    const files: Record<string, string> = {};
    for (const name of [LEDGER_FILE, TABLES_FILE]) files[name] = await sha256OfFile(join(dir, name));
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: 1,
      createdAt: new Date().toISOString(),
      origin: header.origin,
      verifierKey: options.verifierKey,
      size,
      rootHash: checkpoint.rootHash.toString('base64'),
      tables,
      migrations,
      files,
      signingKeyFile: options.signingKeyFile,
    };
    return { manifest, checkpointNote: checkpoint.note };
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
    ledgerOut.destroy();
    tablesOut.destroy();
  }
}
