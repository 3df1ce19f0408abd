import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eventHash, GENESIS_HASH, type RecordedEvent } from '@renja/event-store';
import { eventLine } from './export-format';
import { hashLineChunk, packedRowsAreIntact, type PackedRows } from './leaf-hash-batch';
import { inlineLeafHasher, LeafHashWorkerError, LeafHashWorkers } from './leaf-hash-workers';

/** Five chained events of two streams, with their hashes. */
function chain(count = 5): { events: RecordedEvent[]; hashes: Buffer[] } {
  const events: RecordedEvent[] = [];
  const hashes: Buffer[] = [];
  let previous: Buffer = GENESIS_HASH;
  for (let p = 1; p <= count; p++) {
    const event: RecordedEvent = {
      position: p,
      id: `0d9c8a52-4f7b-4c1e-9a3d-${String(p).padStart(12, '0')}`,
      streamId: `line-2022-DKUKM-2.17.07.1.01.000${p % 2}`,
      version: Math.ceil(p / 2),
      type: 'pagu.changed',
      schemaVersion: 1,
      data: { phase: 'APBD', amount: `65302779${p}.00`, fundingSource: 'DAU', operation: 'set', outputs: [{ n: p, ok: true }] },
      metadata: {
        actor: 'Siti (BPKAD)',
        correlationId: 'c',
        causationId: null,
        effectiveDate: '2022-01-03',
        legalBasis: { number: '10 Tahun 2021', kind: 'Perda', date: '2021-12-30' },
        reason: 'ü "quoted"\n',
      },
      recordedAt: `2022-01-03T01:15:02.00000${p}Z`,
    };
    const hash = eventHash(event, previous);
    events.push(event);
    hashes.push(hash);
    previous = hash;
  }
  return { events, hashes };
}

const fresh = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
const previousOf = (hashes: Buffer[], i: number): Buffer => (i === 0 ? GENESIS_HASH : hashes[i - 1]);

function exportLines(from = 0, to = 5): string[] {
  const { events, hashes } = chain();
  return events.slice(from, to).map((e, k) => JSON.stringify(eventLine(e, previousOf(hashes, from + k), hashes[from + k])));
}

/** Rows as PostgreSQL packs them (json_build_array per row); `edit` may change a row before it is packed. */
function rowBatch(from = 0, to = 5, edit: (rows: unknown[][]) => void = () => undefined): PackedRows {
  const { events, hashes } = chain();
  const rows = events
    .slice(from, to)
    .map((e) => [e.position, e.id, e.streamId, e.version, e.type, e.schemaVersion, e.data, e.metadata, e.recordedAt]);
  edit(rows);
  return {
    first: from + 1,
    previousHash: new Uint8Array(previousOf(hashes, from)),
    events: JSON.stringify(rows),
    hashes: new Uint8Array(Buffer.concat(hashes.slice(from, to))),
  };
}

describe('hashLineChunk: whole export lines, all good or not', () => {
  it('returns the hashes of consecutive intact lines (blank lines skipped), and where they start', () => {
    const { hashes } = chain();
    const result = hashLineChunk(fresh(`${exportLines(2, 5).join('\n\n')}\n`));
    expect(result).toEqual({ intact: true, count: 3, first: 3, previousHash: new Uint8Array(hashes[1]), hashes: expect.anything() });
    expect(result.intact && Buffer.from(result.hashes)).toEqual(Buffer.concat(hashes.slice(2, 5)));
    expect(hashLineChunk(fresh('\n'))).toMatchObject({ intact: true, count: 0 });
  });

  it.each<[string, (lines: string[]) => string[]]>([
    ['a changed amount', (l) => [l[0], l[1].replace('653027792.00', '653027793.00'), ...l.slice(2)]],
    ['a removed line', (l) => [l[0], ...l.slice(2)]],
    ['two swapped lines', (l) => [l[0], l[2], l[1], ...l.slice(3)]],
    [
      'a line chained to another hash',
      (l) => [l[0], l[1], JSON.stringify({ ...JSON.parse(l[2]), previousHash: '0'.repeat(64) }), ...l.slice(3)],
    ],
    ['a line without its hash', (l) => [l[0], JSON.stringify({ ...JSON.parse(l[1]), hash: undefined }), ...l.slice(2)]],
    ['a line that is not JSON', (l) => [l[0], '{"position":2', ...l.slice(2)]],
    ['a carriage return (the sequential reader splits there)', (l) => [l[0], `${l[1]}\r`, ...l.slice(2)]],
  ])('answers not intact for %s', (_, edit) => {
    expect(hashLineChunk(fresh(`${exportLines().join('\n')}\n`))).toMatchObject({ intact: true, count: 5 });
    expect(hashLineChunk(fresh(`${edit(exportLines()).join('\n')}\n`))).toEqual({ intact: false });
  });
});

