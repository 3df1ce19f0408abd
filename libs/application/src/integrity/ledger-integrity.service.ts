import { msg, notFound, invalid } from '@renja/domain';
import type { LedgerTree, StoredCheckpoint } from '@renja/event-store';
import type { Checkpointer } from './checkpointer';

export interface InclusionProofResponse {
  position: number;
  /** 0-based leaf index (position − 1), as RFC 9162 counts. */
  index: number;
  size: number;
  leafHash: string;
  rootHash: string;
  proof: string[];
  checkpoint: string;
}

export interface ConsistencyProofResponse {
  from: number;
  to: number;
  fromRootHash: string;
  toRootHash: string;
  proof: string[];
  fromCheckpoint: string;
  toCheckpoint: string;
}

const b64 = (b: Buffer) => b.toString('base64');

/** Checkpoints and proofs as the API and CLI serve them: every proof is against a signed checkpoint. */
export class LedgerIntegrityService {
  constructor(
    private readonly tree: LedgerTree,
    private readonly checkpointer: Checkpointer,
    readonly verifierKey: string,
  ) {}

  /** The latest checkpoint; issues the first one if none exists yet. */
  async latest(): Promise<StoredCheckpoint> {
    return (await this.tree.latestCheckpoint()) ?? this.checkpointer.issue();
  }

  issue(): Promise<StoredCheckpoint> {
    return this.checkpointer.issue();
  }

  list(): Promise<StoredCheckpoint[]> {
    return this.tree.checkpoints();
  }

  async checkpoint(size: number): Promise<StoredCheckpoint> {
    const found = await this.tree.checkpoint(size);
    if (!found) {
      const latest = await this.tree.latestCheckpoint();
      throw notFound(
        'CHECKPOINT_NOT_FOUND',
        latest ? msg('CHECKPOINT_NOT_FOUND.latest', { size, latest: latest.size }) : msg('CHECKPOINT_NOT_FOUND', { size }),
        'size',
      );
    }
    return found;
  }

  async inclusionProof(position: number, size?: number): Promise<InclusionProofResponse> {
    const checkpoint = size === undefined ? await this.latest() : await this.checkpoint(size);
    if (position > checkpoint.size) {
      throw invalid('position', msg('POSITION_NOT_IN_CHECKPOINT', { position, size: checkpoint.size }), 'POSITION_NOT_IN_CHECKPOINT');
    }
    const [proof, [leaf]] = await Promise.all([this.tree.inclusionProof(position - 1, checkpoint.size), this.tree.leafHashes(position, 1)]);
    return {
      position,
      index: position - 1,
      size: checkpoint.size,
      leafHash: b64(leaf),
      rootHash: b64(checkpoint.rootHash),
      proof: proof.map(b64),
      checkpoint: checkpoint.note,
    };
  }

  async consistencyProof(from: number, to: number): Promise<ConsistencyProofResponse> {
    if (from > to) throw invalid('from', msg('SIZES_REVERSED', { from, to }), 'SIZES_REVERSED');
    const [a, b] = await Promise.all([this.checkpoint(from), this.checkpoint(to)]);
    const proof = from === 0 || from === to ? [] : await this.tree.consistencyProof(from, to);
    return {
      from,
      to,
      fromRootHash: b64(a.rootHash),
      toRootHash: b64(b.rootHash),
      proof: proof.map(b64),
      fromCheckpoint: a.note,
      toCheckpoint: b.note,
    };
  }
}
