import { msg } from '@renja/domain/shared/messages/message';
import { verifyInclusion } from '@renja/integrity';
import type { RecordedEvent } from '@renja/event-store';
import { eventHash } from '@renja/event-store/integrity/event-hash';
import type { TrustedCheckpoint } from './checkpoint-check';
import { outOfOrder, StreamVersions } from './ordering';
import {
  failure,
  hex,
  monotonicMs,
  success,
  type Clock,
  type LedgerEntry,
  type VerificationFailure,
  type VerificationReport,
} from './report';

type Checked = LedgerEntry & { event: RecordedEvent; hash: Buffer; previousHash: Buffer };

/**
 * Verifies the events of a partial export (one office, year or line) against a signed checkpoint:
 * each event's hash is recomputed from its content and the previous hash it claims, that claim is
 * checked against the preceding line whenever the two positions are consecutive, and each hash
 * must be proven in the checkpoint's tree by its inclusion proof. Whole streams are exported, so
 * each stream's versions must run 1, 2, 3, ... — which is how a removed line is noticed.
 * The caller has already checked the checkpoint's signature.
 */
export class PartialVerifier {
  private readonly versions = new StreamVersions();
  private readonly started: number;
  private previous: RecordedEvent | null = null;
  private previousHash: Buffer | null = null;
  private pending: LedgerEntry | null = null;
  private failed: VerificationFailure | null = null;
  private events = 0;

  constructor(
    private readonly checkpoint: TrustedCheckpoint,
    private readonly selected: (streamId: string) => boolean,
    private readonly clock: Clock = monotonicMs,
  ) {
    this.started = clock();
  }

  push(entry: LedgerEntry): VerificationFailure | null {
    if (this.failed) return this.failed;
    const current = this.pending;
    this.pending = entry;
    if (current) this.failed = this.process(current, entry);
    return this.failed;
  }

  finish(): VerificationReport {
    if (!this.failed && this.pending) this.failed = this.process(this.pending, null);
    this.pending = null;
    if (this.failed) return this.failed;
    const { size, rootHash } = this.checkpoint;
    const fields = { events: this.events, size, checkpointsChecked: 1, signedSize: size, partial: true };
    return success(fields, rootHash, (this.clock() - this.started) / 1000);
  }

  private process(entry: LedgerEntry, next: LedgerEntry | null): VerificationFailure | null {
    const placed = this.placement(entry, next);
    if (placed) return placed;
    const e = entry as Checked;
    const { position, event, hash } = e;
    const computed = eventHash(event, e.previousHash);
    if (!computed.equals(hash)) {
      // No version rule here: in a partial export a version gap means a removed line, reported below.
      const moved = outOfOrder(event, this.previous, next?.event ?? null);
      if (moved) return failure(position, 'reordered', msg('VERIFY.out_of_order', { position, why: moved }));
      return failure(position, 'modified', msg('VERIFY.changed_claimed', { position, hash: hex(hash) }));
    }
    if (this.previous?.position === position - 1 && !e.previousHash.equals(this.previousHash!)) {
      return failure(
        position - 1,
        'modified',
        msg('VERIFY.chained_elsewhere', { position, chainedTo: hex(e.previousHash), previous: position - 1, hash: hex(this.previousHash) }),
      );
    }
    const last = this.versions.of(event.streamId);
    try {
      verifyInclusion({
        index: position - 1,
        size: this.checkpoint.size,
        leafHash: hash,
        proof: e.inclusionProof ?? [],
        root: this.checkpoint.rootHash,
      });
    } catch (error) {
      if (event.version <= last)
        return failure(position, 'inserted', msg('VERIFY.second_version', { version: event.version, stream: event.streamId }));
      return failure(position, 'modified', msg('VERIFY.not_in_tree', { position, detail: (error as Error).message }));
    }
    if (event.version <= last)
      return failure(position, 'inserted', msg('VERIFY.version_again', { version: event.version, stream: event.streamId }));
    if (event.version > last + 1) {
      const stream = event.streamId;
      const gap =
        last + 1 === event.version - 1
          ? msg('VERIFY.version_missing', { version: last + 1, stream, position })
          : msg('VERIFY.versions_missing', { from: last + 1, to: event.version - 1, stream, position });
      return failure(position, 'missing', gap);
    }
    this.versions.record(event);
    this.previous = event;
    this.previousHash = hash;
    this.events += 1;
    return null;
  }

  /** Position order, duplicates, the checkpoint's bound and the selection: where a line may stand at all. */
  private placement(entry: LedgerEntry, next: LedgerEntry | null): VerificationFailure | null {
    const { position } = entry;
    const last = this.previous?.position ?? 0;
    if (position > this.checkpoint.size)
      return failure(position, 'inserted', msg('VERIFY.beyond_checkpoint', { position, size: this.checkpoint.size }));
    if (position === last || next?.position === position) return failure(position, 'inserted', msg('VERIFY.two_lines', { position }));
    if (position < last) return failure(position, 'reordered', msg('VERIFY.comes_after', { position, after: last }));
    if (next && next.position < position)
      return failure(next.position, 'reordered', msg('VERIFY.comes_after', { position: next.position, after: position }));
    if (!entry.event || !entry.hash || !entry.previousHash)
      return failure(position, 'modified', msg('VERIFY.line_incomplete', { position }));
    if (!this.selected(entry.event.streamId))
      return failure(position, 'inserted', msg('VERIFY.not_selected', { stream: entry.event.streamId }));
    return null;
  }
}
