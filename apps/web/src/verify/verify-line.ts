/**
 * Verifies the evidence of one budget line (a partial export, docs/verification.md §4–§5) in the
 * browser: the checkpoint note against the PINNED verifier key (never the header's), then for each
 * event its order in the stream, its leaf hash recomputed from its content, and the inclusion proof
 * of that recomputed hash in the checkpoint's tree. Every check becomes a step; nothing throws.
 */
import { fromBase64, isHash64, toBase64, toHex } from './bytes';
import { verifyInclusion } from './inclusion';
import { eventHash, type EvidenceEvent } from './leaf';
import { claimedCheckpoint, NoteError, openCheckpoint, parseVerifierKey, type Checkpoint, type VerifierKey } from './note';

export type { EvidenceEvent } from './leaf';

export interface EvidenceHeader {
  format: string;
  version: number;
  origin: string;
  /** Informational only: the key the server says signed. The verifier uses the pinned key. */
  verifierKey: string;
  /** The signed checkpoint note (C2SP signed note, tlog-checkpoint body). */
  checkpoint: string;
  filter: 'all' | { office?: string; year?: number; line?: string };
}

/** GET /api/v1/years/{y}/offices/{o}/lines/{code}/evidence: the lines of a partial export, parsed. */
export interface LineEvidence {
  header: EvidenceHeader;
  events: EvidenceEvent[];
  /** Events appended after the checkpoint (not signed yet), as the server counts them. */
  pending?: number;
}

export type StepKind = 'signature' | 'leaf' | 'inclusion' | 'order';

export interface VerificationStep {
  kind: StepKind;
  position?: number | undefined;
  ok: boolean;
  /** Short English; the UI translates by kind and reason. */
  detail: string;
  /** Machine-readable cause: 'verified', 'hash-mismatch', 'root-mismatch', 'bad-signature', ... */
  reason: string;
  /** Leaf: the stored hash (hex). Inclusion: the checkpoint root (base64). */
  expected?: string | undefined;
  /** Leaf: the recomputed hash (hex). Inclusion: the root the proof leads to (base64). */
  computed?: string | undefined;
}

export interface LineVerification {
  ok: boolean;
  /** The checkpoint the evidence is checked against; only trustworthy when the signature step is ok. */
  checkpoint: { origin: string; size: number; rootBase64: string; keyId: string };
  steps: VerificationStep[];
  /** Event lines in the evidence. */
  events: number;
  firstFailure?: Omit<VerificationStep, 'ok'>;
  pending?: number;
}

const EXPORT_FORMAT = 'renja-ledger-export';

export async function verifyLineEvidence(evidence: LineEvidence, pinnedVerifierKey: string): Promise<LineVerification> {
  const header = evidence?.header;
  const events = Array.isArray(evidence?.events) ? evidence.events : [];
  const steps: VerificationStep[] = [];
  const claimed = typeof header?.checkpoint === 'string' ? claimedCheckpoint(header.checkpoint) : undefined;
  const summary = { origin: claimed?.origin ?? '', size: claimed?.size ?? 0, rootBase64: claimed ? toBase64(claimed.root) : '', keyId: '' };
  const finish = (): LineVerification => {
    const failed = steps.find((s) => !s.ok);
    return {
      ok: failed === undefined,
      checkpoint: summary,
      steps,
      events: events.length,
      ...(failed && { firstFailure: withoutOk(failed) }),
      ...(typeof evidence?.pending === 'number' && { pending: evidence.pending }),
    };
  };

  // 1. The checkpoint, with the pinned key.
  let key: VerifierKey;
  let checkpoint: Checkpoint;
  try {
    key = await parseVerifierKey(pinnedVerifierKey);
    summary.keyId = key.keyId;
    if (header?.format !== EXPORT_FORMAT || header.version !== 1 || typeof header.checkpoint !== 'string') {
      throw new NoteError('malformed-note', `not a ${EXPORT_FORMAT} version 1 header with a checkpoint`);
    }
    checkpoint = await openCheckpoint(header.checkpoint, key);
  } catch (error) {
    const reason = error instanceof NoteError ? error.reason : 'error';
    const other = typeof header?.verifierKey === 'string' && header.verifierKey.trim() !== pinnedVerifierKey.trim();
    const detail = `checkpoint not verified with the pinned key: ${(error as Error).message}${other ? ' (the evidence names another key)' : ''}`;
    steps.push({ kind: 'signature', position: claimed?.size, ok: false, reason, detail });
    return finish();
  }
  Object.assign(summary, { origin: checkpoint.origin, size: checkpoint.size, rootBase64: toBase64(checkpoint.root) });
  steps.push({
    kind: 'signature',
    position: checkpoint.size,
    ok: true,
    reason: 'verified',
    detail: `checkpoint of size ${checkpoint.size} signed by ${key.name}+${key.keyId}`,
  });

  // 2. The stream the filter names.
  const filter = header.filter;
  if (
    typeof filter !== 'object' ||
    filter === null ||
    typeof filter.office !== 'string' ||
    typeof filter.year !== 'number' ||
    typeof filter.line !== 'string'
  ) {
    steps.push({
      kind: 'order',
      ok: false,
      reason: 'not-a-line',
      detail: 'the evidence filter does not name one line (office, year, line)',
    });
    return finish();
  }
  const stream = `line-${filter.year}-${filter.office}-${filter.line}`;

  // 3. Each event: order, leaf, inclusion.
  let lastPosition = 0;
  let lastVersion = 0;
  let previous: { position: number; hash: string } | undefined;
  for (const event of events) {
    const position = Number.isSafeInteger(event?.position) ? event.position : undefined;
    steps.push(order(event, position, stream, lastPosition, lastVersion, checkpoint.size));
    const computed = await leafStep(event, position, previous, steps);
    steps.push(await inclusionStep(event, position, computed, checkpoint));
    if (position !== undefined) lastPosition = position;
    if (Number.isSafeInteger(event?.version)) lastVersion = event.version;
    previous = position !== undefined && isHash64(event?.hash) ? { position, hash: event.hash } : undefined;
  }
  return finish();
}

