import { signCheckpoint } from '@renja/integrity';
import { eventHash } from '@renja/event-store';
import { buildSampleLedger, cloneLedger, newKey, ORIGIN, tamper, type OpenLedger } from './testing/ledger-fixture';
import { inlineLeafHasher, LeafHashWorkerError, type LeafHasher } from './leaf-hash-workers';
import type { VerificationReport } from './report';
import { verifyDatabase } from './verify-database';
import { verifyDatabaseInParallel } from './verify-database-parallel';
import { readHead, readPackedBatch, readRawBatch } from './database-source';
import { toVerifier } from './checkpoint-check';

describe('verifyDatabase: the live ledger, and tampering by a superuser', () => {
  const key = newKey();
  let template: OpenLedger;
  let checkpoints: number[];
  let head: number;

  beforeAll(async () => {
    ({ ledger: template, checkpoints } = await buildSampleLedger(key));
    head = await template.store.headPosition();
    await template.close(); // a template database must have no connections
  });
  afterAll(() => template.drop());

  /** Each test tampers with its own copy of the sample ledger. */
  async function onCopy(work: (ledger: OpenLedger) => Promise<void>): Promise<void> {
    const ledger = await cloneLedger(template.name);
    try {
      await work(ledger);
    } finally {
      await ledger.drop();
    }
  }
  const withoutRate = (report: VerificationReport | null) => report && { ...report, eventsPerSecond: 0 };
  /** The fast pass alone, in batches of 7 with three in flight (many batches; checkpoints inside batches). */
  async function fastPass(ledger: OpenLedger) {
    const client = await ledger.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      return await verifyDatabaseInParallel(client, inlineLeafHasher(3), {
        verifier: toVerifier(key.verifierKey),
        batchSize: 7,
        head: await readHead(client),
      });
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  }
  /**
   * Verifies sequentially, and checks the parallel path against it: the fast pass accepts exactly
   * what the sequential pass accepts (same report), and verifyDatabase with a hasher reports the same.
   */
  async function verify(ledger: OpenLedger, batchSize?: number): Promise<VerificationReport> {
    const sequential = await verifyDatabase(ledger.pool, { verifierKey: key.verifierKey, batchSize, workers: 0 });
    const fast = await fastPass(ledger);
    expect(fast === null).toBe(!sequential.ok);
    if (fast) expect(withoutRate(fast)).toEqual(withoutRate(sequential));
    const combined = await verifyDatabase(ledger.pool, {
      verifierKey: key.verifierKey,
      batchSize,
      parallelFrom: 0,
      openHasher: () => inlineLeafHasher(2),
    });
    expect(withoutRate(combined)).toEqual(withoutRate(sequential));
    return sequential;
  }
  const positionOf = async (ledger: OpenLedger, type: string, nth: number) =>
    Number(
      (await ledger.pool.query('SELECT position FROM ledger_events WHERE type = $1 ORDER BY position OFFSET $2 LIMIT 1', [type, nth]))
        .rows[0].position,
    );

  it('verifies the honest ledger: every event, every checkpoint, the root the tree serves', async () => {
    await onCopy(async (ledger) => {
      const root = await ledger.tree.root(head);
      const seen: number[] = [];
      for (const batchSize of [5000, 7]) {
        const report = await verifyDatabase(ledger.pool, { verifierKey: key.verifierKey, batchSize, onProgress: (p) => seen.push(p) });
        expect(withoutRate(await verify(ledger, batchSize))).toEqual(withoutRate(report));
        expect(report).toMatchObject({
          ok: true,
          events: head,
          size: head,
          checkpointsChecked: checkpoints.length,
          signedSize: head,
          partial: false,
        });
        expect(report.ok && report.rootHash).toEqual({ base64: root.toString('base64'), hex: root.toString('hex') });
      }
      expect(checkpoints.length).toBe(4);
      expect(seen).toContain(head);
      expect(seen).toContain(7); // batches of 7 report progress along the way
    });
  });

  it('hands the workers the same events and hashes whether PostgreSQL packs a batch or this thread does', async () => {
    await onCopy(async (ledger) => {
      const client = await ledger.pool.connect();
      try {
        for (const [after, limit] of [
          [0, 7],
          [7, 5000],
          [head, 10],
        ]) {
          const raw = await readRawBatch(client, after, limit);
          const packed = await readPackedBatch(client, after, limit);
          expect({ ...raw, events: raw.events && JSON.parse(raw.events) }).toEqual({
            ...packed,
            events: packed.events && JSON.parse(packed.events),
          });
        }
      } finally {
        client.release();
      }
    });
  });

  it('verifies on one thread when a worker thread fails', async () => {
    await onCopy(async (ledger) => {
      const failing: LeafHasher = { ...inlineLeafHasher(), rowsIntact: () => Promise.reject(new LeafHashWorkerError('out of memory')) };
      const report = await verifyDatabase(ledger.pool, { verifierKey: key.verifierKey, parallelFrom: 0, openHasher: () => failing });
      expect(report).toMatchObject({ ok: true, events: head, checkpointsChecked: checkpoints.length });
    });
  });

  it('names a changed byte of one event as modified, at its position', async () => {
    await onCopy(async (ledger) => {
      const p = await positionOf(ledger, 'pagu.changed', 3);
      await tamper(ledger.pool, [
        [`UPDATE ledger_events SET data = replace(data::text, '653027794', '653027795')::jsonb WHERE position = $1`, [p]],
      ]);
      expect(await verify(ledger)).toMatchObject({ ok: false, position: p, kind: 'modified' });
    });
  });

  it('names a deleted event as missing, at its position', async () => {
    await onCopy(async (ledger) => {
      await tamper(ledger.pool, [['DELETE FROM ledger_events WHERE position = 17']]);
      expect(await verify(ledger)).toMatchObject({ ok: false, position: 17, kind: 'missing' });
    });
  });

  it('names a deleted event together with its hash as missing, and so a truncated tail', async () => {
    await onCopy(async (ledger) => {
      await tamper(ledger.pool, [
        ['DELETE FROM ledger_events WHERE position = 17'],
        ['DELETE FROM ledger_merkle_nodes WHERE level = 0 AND idx = 16'],
      ]);
      expect(await verify(ledger, 10)).toMatchObject({ ok: false, position: 17, kind: 'missing' });
    });
    await onCopy(async (ledger) => {
      await tamper(ledger.pool, [
        [`DELETE FROM ledger_events WHERE position > $1`, [head - 3]],
        ['DELETE FROM ledger_merkle_nodes WHERE level = 0 AND idx >= $1', [head - 3]],
      ]);
      expect(await verify(ledger)).toMatchObject({ ok: false, position: head - 2, kind: 'missing' });
    });
  });

  it('names two swapped events as reordered, at the first of them', async () => {
    await onCopy(async (ledger) => {
      const [p1, p2] = [20, 26];
      await tamper(ledger.pool, [
        ['UPDATE ledger_events SET position = 1000000 WHERE position = $1', [p1]],
        ['UPDATE ledger_events SET position = $1 WHERE position = $2', [p1, p2]],
        ['UPDATE ledger_events SET position = $1 WHERE position = 1000000', [p2]],
      ]);
      expect(await verify(ledger)).toMatchObject({ ok: false, position: p1, kind: 'reordered' });
    });
  });

  it('names a forged event appended without a hash as inserted', async () => {
    await onCopy(async (ledger) => {
      const last = (await ledger.store.readAll({ after: head - 1 }))[0];
      const forged = [
        head + 1,
        '6f1c1e0e-8a55-4d0b-9d0e-3f6c8f0a1b2c',
        last.streamId,
        last.version + 1,
        last.type,
        1,
        JSON.stringify(last.data),
        JSON.stringify(last.metadata),
      ];
      await tamper(ledger.pool, [
        [
          `INSERT INTO ledger_events (position, event_id, stream_id, version, type, schema_version, data, metadata, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, clock_timestamp())`,
          forged,
        ],
      ]);
      expect(await verify(ledger)).toMatchObject({ ok: false, position: head + 1, kind: 'inserted' });
    });
  });

  /**
   * Rewriting an event AND its stored hash consistently passes that event — it hashes to what is
   * stored — but its successor was chained to the original hash: the chain breaks at p + 1. The
   * last event has no successor: then the checkpoint covering it no longer matches the root.
   */
  it('catches an event rewritten together with its stored hash: at the next link, or at the checkpoint', async () => {
    const rewrite = async (ledger: OpenLedger, p: number) => {
      const event = (await ledger.store.readAll({ after: p - 1, limit: 1 }))[0];
      const [previous] = await ledger.tree.leafHashes(p - 1, 1);
      const data = { ...event.data, amount: '999999999.00' };
      await tamper(ledger.pool, [
        ['UPDATE ledger_events SET data = $1::jsonb WHERE position = $2', [JSON.stringify(data), p]],
        ['UPDATE ledger_merkle_nodes SET hash = $1 WHERE level = 0 AND idx = $2', [eventHash({ ...event, data }, previous), p - 1]],
      ]);
    };
    await onCopy(async (ledger) => {
      await rewrite(ledger, 40);
      expect(await verify(ledger)).toMatchObject({ ok: false, position: 41, kind: 'modified' });
    });
    await onCopy(async (ledger) => {
      await rewrite(ledger, head);
      expect(await verify(ledger)).toMatchObject({ ok: false, position: head, kind: 'root_mismatch' });
    });
  });

  it('names a checkpoint re-signed with another key as a bad signature, at its size', async () => {
    const other = newKey(ORIGIN);
    for (const size of [head, checkpoints[1]]) {
      await onCopy(async (ledger) => {
        const note = signCheckpoint({ origin: ORIGIN, size, rootHash: await ledger.tree.root(size) }, other.signer);
        await tamper(ledger.pool, [['UPDATE ledger_checkpoints SET note = $1 WHERE size = $2', [note, size]]]);
        expect(await verify(ledger)).toMatchObject({ ok: false, position: size, kind: 'bad_signature' });
      });
    }
  });

  it('verifies events appended after the last checkpoint, reporting them as not signed yet', async () => {
    await onCopy(async (ledger) => {
      const event = {
        id: '0b8f7a44-3c1d-4e59-a1f2-7d6e5c4b3a21',
        type: 'realisation.recorded',
        schemaVersion: 1,
        data: { period: '2023-Q4', amount: '1.00', outputs: [] },
        metadata: { actor: 'x', correlationId: 'y' },
      };
      await ledger.store.append('line-2023-DKUKM-2.17.07.1.01.0001', 'any', [event]);
      expect(await verify(ledger)).toMatchObject({ ok: true, size: head + 1, signedSize: head, checkpointsChecked: 4 });
    });
  });
});