describe('packedRowsAreIntact: database rows against their stored hashes', () => {
  it('accepts rows that hash, each from its predecessor, to their stored hashes', () => {
    expect(packedRowsAreIntact(rowBatch())).toBe(true);
    expect(packedRowsAreIntact(rowBatch(2, 5))).toBe(true);
  });

  it.each<[string, (batch: PackedRows) => PackedRows]>([
    ['a changed amount', () => rowBatch(0, 5, (rows) => ((rows[1][6] as { amount: string }).amount = '653027793.00'))],
    ['a position given as text', () => rowBatch(0, 5, (rows) => (rows[1][0] = '2'))],
    ['a row with a column too many', () => rowBatch(0, 5, (rows) => rows[1].push(null))],
    ['a position other than the expected one', (b) => ({ ...b, first: 2 })],
    ['a hash without its event', () => rowBatch(0, 5, (rows) => (rows[3][1] = null))],
    ['the wrong hash before the batch', (b) => ({ ...b, previousHash: new Uint8Array(32).fill(1) })],
    ['a stored hash rewritten', (b) => ({ ...b, hashes: b.hashes.map((x, i) => (i === 40 ? x ^ 1 : x)) })],
    ['a hash too few', (b) => ({ ...b, hashes: b.hashes.subarray(32) })],
  ])('refuses %s', (_, edit) => {
    expect(packedRowsAreIntact(edit(rowBatch()))).toBe(false);
  });
});

describe('LeafHashWorkers', () => {
  it('is not opened without its compiled worker script (the caller then verifies on one thread)', () => {
    expect(LeafHashWorkers.open(2, join(__dirname, 'no-such-worker.js'))).toBeNull();
    expect(LeafHashWorkers.open(0)).toBeNull();
  });

  it('gives, from worker threads, the answers of the calling thread (compiled worker from npm run build)', async () => {
    const script = join(__dirname, '..', '..', '..', 'dist', 'libs', 'verification', 'src', 'leaf-hash.worker.js');
    if (!existsSync(script)) throw new Error(`${script} is missing: run npm run build first (npm test does)`);
    const workers = LeafHashWorkers.open(2, script)!;
    const inline = inlineLeafHasher();
    try {
      const good = `${exportLines().join('\n')}\n`;
      const bad = good.replace('653027792.00', '653027793.00');
      for (const text of [good, bad]) expect(await workers.hashLines(fresh(text))).toEqual(await inline.hashLines(fresh(text)));
      const broken = { ...rowBatch(), first: 2 };
      const answers = await Promise.all([rowBatch(), rowBatch(1, 4), broken].map((b) => workers.rowsIntact(b)));
      expect(answers).toEqual([true, true, false]);
    } finally {
      await workers.close();
    }
  });

  it('rejects the tasks of failed workers without unhandled rejections while the caller awaits something else', async () => {
    const script = join(__dirname, '..', '..', '..', 'dist', 'libs', 'verification', 'src', 'leaf-hash.worker.js');
    if (!existsSync(script)) throw new Error(`${script} is missing: run npm run build first (npm test does)`);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const workers = LeafHashWorkers.open(2, script)!;
    try {
      const text = `${exportLines().join('\n')}\n`;
      const tasks = Array.from({ length: 40 }, () => workers.hashLines(fresh(text)));
      const closing = workers.close(); // the workers end with tasks queued: every queued task is rejected at once
      await new Promise((resolve) => setTimeout(resolve, 200)); // the caller is busy elsewhere meanwhile
      await closing;
      const settled = await Promise.allSettled(tasks);
      expect(settled.some((s) => s.status === 'rejected')).toBe(true);
      for (const s of settled) if (s.status === 'rejected') expect(s.reason).toBeInstanceOf(LeafHashWorkerError);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
