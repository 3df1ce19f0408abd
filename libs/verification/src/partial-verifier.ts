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
      if (moved) return failure(position, 'reordered', `the event at position ${position} is out of order: ${moved}`);
      return failure(
        position,
        'modified',
        `the event at position ${position} does not hash to its claimed hash ${hex(hash)}: it was changed`,
      );
    }
    if (this.previous?.position === position - 1 && !e.previousHash.equals(this.previousHash!)) {
      return failure(
        position - 1,
        'modified',
        `position ${position} is chained to ${hex(e.previousHash)}, but position ${position - 1} hashes to ${hex(this.previousHash)}`,
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
        return failure(position, 'inserted', `a second version ${event.version} of stream ${event.streamId}, not in the signed tree`);
      return failure(
        position,
        'modified',
        `the event at position ${position} is not in the checkpoint's tree: ${(error as Error).message}`,
      );
    }
    if (event.version <= last) return failure(position, 'inserted', `version ${event.version} of stream ${event.streamId} appears again`);
    if (event.version > last + 1) {
      const range = last + 1 === event.version - 1 ? `version ${last + 1}` : `versions ${last + 1}-${event.version - 1}`;
      return failure(
        position,
        'missing',
        `${range} of stream ${event.streamId} ${last + 1 === event.version - 1 ? 'is' : 'are'} missing before position ${position}`,
      );
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
      return failure(
        position,
        'inserted',
        `position ${position} is beyond the checkpoint (size ${this.checkpoint.size}): it was never signed`,
      );
    if (position === last || next?.position === position) return failure(position, 'inserted', `two lines claim position ${position}`);
    if (position < last) return failure(position, 'reordered', `position ${position} comes after position ${last}`);
    if (next && next.position < position)
      return failure(next.position, 'reordered', `position ${next.position} comes after position ${position}`);
    if (!entry.event || !entry.hash || !entry.previousHash)
      return failure(position, 'modified', `the line of position ${position} lacks its event, hash or previous hash`);
    if (!this.selected(entry.event.streamId))
      return failure(position, 'inserted', `stream ${entry.event.streamId} is not part of this export's selection`);
    return null;
  }
}
