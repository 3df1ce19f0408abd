import { msg } from '@renja/domain/shared/messages/message';
import { MerkleAccumulator, type NoteVerifier } from '@renja/integrity';
import type { RecordedEvent } from '@renja/event-store';
// Deep import: the package index also loads the EventStoreDB client, which the CLI's verify does not need.
import { eventHash, GENESIS_HASH } from '@renja/event-store/integrity/event-hash';
import { eventHashOfJsonbText } from './jsonb-canonical';
import { claimedSize, isFailure, openTrustedCheckpoint } from './checkpoint-check';
import { outOfOrder, StreamVersions } from './ordering';
import {
  failure,
  hex,
  monotonicMs,
  success,
  type CheckpointEntry,
  type Clock,
  type LedgerEntry,
  type VerificationFailure,
  type VerificationReport,
} from './report';

/** What the source says the log ends with (the database's ledger_head), checked after the last event. */
export interface ExpectedEnd {
  size?: number;
  lastHash?: Buffer;
  peaks?: Buffer[];
}

export interface ChainVerifierOptions {
  /** Entries beyond this position were never signed (an export stops at its checkpoint). */
  maxSize?: number;
  clock?: Clock;
}

/**
 * The streaming verifier of a whole log (docs/verification.md, "Verifying"). Entries are pushed
 * in position order; each is checked against the previous one (every link, not just the ends),
 * its hash is folded into an RFC 6962 accumulator, and every checkpoint is checked when the
 * running size reaches it. Memory: O(log n) peaks, one entry of look-ahead, one number per stream.
 * The look-ahead lets a failure be named precisely (a swap from a gap, a duplicate from an edit).
 */
export class ChainVerifier {
  private readonly tree = new MerkleAccumulator();
  private readonly versions = new StreamVersions();
  private readonly checkpoints: CheckpointEntry[] = [];
  private readonly started: number;
  private previousHash: Buffer = GENESIS_HASH;
  private previous: RecordedEvent | null = null;
  private pending: LedgerEntry | null = null;
  private failed: VerificationFailure | null = null;
  private checked = 0;
  private signedSize = 0;
  /** Set once acceptVerified is used: the ordering state that names failures is then incomplete. */
  private hashesOnly = false;

  constructor(
    private readonly verifier: NoteVerifier,
    private readonly options: ChainVerifierOptions = {},
  ) {
    this.started = (options.clock ?? monotonicMs)();
  }

  get size(): number {
    return this.tree.size;
  }

  /** The hash of the last position taken (32 zero bytes before the first). */
  get lastHash(): Buffer {
    return this.previousHash;
  }

  /** Queues a checkpoint; checkpoints must come in increasing size, before the log passes their size. */
  addCheckpoint(checkpoint: CheckpointEntry): VerificationFailure | null {
    const size = checkpoint.size ?? claimedSize(checkpoint.note);
    if (size < this.tree.size) throw new Error(`checkpoint of size ${size} added after the verifier passed it (at ${this.tree.size})`);
    this.checkpoints.push({ ...checkpoint, size });
    this.failed ??= this.settle();
    return this.failed;
  }

  /** Feeds the next entry; returns the first failure once one is found (then stop feeding). */
  push(entry: LedgerEntry): VerificationFailure | null {
    if (this.failed) return this.failed;
    if (this.hashesOnly) throw new Error('push after acceptVerified: a verifier fed verified hashes cannot name failures of entries');
    const current = this.pending;
    this.pending = entry;
    if (current) this.failed = this.process(current, entry);
    return this.failed;
  }

  /**
   * Takes the next position as already checked elsewhere (a worker found that its event hashes, from
   * the hash this verifier ends with, to `hash`): folds the hash into the tree and checks the
   * checkpoints it reaches. Only for a fast pass that is re-run with push() when anything fails: the
   * stream versions and previous event that name a failure precisely are not kept.
   */
  acceptVerified(position: number, hash: Buffer): VerificationFailure | null {
    if (this.failed) return this.failed;
    if (this.pending) throw new Error('acceptVerified after push: entries must come one way only');
    this.hashesOnly = true;
    if (this.options.maxSize !== undefined && position > this.options.maxSize) {
      this.failed = failure(position, 'inserted', msg('VERIFY.beyond_checkpoint', { position, size: this.options.maxSize }));
    } else if (position !== this.tree.size + 1) {
      this.failed = failure(this.tree.size + 1, 'missing', msg('VERIFY.unexpected_position', { position, expected: this.tree.size + 1 }));
    } else {
      this.previousHash = hash;
      this.tree.append(hash);
      this.failed = this.settle();
    }
    return this.failed;
  }

  finish(end: ExpectedEnd = {}): VerificationReport {
    if (!this.failed && this.pending) this.failed = this.process(this.pending, null);
    this.pending = null;
    this.failed ??= this.checkEnd(end);
    if (this.failed) return this.failed;
    const seconds = ((this.options.clock ?? monotonicMs)() - this.started) / 1000;
    const fields = {
      events: this.tree.size,
      size: this.tree.size,
      checkpointsChecked: this.checked,
      signedSize: this.signedSize,
      partial: false,
    };
    return success(fields, this.tree.root(), seconds);
  }

