import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Client } from 'pg';
import { openTrustedCheckpoint, isFailure } from '@renja/verification/checkpoint-check';
import { parseEventLine, parseHeader } from '@renja/verification/export-format';
import { eventHash, GENESIS_HASH, type RecordedEvent } from '@renja/event-store';
import { extendTree, type MerkleNode } from '@renja/event-store/integrity/merkle-frontier';
import { emptyRoot, nodeHash, type NoteVerifier } from '@renja/integrity';
import { LEDGER_FILE, TABLES_FILE } from './backup-format';

/** The backup does not verify (or does not fit the target): nothing was restored. */
export class RestoreRefusedError extends Error {
  override readonly name = 'RestoreRefusedError';
  constructor(
    readonly position: number,
    message: string,
  ) {
    super(message);
  }
}

export interface RestoreSummary {
  events: number;
  rootHash: Buffer;
  checkpoints: number;
  tables: Record<string, number>;
}

interface TableRow {
  table: string;
  row: Record<string, unknown>;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** RFC 6962 root of the tree whose perfect subtrees (largest first) are `peaks`. */
export function rootOfPeaks(peaks: Buffer[]): Buffer {
  if (peaks.length === 0) return emptyRoot();
  return peaks.slice(0, -1).reduceRight((acc, peak) => nodeHash(peak, acc), peaks[peaks.length - 1]);
}

/** The first of the trusted keys that signed `note`, with the tree size and root it signs. */
function openWithAnyKey(note: string, verifiers: NoteVerifier[]): { size: number; rootHash: Buffer } {
  let last = '';
  for (const verifier of verifiers) {
    const opened = openTrustedCheckpoint(note, verifier);
    if (!isFailure(opened)) return opened;
    last = opened.message;
  }
  throw new RestoreRefusedError(0, `tanda tangan checkpoint tidak sah untuk kunci yang diberikan: ${last}`);
}

function readTables(dir: string): TableRow[] {
  const file = join(dir, TABLES_FILE);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as TableRow);
}

async function insertEvents(client: Client, events: RecordedEvent[]): Promise<void> {
  const rows = events.map((e) => ({
    position: e.position,
    event_id: e.id,
    stream_id: e.streamId,
    version: e.version,
    type: e.type,
    schema_version: e.schemaVersion,
    data: e.data,
    metadata: e.metadata,
    recorded_at: e.recordedAt,
  }));
  await client.query(
    `INSERT INTO ledger_events (position, event_id, stream_id, version, type, schema_version, data, metadata, recorded_at)
     SELECT position, event_id, stream_id, version, type, schema_version, data, metadata, recorded_at
       FROM jsonb_to_recordset($1::jsonb) AS x(position bigint, event_id uuid, stream_id text, version int, type text,
            schema_version int, data jsonb, metadata jsonb, recorded_at timestamptz)`,
    [JSON.stringify(rows)],
  );
}

async function insertNodes(client: Client, nodes: MerkleNode[]): Promise<void> {
  await client.query('INSERT INTO ledger_merkle_nodes (level, idx, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])', [
    nodes.map((n) => n.level),
    nodes.map((n) => n.idx),
    nodes.map((n) => n.hash),
  ]);
}

/** Serial ids go on after the restored ones (a new API token must not reuse a restored id). */
async function advanceSequences(client: Client, table: string): Promise<void> {
  const { rows } = await client.query<{ column: string; seq: string }>(
    `SELECT column_name AS column, pg_get_serial_sequence($1, column_name) AS seq
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $2`,
    [quote(table), table],
  );
  for (const { column, seq } of rows.filter((r) => r.seq !== null))
    await client.query(`SELECT setval($1, (SELECT coalesce(max(${quote(column)}), 0) + 1 FROM ${quote(table)}), false)`, [seq]);
}

