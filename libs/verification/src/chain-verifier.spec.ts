import { emptyRoot, parseVerifierKey, rootFromLeafHashes, signCheckpoint } from '@renja/integrity';
import { eventHash, GENESIS_HASH, type RecordedEvent } from '@renja/event-store';
import { ChainVerifier } from './chain-verifier';
import { reportIn, type LedgerEntry } from './report';
import { selects, validateFilter } from './selection';
import { newKey, ORIGIN } from './testing/ledger-fixture';

/** An in-memory log of n events over three streams, with the hashes the ledger would store. */
function log(n: number): LedgerEntry[] {
  const versions = new Map<string, number>();
  let previous: Buffer = GENESIS_HASH;
  return Array.from({ length: n }, (_, i) => {
    const streamId = `line-2022-DKUKM-2.17.07.1.01.000${i % 3}`;
    const version = (versions.get(streamId) ?? 0) + 1;
    versions.set(streamId, version);
    const event: RecordedEvent = {
      position: i + 1,
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      streamId,
      version,
      type: 'pagu.changed',
      schemaVersion: 1,
      data: { amount: `${i}.00` },
      metadata: { actor: 'test', correlationId: 'c' },
      recordedAt: `2024-01-01T00:00:${String(i).padStart(2, '0')}.000000Z`,
    };
    const hash = eventHash(event, previous);
    const entry = { position: i + 1, event, hash, previousHash: previous };
    previous = hash;
    return entry;
  });
}

