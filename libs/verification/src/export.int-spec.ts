import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventHash, type RecordedEvent } from '@renja/event-store';
import { signCheckpoint, parseCheckpoint } from '@renja/integrity';
import { parseEventLine, type EventLine } from './export-format';
import { selects, type Selection } from './selection';
import { buildSampleLedger, newKey, ORIGIN, type OpenLedger } from './testing/ledger-fixture';
import { toVerifier } from './checkpoint-check';
import { inlineLeafHasher, LeafHashWorkerError, type LeafHasher } from './leaf-hash-workers';
import type { VerificationReport } from './report';
import { verifyExport } from './verify-export';
import { verifyExportInParallel } from './verify-export-parallel';
import { writeExport } from './write-export';

describe('export and offline verification of an export file', () => {
  const key = newKey();
  let ledger: OpenLedger;
  let checkpoints: number[];
  let head: number;
  let all: RecordedEvent[];
  let dir: string;

  beforeAll(async () => {
    ({ ledger, checkpoints } = await buildSampleLedger(key));
    head = await ledger.store.headPosition();
    all = await ledger.store.readAll({ limit: 10_000 });
    dir = mkdtempSync(join(tmpdir(), 'renja-export-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await ledger.drop();
  });

  let files = 0;
  async function exportTo(filter: Selection, checkpoint?: number): Promise<string> {
    const file = join(dir, `export-${++files}.jsonl`);
    const out = createWriteStream(file);
    await writeExport(ledger.pool, out, { filter, checkpoint, verifierKey: key.verifierKey, batchSize: 9 });
    out.end();
    await finished(out);
    return file;
  }
  const withoutRate = (report: VerificationReport | null) => report && { ...report, eventsPerSecond: 0 };
  /**
   * Verifies sequentially, and checks the parallel path against it: the fast pass (4 KiB chunks, three
   * in flight) accepts exactly the full exports the sequential pass accepts, with the same report, and
   * verifyExport with a hasher and a way to reopen the file reports the same as the sequential pass.
   */
  async function verify(file: string, verifierKey = key.verifierKey) {
    const sequential = await verifyExport(createReadStream(file), { verifierKey });
    const fast = await verifyExportInParallel(createReadStream(file), inlineLeafHasher(3), {
      verifier: toVerifier(verifierKey),
      parallelFrom: 0,
      chunkBytes: 4096,
    });
    expect(fast === null).toBe(!sequential.ok || sequential.partial);
    if (fast) expect(withoutRate(fast)).toEqual(withoutRate(sequential));
    const reopen = () => createReadStream(file);
    const combined = await verifyExport(reopen(), { verifierKey, reopen, parallelFrom: 0, openHasher: () => inlineLeafHasher(2) });
    expect(withoutRate(combined)).toEqual(withoutRate(sequential));
    return sequential;
  }
  const lines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n');
  /** Writes a tampered copy: `edit` gets the header and the event lines (parsed) and returns the lines to write. */
  function tampered(file: string, edit: (events: EventLine[], header: Record<string, unknown>) => object[]): string {
    const [header, ...events] = lines(file).map((l) => JSON.parse(l));
    const copy = `${file}.tampered-${++files}`;
    writeFileSync(
      copy,
      edit(events, header)
        .map((l) => `${JSON.stringify(l)}\n`)
        .join(''),
    );
    return copy;
  }

  it('writes and verifies a full export: every event, the root recomputed equals the tree root', async () => {
    const file = await exportTo('all');
    const [header, first] = lines(file).map((l) => JSON.parse(l));
    expect(header).toMatchObject({
      format: 'renja-ledger-export',
      version: 1,
      origin: ORIGIN,
      verifierKey: key.verifierKey,
      filter: 'all',
    });
    expect(first).toMatchObject({ position: 1, previousHash: '0'.repeat(64), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(first.inclusionProof).toBeUndefined();
    const root = await ledger.tree.root(head);
    const report = await verify(file);
    expect(report).toMatchObject({ ok: true, events: head, size: head, checkpointsChecked: 1, partial: false });
    expect(report.ok && report.rootHash.base64).toBe(root.toString('base64'));
  });

  it('verifies on one thread when a worker thread fails, and leaves other errors alone', async () => {
    const file = await exportTo('all');
    const failing = (error: Error): LeafHasher => ({ ...inlineLeafHasher(), hashLines: () => Promise.reject(error) });
    const reopen = () => createReadStream(file);
    const options = { verifierKey: key.verifierKey, reopen, parallelFrom: 0 };
    const report = await verifyExport(reopen(), { ...options, openHasher: () => failing(new LeafHashWorkerError('out of memory')) });
    expect(report).toMatchObject({ ok: true, events: head, partial: false });
    await expect(verifyExport(reopen(), { ...options, openHasher: () => failing(new Error('a bug')) })).rejects.toThrow('a bug');
  });

  it('exports only the events up to the chosen checkpoint', async () => {
    const size = checkpoints[1];
    const file = await exportTo('all', size);
    expect(lines(file)).toHaveLength(size + 1);
    expect(await verify(file)).toMatchObject({ ok: true, size, rootHash: { hex: (await ledger.tree.root(size)).toString('hex') } });
    await expect(exportTo('all', size + 1)).rejects.toThrow(/no checkpoint of size/);
  });

  it.each<[string, Selection]>([
    ['an office (DINKES, not DINKES-KAB)', { office: 'DINKES' }],
    ['an office whose code has a dash', { office: 'DINKES-KAB' }],
    ['a year', { year: 2023 }],
    ['an office in a year', { office: 'DKUKM', year: 2022 }],
    ['one line', { office: 'DKUKM', year: 2023, line: '2.17.07.1.01.0001' }],
  ])('writes and verifies a partial export of %s, with an inclusion proof per event', async (_, filter) => {
    const file = await exportTo(filter);
    const exported = lines(file)
      .slice(1)
      .map((l) => JSON.parse(l) as EventLine);
    const expected = all.filter((e) => selects(filter, e.streamId));
    expect(exported.map((e) => e.eventId)).toEqual(expected.map((e) => e.id));
    expect(expected.length).toBeGreaterThan(3);
    expect(exported.every((e) => Array.isArray(e.inclusionProof) && e.inclusionProof.length > 0)).toBe(true);
    const report = await verify(file);
    expect(report).toMatchObject({ ok: true, events: expected.length, size: head, partial: true, checkpointsChecked: 1 });
    expect(report.ok && report.rootHash.hex).toBe((await ledger.tree.root(head)).toString('hex'));
  });

  describe('a tampered full export', () => {
    let file: string;
    beforeAll(async () => (file = await exportTo('all')));

    it('names an edited line as modified', async () => {
      const copy = tampered(file, (events, header) => [
        header,
        ...events.map((e) => (e.position === 30 ? { ...e, metadata: { ...e.metadata, actor: 'Inspektur Tesu' } } : e)),
      ]);
      expect(await verify(copy)).toMatchObject({ ok: false, position: 30, kind: 'modified' });
    });

    it("names an edited line whose hash was recomputed as modified, through the next line's link", async () => {
      const copy = tampered(file, (events, header) => [
        header,
        ...events.map((e) => {
          if (e.position !== 30) return e;
          const edited = { ...e, data: { ...e.data, amount: '1.00' } };
          const event = parseEventLine(JSON.stringify(edited)).event!;
          return { ...edited, hash: eventHash(event, Buffer.from(e.previousHash, 'hex')).toString('hex') };
        }),
      ]);
      expect(await verify(copy)).toMatchObject({
        ok: false,
        position: 30,
        kind: 'modified',
        message: expect.stringMatching(/position 31 is chained to/),
      });
    });

    it('names a removed line as missing', async () => {
      expect(await verify(tampered(file, (events, header) => [header, ...events.filter((e) => e.position !== 12)]))).toMatchObject({
        ok: false,
        position: 12,
        kind: 'missing',
      });
      expect(await verify(tampered(file, (events, header) => [header, ...events.slice(0, -1)]))).toMatchObject({
        ok: false,
        position: head,
        kind: 'missing',
      });
    });

    it('names swapped lines as reordered, at the first of them', async () => {
      const swap = (i: number, j: number) => (events: EventLine[], header: object) => {
        const copy = [...events];
        [copy[i - 1], copy[j - 1]] = [copy[j - 1], copy[i - 1]];
        return [header, ...copy];
      };
      expect(await verify(tampered(file, swap(20, 21)))).toMatchObject({ ok: false, position: 20, kind: 'reordered' });
      expect(await verify(tampered(file, swap(20, 33)))).toMatchObject({ ok: false, position: 20, kind: 'reordered' });
    });

    it('names an added forged line as inserted: after the checkpoint, or as a second line for a position', async () => {
      const forge = (after: EventLine, position: number): EventLine => {
        const line = {
          ...after,
          position,
          eventId: 'c0ffee00-0000-4000-8000-000000000001',
          version: after.version + 1,
          previousHash: after.hash,
        };
        return { ...line, hash: eventHash(parseEventLine(JSON.stringify(line)).event!, Buffer.from(after.hash, 'hex')).toString('hex') };
      };
      expect(await verify(tampered(file, (events, header) => [header, ...events, forge(events[head - 1], head + 1)]))).toMatchObject({
        ok: false,
        position: head + 1,
        kind: 'inserted',
      });
      const middle = tampered(file, (events, header) => [header, ...events.slice(0, 24), forge(events[23], 25), ...events.slice(24)]);
      expect(await verify(middle)).toMatchObject({ ok: false, position: 25, kind: 'inserted' });
    });

    it('names a checkpoint re-signed with another key, or checked with another key, as a bad signature', async () => {
      const other = newKey(ORIGIN);
      const resigned = tampered(file, (events, header) => {
        const checkpoint = parseCheckpoint((header.checkpoint as string).split('\n\n')[0] + '\n');
        return [{ ...header, checkpoint: signCheckpoint(checkpoint, other.signer), verifierKey: other.verifierKey }, ...events];
      });
      expect(await verify(resigned)).toMatchObject({ ok: false, position: head, kind: 'bad_signature' });
      expect(await verify(file, newKey('someone.else/log').verifierKey)).toMatchObject({
        ok: false,
        position: head,
        kind: 'bad_signature',
      });
    });
  });

  describe('a tampered partial export', () => {
    let file: string;
    let positions: number[];
    beforeAll(async () => {
      file = await exportTo({ office: 'DKUKM' });
      positions = lines(file)
        .slice(1)
        .map((l) => JSON.parse(l).position);
    });
    const at = (i: number) => positions[i];

    it('names an edited line as modified, with or without its hash recomputed', async () => {
      const edit = (rehash: boolean) => (events: EventLine[], header: object) => [
        header,
        ...events.map((e) => {
          if (e.position !== at(5)) return e;
          const edited = { ...e, data: { ...e.data, amount: '1.00' } };
          return rehash
            ? {
                ...edited,
                hash: eventHash(parseEventLine(JSON.stringify(edited)).event!, Buffer.from(e.previousHash, 'hex')).toString('hex'),
              }
            : edited;
        }),
      ];
      expect(await verify(tampered(file, edit(false)))).toMatchObject({ ok: false, position: at(5), kind: 'modified' });
      expect(await verify(tampered(file, edit(true)))).toMatchObject({
        ok: false,
        position: at(5),
        kind: 'modified',
        message: expect.stringMatching(/not in the checkpoint's tree/),
      });
    });

    it('names a removed line as missing, at the next event of its stream', async () => {
      const events = lines(file)
        .slice(1)
        .map((l) => JSON.parse(l) as EventLine);
      const removed = events.find((e) => e.version === 2)!;
      const next = events.find((e) => e.streamId === removed.streamId && e.version === 3)!;
      expect(
        await verify(tampered(file, (ev, header) => [header, ...ev.filter((e) => e !== ev.find((x) => x.eventId === removed.eventId))])),
      ).toMatchObject({
        ok: false,
        position: next.position,
        kind: 'missing',
      });
    });

    it('names swapped lines as reordered, and a line from outside the selection as inserted', async () => {
      const swapped = tampered(file, (events, header) => [header, ...events.slice(0, 3), events[4], events[3], ...events.slice(5)]);
      expect(await verify(swapped)).toMatchObject({ ok: false, position: at(3), kind: 'reordered' });
      // Another office's event, placed where its position belongs, with a forged stream id of that office.
      const foreign = all.find((e) => e.streamId.startsWith('line-2022-DINKES-KAB-') && e.position > at(0))!;
      const i = positions.findIndex((p) => p > foreign.position);
      const withForeign = tampered(file, (events, header) => [
        header,
        ...events.slice(0, i),
        { ...events[0], position: foreign.position, streamId: foreign.streamId },
        ...events.slice(i),
      ]);
      expect(await verify(withForeign)).toMatchObject({ ok: false, position: foreign.position, kind: 'inserted' });
    });
  });
});