  private process(entry: LedgerEntry, next: LedgerEntry | null): VerificationFailure | null {
    const position = this.tree.size + 1;
    if (this.options.maxSize !== undefined && entry.position > this.options.maxSize) {
      return failure(entry.position, 'inserted', msg('VERIFY.beyond_checkpoint', { position: entry.position, size: this.options.maxSize }));
    }
    if (entry.position !== position) return this.outOfPlace(entry, next, position);
    if (next?.position === position) return failure(position, 'inserted', msg('VERIFY.two_entries', { position }));
    if (!entry.event) return failure(position, 'missing', msg('VERIFY.hash_without_event', { position }));
    if (!entry.hash) return failure(position, 'inserted', msg('VERIFY.event_without_hash', { position }));
    // The hash from the jsonb text when it can be made from it; eventHash over the parsed event decides otherwise.
    let computed = entry.json ? eventHashOfJsonbText(entry.event, entry.json.data, entry.json.metadata, this.previousHash) : null;
    if (computed === null || !computed.equals(entry.hash)) computed = eventHash(entry.event, this.previousHash);
    if (!computed.equals(entry.hash)) return this.mismatch(entry as LedgerEntry & { event: RecordedEvent; hash: Buffer }, next);
    if (entry.previousHash && !entry.previousHash.equals(this.previousHash)) {
      return failure(
        position,
        'modified',
        msg('VERIFY.previous_hash_field', { claimed: hex(entry.previousHash), previous: position - 1, hash: hex(this.previousHash) }),
      );
    }
    this.previousHash = computed;
    this.previous = entry.event;
    this.versions.record(entry.event);
    this.tree.append(computed);
    return this.settle();
  }

  /** A position other than the next one: a duplicate, a swapped entry, or a gap. */
  private outOfPlace(entry: LedgerEntry, next: LedgerEntry | null, position: number): VerificationFailure {
    if (entry.position < position)
      return failure(entry.position, 'inserted', msg('VERIFY.appears_again', { position: entry.position, after: position - 1 }));
    const later = next?.event && entry.event && next.event.recordedAt < entry.event.recordedAt;
    if (next && (next.position < entry.position || later)) {
      return failure(position, 'reordered', msg('VERIFY.misplaced', { position: entry.position, expected: position, next: next.position }));
    }
    return failure(position, 'missing', msg('VERIFY.absent', { position, next: entry.position }));
  }

  /** The event does not hash to its claimed hash: moved, or changed (itself, or its predecessor with its hash). */
  private mismatch(entry: LedgerEntry & { event: RecordedEvent; hash: Buffer }, next: LedgerEntry | null): VerificationFailure {
    const { event, position } = entry;
    const moved = outOfOrder(event, this.previous, next?.event ?? null, this.versions.of(event.streamId));
    if (moved) return failure(position, 'reordered', msg('VERIFY.out_of_order', { position, why: moved }));
    const chainedTo = entry.previousHash;
    if (chainedTo && !chainedTo.equals(this.previousHash) && eventHash(event, chainedTo).equals(entry.hash)) {
      // The entry itself is intact but was chained to another hash: its predecessor was rewritten, hash and all.
      return failure(
        position - 1,
        'modified',
        msg('VERIFY.chained_elsewhere', { position, chainedTo: hex(chainedTo), previous: position - 1, hash: hex(this.previousHash) }),
      );
    }
    // The database keeps no previous hash per event: a stored hash that no longer follows from its
    // predecessor's means this event changed, or its predecessor was rewritten together with its hash.
    const stored = chainedTo === undefined;
    const hash = hex(entry.hash);
    if (!stored) return failure(position, 'modified', msg('VERIFY.changed_claimed', { position, hash }));
    if (position === 1) return failure(position, 'modified', msg('VERIFY.changed_stored', { position, hash }));
    return failure(position, 'modified', msg('VERIFY.changed_stored_or_previous', { position, hash, previous: position - 1 }));
  }

  /** Checks every queued checkpoint whose size the log has now reached. */
  private settle(): VerificationFailure | null {
    while (this.checkpoints.length > 0 && this.checkpoints[0].size === this.tree.size) {
      const entry = this.checkpoints.shift()!;
      const size = entry.size!;
      const signed = openTrustedCheckpoint(entry.note, this.verifier, size);
      if (isFailure(signed)) return signed;
      if (signed.size !== size) return failure(size, 'root_mismatch', msg('VERIFY.checkpoint_size', { size, signed: signed.size }));
      if (!signed.rootHash.equals(this.tree.root())) {
        return failure(
          size,
          'root_mismatch',
          msg('VERIFY.checkpoint_root', { size, root: hex(signed.rootHash), computed: hex(this.tree.root()) }),
        );
      }
      if (entry.rootHash && !entry.rootHash.equals(signed.rootHash)) {
        return failure(size, 'root_mismatch', msg('VERIFY.stored_root', { size, root: hex(entry.rootHash) }));
      }
      this.checked += 1;
      this.signedSize = size;
    }
    return null;
  }

  private checkEnd(end: ExpectedEnd): VerificationFailure | null {
    const size = this.tree.size;
    // A queued checkpoint is always beyond the size reached: settle() took every one the log reached.
    const unreached = this.checkpoints[0];
    if (unreached)
      return failure(
        size + 1,
        'missing',
        msg('VERIFY.log_short_of_checkpoint', { size, signed: unreached.size ?? claimedSize(unreached.note) }),
      );
    if (end.size !== undefined && end.size > size)
      return failure(size + 1, 'missing', msg('VERIFY.log_short_of_head', { size, head: end.size }));
    if (end.size !== undefined && end.size < size)
      return failure(end.size + 1, 'inserted', msg('VERIFY.beyond_head', { position: end.size + 1, head: end.size }));
    if (end.lastHash && !end.lastHash.equals(this.previousHash)) {
      return failure(size, 'modified', msg('VERIFY.head_last_hash', { claimed: hex(end.lastHash), size, hash: hex(this.previousHash) }));
    }
    const peaks = this.tree.state().peaks;
    if (end.peaks && (end.peaks.length !== peaks.length || end.peaks.some((p, i) => !p.equals(peaks[i])))) {
      return failure(size, 'root_mismatch', msg('VERIFY.head_peaks', { size }));
    }
    return null;
  }
}