/** Every table the backup fills must exist in the target and be empty: a restore never merges. */
async function assertEmptyTarget(client: Client, tables: string[]): Promise<void> {
  const head = Number((await client.query<{ position: string }>('SELECT position FROM ledger_head')).rows[0].position);
  if (head !== 0) throw new RestoreRefusedError(0, `basis data tujuan sudah berisi ${head} peristiwa: pulihkan hanya ke basis data kosong`);
  for (const table of tables) {
    const exists = await client.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = $1`, [table]);
    if (exists.rowCount === 0)
      throw new RestoreRefusedError(
        0,
        `tabel ${table} dari cadangan tidak ada di basis data tujuan: pulihkan dengan versi Renja Ledger yang sama atau lebih baru`,
      );
    const rows = await client.query(`SELECT 1 FROM ${quote(table)} LIMIT 1`);
    if (rows.rowCount !== 0)
      throw new RestoreRefusedError(0, `tabel ${table} di basis data tujuan tidak kosong: pulihkan hanya ke basis data kosong`);
  }
}

/**
 * Restores a backup folder through `client` (a role that owns the ledger's tables) in ONE transaction:
 * every event's hash is recomputed from the bytes inserted, the Merkle tree rebuilt, and the root at every
 * restored checkpoint compared with its signed note before COMMIT. Any mismatch rolls everything back.
 */
export async function restoreBackup(
  client: Client,
  dir: string,
  verifiers: NoteVerifier[],
  onProgress?: (done: number, total: number) => void,
): Promise<RestoreSummary> {
  const tableRows = readTables(dir);
  const byTable = new Map<string, Record<string, unknown>[]>();
  for (const { table, row } of tableRows) {
    const rows = byTable.get(table) ?? [];
    if (rows.length === 0) byTable.set(table, rows);
    rows.push(row);
  }

  // The root each restored checkpoint signs, by size: checked when the rebuilt tree reaches that size.
  const expectedRoots = new Map<number, Buffer>();
  for (const row of byTable.get('ledger_checkpoints') ?? []) {
    const opened = openWithAnyKey(String(row.note), verifiers);
    if (opened.size !== Number(row.size))
      throw new RestoreRefusedError(
        opened.size,
        `baris checkpoint berukuran ${String(row.size)} memuat catatan bertanda tangan untuk ukuran ${opened.size}`,
      );
    const column = Buffer.from(String(row.root_hash).replace(/^\\x/, ''), 'hex');
    if (!column.equals(opened.rootHash))
      throw new RestoreRefusedError(
        opened.size,
        `baris checkpoint berukuran ${opened.size} memuat akar yang lain dari catatan bertanda tangannya`,
      );
    expectedRoots.set(opened.size, opened.rootHash);
  }

  let lines: ReturnType<typeof createInterface> | null = null;
  let header: ReturnType<typeof parseHeader> | null = null;
  let signed: { size: number; rootHash: Buffer } | null = null;
  let size = 0;
  let peaks: Buffer[] = [];
  let previous: Buffer = GENESIS_HASH;
  let events: RecordedEvent[] = [];
  let leaves: Buffer[] = [];

  const checkRootAt = (at: number) => {
    const expected = expectedRoots.get(at);
    if (expected && !rootOfPeaks(peaks).equals(expected))
      throw new RestoreRefusedError(
        at,
        `akar Merkle log yang dipulihkan pada ukuran ${at} tidak sama dengan checkpoint yang ditandatangani`,
      );
  };
  const flush = async () => {
    if (events.length === 0) return;
    await insertEvents(client, events);
    const extended = extendTree(size - leaves.length, peaks, leaves);
    await insertNodes(client, extended.nodes);
    peaks = extended.peaks;
    events = [];
    leaves = [];
  };

  await client.query('BEGIN');
  try {
    await assertEmptyTarget(client, [...byTable.keys()]);
    await client.query('ALTER TABLE ledger_events DISABLE TRIGGER ledger_events_recorded_at');
    checkRootAt(0);
    // Created only now: lines read while nothing iterates would be lost.
    lines = createInterface({ input: createReadStream(join(dir, LEDGER_FILE), 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      if (!header) {
        header = parseHeader(line);
        signed = openWithAnyKey(header.checkpoint, verifiers);
        if (!expectedRoots.has(signed.size)) expectedRoots.set(signed.size, signed.rootHash);
        continue;
      }
      const entry = parseEventLine(line);
      const expectedPosition = size + 1;
      if (entry.position !== expectedPosition || !entry.event)
        throw new RestoreRefusedError(expectedPosition, `posisi ${expectedPosition} hilang atau tidak berurutan di cadangan`);
      const hash = eventHash(entry.event, previous);
      if (entry.hash && !entry.hash.equals(hash))
        throw new RestoreRefusedError(entry.position, `peristiwa pada posisi ${entry.position} telah diubah: hash-nya tidak cocok`);
      events.push(entry.event);
      leaves.push(hash);
      previous = hash;
      size = expectedPosition;
      if (expectedRoots.has(size)) {
        await flush();
        checkRootAt(size);
      } else if (events.length >= 2000) await flush();
      if (size % 5000 === 0) onProgress?.(size, signed!.size);
    }
    await flush();
    if (!header || !signed) throw new RestoreRefusedError(0, `${LEDGER_FILE} kosong: bukan cadangan yang lengkap`);
    if (size !== signed.size)
      throw new RestoreRefusedError(size + 1, `cadangan memuat ${size} peristiwa, checkpoint yang ditandatangani mencakup ${signed.size}`);
    const rootHash = rootOfPeaks(peaks);
    await client.query('UPDATE ledger_head SET position = $1, peaks = $2, last_hash = $3', [size, peaks, previous]);

    const tables: Record<string, number> = {};
    for (const [table, rows] of byTable) {
      for (let i = 0; i < rows.length; i += 1000)
        await client.query(`INSERT INTO ${quote(table)} SELECT * FROM json_populate_recordset(null::${quote(table)}, $1::json)`, [
          JSON.stringify(rows.slice(i, i + 1000)),
        ]);
      tables[table] = rows.length;
      await advanceSequences(client, table);
    }
    await client.query('ALTER TABLE ledger_events ENABLE TRIGGER ledger_events_recorded_at');
    await client.query('COMMIT');
    onProgress?.(size, size);
    return { events: size, rootHash, checkpoints: tables.ledger_checkpoints ?? 0, tables };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    lines?.close();
  }
}