function order(
  event: EvidenceEvent,
  position: number | undefined,
  stream: string,
  lastPosition: number,
  lastVersion: number,
  size: number,
): VerificationStep {
  const fail = (reason: string, detail: string): VerificationStep => ({ kind: 'order', position, ok: false, reason, detail });
  if (position === undefined || position < 1) return fail('bad-position', 'the line has no valid position');
  if (position <= lastPosition) return fail('position-not-increasing', `position ${position} comes after position ${lastPosition}`);
  if (position > size) return fail('beyond-checkpoint', `position ${position} is beyond the checkpoint (size ${size})`);
  if (event.streamId !== stream) return fail('foreign-stream', `stream ${String(event.streamId)} is not ${stream}`);
  if (!Number.isSafeInteger(event.version)) return fail('bad-version', 'the line has no valid version');
  if (event.version <= lastVersion) return fail('version-repeated', `version ${event.version} after version ${lastVersion}`);
  if (event.version !== lastVersion + 1) return fail('version-skipped', `version ${event.version} where ${lastVersion + 1} was expected`);
  return { kind: 'order', position, ok: true, reason: 'in-order', detail: `version ${event.version} of ${stream} at position ${position}` };
}

/** Pushes the leaf step; returns the recomputed hash (undefined when it cannot be computed). */
async function leafStep(
  event: EvidenceEvent,
  position: number | undefined,
  previous: { position: number; hash: string } | undefined,
  steps: VerificationStep[],
): Promise<Uint8Array | undefined> {
  const fail = (reason: string, detail: string, more: Partial<VerificationStep> = {}) =>
    steps.push({ kind: 'leaf', position, ok: false, reason, detail, ...more });
  if (!isHash64(event?.previousHash)) return void fail('bad-previous-hash', 'previousHash is not 64 lowercase hex digits');
  let computed: Uint8Array;
  try {
    computed = await eventHash(event);
  } catch (error) {
    return void fail('unencodable', `the event cannot be canonicalised: ${(error as Error).message}`);
  }
  const hex = toHex(computed);
  if (!isHash64(event.hash)) fail('bad-hash', 'hash is not 64 lowercase hex digits', { computed: hex });
  else if (hex !== event.hash)
    fail('hash-mismatch', 'the content does not hash to the stored hash', { expected: event.hash, computed: hex });
  else if (previous && position === previous.position + 1 && event.previousHash !== previous.hash) {
    fail('chain-broken', `previousHash is not the hash of position ${previous.position}`, {
      expected: previous.hash,
      computed: event.previousHash,
    });
  } else
    steps.push({
      kind: 'leaf',
      position,
      ok: true,
      reason: 'hash-matches',
      detail: 'the content hashes to the stored hash',
      computed: hex,
    });
  return computed;
}

async function inclusionStep(
  event: EvidenceEvent,
  position: number | undefined,
  leaf: Uint8Array | undefined,
  checkpoint: Checkpoint,
): Promise<VerificationStep> {
  const expected = toBase64(checkpoint.root);
  const fail = (reason: string, detail: string, computed?: Uint8Array): VerificationStep => ({
    kind: 'inclusion',
    position,
    ok: false,
    reason,
    detail,
    expected,
    ...(computed && { computed: toBase64(computed) }),
  });
  if (!leaf) return fail('no-leaf-hash', 'no hash could be computed for the event');
  if (position === undefined) return fail('index-out-of-range', 'the line has no valid position');
  const raw = Array.isArray(event.inclusionProof) ? event.inclusionProof : [];
  const nodes = raw.map((p) => fromBase64(p));
  if (!Array.isArray(event.inclusionProof) || nodes.some((n) => !n || n.length !== 32))
    return fail('bad-node', 'the inclusion proof is not a list of base64 32-byte hashes');
  const result = await verifyInclusion(position - 1, checkpoint.size, leaf, nodes as Uint8Array[], checkpoint.root);
  if (!result.ok)
    return fail(result.reason, `the recomputed hash is not proven in the tree of size ${checkpoint.size}: ${result.reason}`, result.root);
  return {
    kind: 'inclusion',
    position,
    ok: true,
    reason: 'included',
    detail: `proven at index ${position - 1} of ${checkpoint.size}`,
    expected,
    computed: expected,
  };
}

/** Parses the JSON Lines of an export (header first) into evidence. Throws on a line that is not JSON. */
export function parseEvidenceLines(text: string): LineEvidence {
  const [header, ...events] = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown);
  return { header: header as EvidenceHeader, events: events as EvidenceEvent[] };
}

function withoutOk(step: VerificationStep): Omit<VerificationStep, 'ok'> {
  const { ok: _ok, ...rest } = step;
  return rest;
}
