import type { Pool } from 'pg';
import {
  consistencyProofFromSubtrees,
  emptyRoot,
  inclusionProofFromSubtrees,
  nodeHash,
  splitPoint,
  type SubtreeRootAt,
} from '@renja/integrity';

/** A checkpoint as stored: the signed note over (origin, size, root). */
export interface StoredCheckpoint {
  size: number;
  rootHash: Buffer;
  note: string;
  issuedAt: string;
}

const isPowerOfTwo = (n: number) => n > 0 && 2 ** Math.round(Math.log2(n)) === n;
const key = (level: number, idx: number) => `${level}:${idx}`;

/** The perfect, aligned subtrees whose stored nodes give MTH(D[start:end]) by the RFC's recursion. */
function nodesFor(start: number, end: number, out: Array<[number, number]>): void {
  const n = end - start;
  if (isPowerOfTwo(n) && start % n === 0) {
    out.push([Math.log2(n), start / n]);
    return;
  }
  const k = splitPoint(n);
  nodesFor(start, start + k, out);
  nodesFor(start + k, end, out);
}

/**
 * Reads the stored Merkle tree of the PostgreSQL ledger: roots of any size and RFC 9162 proofs from
 * O(log n) stored nodes, and the signed checkpoints. Never re-hashes the log.
 */
export class LedgerTree {
  constructor(private readonly pool: Pool) {}

  async size(): Promise<number> {
    const { rows } = await this.pool.query<{ position: string }>('SELECT position FROM ledger_head');
    return Number(rows[0].position);
  }

  /** A SubtreeRootAt for the given ranges, with every node they need fetched in one query. */
  private async subtreeRoots(ranges: Array<[number, number]>): Promise<SubtreeRootAt> {
    const wanted: Array<[number, number]> = [];
    ranges.forEach(([s, e]) => nodesFor(s, e, wanted));
    const { rows } = await this.pool.query<{ level: number; idx: string; hash: Buffer }>(
      'SELECT n.level, n.idx, n.hash FROM ledger_merkle_nodes n JOIN unnest($1::smallint[], $2::bigint[]) AS w(level, idx) USING (level, idx)',
      [wanted.map(([l]) => l), wanted.map(([, i]) => i)],
    );
    const nodes = new Map(rows.map((r) => [key(r.level, Number(r.idx)), r.hash]));
    const root = (start: number, end: number): Buffer => {
      const n = end - start;
      if (isPowerOfTwo(n) && start % n === 0) {
        const hash = nodes.get(key(Math.log2(n), start / n));
        if (!hash) throw new Error(`the Merkle tree has no node for leaves [${start}, ${end}): the ledger is incomplete`);
        return hash;
      }
      const k = splitPoint(n);
      return nodeHash(root(start, start + k), root(start + k, end));
    };
    return root;
  }

  /** Runs a proof generator twice: once to learn which ranges it reads, once on the fetched nodes. */
  private async withRanges<T>(generate: (subtree: SubtreeRootAt) => T): Promise<T> {
    const ranges: Array<[number, number]> = [];
    generate((start, end) => {
      ranges.push([start, end]);
      return Buffer.alloc(32);
    });
    return generate(await this.subtreeRoots(ranges));
  }

  async root(size: number): Promise<Buffer> {
    if (size === 0) return emptyRoot();
    return (await this.subtreeRoots([[0, size]]))(0, size);
  }

  inclusionProof(index: number, size: number): Promise<Buffer[]> {
    return this.withRanges((subtree) => inclusionProofFromSubtrees(index, size, subtree));
  }

  consistencyProof(size1: number, size2: number): Promise<Buffer[]> {
    return this.withRanges((subtree) => consistencyProofFromSubtrees(size1, size2, subtree));
  }

  /** Stored event hashes (leaves) from position `from` (1-based, inclusive), in order. */
  async leafHashes(from: number, limit: number): Promise<Buffer[]> {
    const { rows } = await this.pool.query<{ hash: Buffer }>(
      'SELECT hash FROM ledger_merkle_nodes WHERE level = 0 AND idx >= $1 ORDER BY idx LIMIT $2',
      [from - 1, limit],
    );
    return rows.map((r) => r.hash);
  }

  async saveCheckpoint(size: number, rootHash: Buffer, note: string): Promise<StoredCheckpoint> {
    const { rows } = await this.pool.query(
      `INSERT INTO ledger_checkpoints (size, root_hash, note) VALUES ($1, $2, $3) ON CONFLICT (size) DO NOTHING
       RETURNING size, root_hash, note, to_char(issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS issued_at`,
      [size, rootHash, note],
    );
    return rows[0] ? toCheckpoint(rows[0]) : ((await this.checkpoint(size)) as StoredCheckpoint);
  }

  async checkpoint(size: number): Promise<StoredCheckpoint | null> {
    const { rows } = await this.pool.query(`${SELECT_CHECKPOINT} WHERE size = $1`, [size]);
    return rows[0] ? toCheckpoint(rows[0]) : null;
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | null> {
    const { rows } = await this.pool.query(`${SELECT_CHECKPOINT} ORDER BY size DESC LIMIT 1`);
    return rows[0] ? toCheckpoint(rows[0]) : null;
  }

  async checkpoints(): Promise<StoredCheckpoint[]> {
    const { rows } = await this.pool.query(`${SELECT_CHECKPOINT} ORDER BY size`);
    return rows.map(toCheckpoint);
  }
}

const SELECT_CHECKPOINT = `SELECT size, root_hash, note, to_char(issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS issued_at FROM ledger_checkpoints`;

function toCheckpoint(row: { size: string; root_hash: Buffer; note: string; issued_at: string }): StoredCheckpoint {
  return { size: Number(row.size), rootHash: row.root_hash, note: row.note, issuedAt: row.issued_at };
}