describe('ChainVerifier (in memory)', () => {
  const key = newKey();
  const verifier = parseVerifierKey(key.verifierKey);
  const entries = log(20);
  const rootAt = (size: number) => rootFromLeafHashes(entries.slice(0, size).map((e) => e.hash!));
  const note = (size: number) => signCheckpoint({ origin: ORIGIN, size, rootHash: size === 0 ? emptyRoot() : rootAt(size) }, key.signer);

  function run(list: LedgerEntry[], checkpoints: Array<{ note: string; size?: number; rootHash?: Buffer }> = [], end = {}) {
    const core = new ChainVerifier(verifier, { clock: () => 0 });
    checkpoints.forEach((c) => core.addCheckpoint(c));
    for (const e of list) if (core.push(e)) break;
    return core.finish(end);
  }

  it('accepts the honest log, checking every checkpoint at its size, the empty one included', () => {
    const report = run(
      entries,
      [0, 5, 8, 20].map((size) => ({ note: note(size) })),
      { size: 20, lastHash: entries[19].hash!, peaks: undefined },
    );
    expect(report).toMatchObject({
      ok: true,
      events: 20,
      size: 20,
      checkpointsChecked: 4,
      signedSize: 20,
      rootHash: { hex: rootAt(20).toString('hex') },
    });
    expect(run([], [{ note: note(0) }])).toMatchObject({
      ok: true,
      size: 0,
      checkpointsChecked: 1,
      rootHash: { hex: emptyRoot().toString('hex') },
    });
  });

  it('names a stream version out of sequence as reordered even when the times are in order', () => {
    const list = entries.map((e) => (e.position === 7 ? { ...e, event: { ...e.event!, version: e.event!.version + 1 } } : e));
    expect(run(list)).toMatchObject({
      ok: false,
      position: 7,
      kind: 'reordered',
      message: expect.stringMatching(/version 4 of stream .* previous version is 2/),
    });
  });

  it('says a finding in Bahasa Indonesia or English from one catalogue entry, the reason nested in it', () => {
    const list = entries.map((e) => (e.position === 7 ? { ...e, event: { ...e.event!, version: e.event!.version + 1 } } : e));
    const report = run(list);
    if (report.ok) throw new Error('the moved version was accepted');
    expect(report.detail).toMatchObject({ key: 'VERIFY.out_of_order', params: { position: 7, why: { key: 'VERIFY_WHY.version' } } });
    const stream = list[6].event!.streamId;
    expect(reportIn(report, 'id').message).toBe(
      `peristiwa pada posisi 7 tidak berada di urutannya: peristiwa itu versi 4 dari stream ${stream}, yang versi sebelumnya 2`,
    );
    expect(reportIn(report, 'en').message).toBe(report.message);
    expect(report.message).toBe(
      `the event at position 7 is out of order: it is version 4 of stream ${stream}, whose previous version is 2`,
    );
    const changed = run(entries.map((e) => (e.position === 4 ? { ...e, event: { ...e.event!, data: { amount: '1.00' } } } : e)));
    if (changed.ok) throw new Error('the changed event was accepted');
    expect(changed).toMatchObject({ position: 4, kind: 'modified' });
    expect(reportIn(changed, 'id').message).toMatch(
      /^peristiwa pada posisi 4 tidak menghasilkan hash yang dinyatakan untuknya \([0-9a-f]{64}\): isinya telah diubah$/,
    );
    const honest = run(entries);
    expect(reportIn(honest, 'id')).toBe(honest);
  });

  it('names an altered previousHash field as modified although the event itself is intact', () => {
    const list = entries.map((e) => (e.position === 9 ? { ...e, previousHash: Buffer.alloc(32, 1) } : e));
    expect(run(list)).toMatchObject({ ok: false, position: 9, kind: 'modified' });
  });

  it('holds a checkpoint row to its signed note: size and root columns', () => {
    expect(run(entries, [{ note: note(5), size: 6 }])).toMatchObject({ ok: false, position: 6, kind: 'root_mismatch' });
    expect(run(entries, [{ note: note(5), rootHash: Buffer.alloc(32) }])).toMatchObject({ ok: false, position: 5, kind: 'root_mismatch' });
  });

  it('holds the log to the head it claims: size, last hash and Merkle peaks', () => {
    expect(run(entries, [], { size: 21 })).toMatchObject({ ok: false, position: 21, kind: 'missing' });
    expect(run(entries, [], { size: 19 })).toMatchObject({ ok: false, position: 20, kind: 'inserted' });
    expect(run(entries, [], { lastHash: entries[18].hash })).toMatchObject({ ok: false, position: 20, kind: 'modified' });
    expect(run(entries, [], { peaks: [rootAt(16)] })).toMatchObject({ ok: false, position: 20, kind: 'root_mismatch' });
  });

  it('refuses a checkpoint queued after the log passed its size (a caller bug, not a ledger fault)', () => {
    const core = new ChainVerifier(verifier);
    entries.slice(0, 5).forEach((e) => core.push(e));
    expect(() => core.addCheckpoint({ note: note(2) })).toThrow(/after the verifier passed it/);
  });

  it('takes hashes checked elsewhere (acceptVerified) to the same report, and never mixes them with push', () => {
    const pushed = new ChainVerifier(verifier, { maxSize: 20, clock: () => 0 });
    const accepted = new ChainVerifier(verifier, { maxSize: 20, clock: () => 0 });
    for (const c of [note(8), note(20)]) {
      pushed.addCheckpoint({ note: c });
      accepted.addCheckpoint({ note: c });
    }
    for (const e of entries) pushed.push(e);
    for (const e of entries) expect(accepted.acceptVerified(e.position, e.hash!)).toBeNull();
    expect(accepted.lastHash).toEqual(entries[19].hash);
    expect(accepted.finish()).toEqual(pushed.finish());
    expect(() => accepted.push(entries[0])).toThrow(/push after acceptVerified/);
  });

  it('fails acceptVerified on a wrong position, a position beyond the checkpoint, or a root that does not match', () => {
    const gap = new ChainVerifier(verifier);
    expect(gap.acceptVerified(2, entries[1].hash!)).toMatchObject({ position: 1, kind: 'missing' });
    const beyond = new ChainVerifier(verifier, { maxSize: 1 });
    beyond.acceptVerified(1, entries[0].hash!);
    expect(beyond.acceptVerified(2, entries[1].hash!)).toMatchObject({ position: 2, kind: 'inserted' });
    const rewritten = new ChainVerifier(verifier);
    rewritten.addCheckpoint({ note: note(2) });
    rewritten.acceptVerified(1, entries[0].hash!);
    expect(rewritten.acceptVerified(2, entries[2].hash!)).toMatchObject({ position: 2, kind: 'root_mismatch' });
  });
});

describe('export selections', () => {
  it('match streams exactly, office codes with dashes included', () => {
    expect(selects({ office: 'DINKES' }, 'office-DINKES')).toBe(true);
    expect(selects({ office: 'DINKES' }, 'line-2022-DINKES-1.02.02')).toBe(true);
    expect(selects({ office: 'DINKES' }, 'line-2022-DINKES-KAB-1.02.02')).toBe(false);
    expect(selects({ office: 'DINKES-KAB' }, 'line-2022-DINKES-KAB-1.02.02')).toBe(true);
    expect(selects({ office: 'DINKES', year: 2022 }, 'office-DINKES')).toBe(false);
    expect(selects({ year: 2023 }, 'line-2022-DINKES-1.02.02')).toBe(false);
    expect(selects({ office: 'A', year: 2022, line: '1.02' }, 'line-2022-A-1.02')).toBe(true);
    expect(selects({ office: 'A', year: 2022, line: '1.02' }, 'line-2022-A-1.02.01')).toBe(false);
  });

  it('refuse filters that cannot be matched exactly', () => {
    expect(() => validateFilter({})).toThrow(/needs an office, a year or a line/);
    expect(() => validateFilter({ line: '1.02' })).toThrow(/needs its office and year/);
    expect(() => validateFilter({ office: "x'%" })).toThrow(/bad office code/);
  });
});
