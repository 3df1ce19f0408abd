import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCheckpoint, verifyConsistency, verifyInclusion } from '@renja/integrity';
import { eventHash, GENESIS_HASH } from '@renja/event-store';
import { extendTree } from '@renja/event-store/integrity/merkle-frontier';
import { render } from '@renja/domain/shared/messages/message';
import { post, recordDidStory } from '../support/did-story';
import { runCli } from '../support/processes';
import { startTestApp, type TestApp } from '../support/test-app';

describe('tamper evidence over HTTP: checkpoints, public key, proofs, and a witness', () => {
  let t: TestApp;
  let base: string;
  const dir = mkdtempSync(join(tmpdir(), 'renja-witness-'));

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    await recordDidStory(t);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const issue = async () => (await t.http().post('/api/v1/ledger/checkpoints').set(t.auth).expect(201)).text;
  const open = (note: string) => openCheckpoint(note, [t.verifierKey]).checkpoint;

  it('serves the public key and signed checkpoints that verify with it', async () => {
    const key = (await t.http().get('/api/v1/ledger/public-key').expect(200)).text.trim();
    expect(key).toBe(t.verifierKey);
    const note = await issue();
    const head = Number((await t.pool.query('SELECT position FROM ledger_head')).rows[0].position);
    expect(open(note)).toMatchObject({ origin: 'renja-ledger.test/e2e', size: head });
    expect((await t.http().get('/api/v1/ledger/checkpoint').expect(200)).text).toBe(note);
    expect((await t.http().get(`/api/v1/ledger/checkpoints/${head}`).expect(200)).text).toBe(note);
    const missing = await t
      .http()
      .get(`/api/v1/ledger/checkpoints/${head - 1}`)
      .expect(404);
    expect(missing.body.rule).toBe('CHECKPOINT_NOT_FOUND');
  });

  it('proves an event is in a checkpoint, and that a later checkpoint extends an earlier one', async () => {
    const first = open(await issue());
    const { body: inclusion } = await t.http().get(`/api/v1/ledger/proofs/inclusion?position=5&size=${first.size}`).expect(200);
    expect(() =>
      verifyInclusion({
        index: 4,
        size: first.size,
        leafHash: Buffer.from(inclusion.leafHash, 'base64'),
        proof: inclusion.proof.map((p: string) => Buffer.from(p, 'base64')),
        root: first.rootHash,
      }),
    ).not.toThrow();
    await post(t, '/api/v1/offices', { code: 'BAPPEDA', name: 'Badan Perencanaan Pembangunan Daerah' });
    const second = open(await issue());
    expect(second.size).toBe(first.size + 1);
    const { body: consistency } = await t.http().get(`/api/v1/ledger/proofs/consistency?from=${first.size}&to=${second.size}`).expect(200);
    expect(() =>
      verifyConsistency({
        size1: first.size,
        size2: second.size,
        root1: first.rootHash,
        root2: second.rootHash,
        proof: consistency.proof.map((p: string) => Buffer.from(p, 'base64')),
      }),
    ).not.toThrow();
    const bad = await t.http().get('/api/v1/ledger/proofs/inclusion?position=abc').expect(400);
    expect(bad.body.field).toBe('position');
  });

  it('verifies the whole ledger on demand and reports the status', async () => {
    expect((await t.http().get('/api/v1/ledger/verification').expect(200)).body).toMatchObject({ status: 'never', report: null });
    await t.anonymous().post('/api/v1/ledger/verification').expect(401);
    const { body: report } = await t.http().post('/api/v1/ledger/verification').set(t.auth).expect(200);
    const head = Number((await t.pool.query('SELECT position FROM ledger_head')).rows[0].position);
    expect(report).toMatchObject({ ok: true, size: head, events: head });
    expect(report.checkpointsChecked).toBeGreaterThanOrEqual(2);
    const { body: status } = await t.http().get('/api/v1/ledger/verification').expect(200);
    expect(status).toMatchObject({ status: 'ok', running: false, report });
  });

  it('lets a witness follow honest growth and refuse a rewritten history', async () => {
    const state = join(dir, 'witness.json');
    const first = await runCli(['witness', '--state', state, '--key', t.verifierKey, '--url', base]);
    expect(first.stdout).toMatch(/checkpoint berukuran \d+ diterima, akar .* \(checkpoint pertama, dipercaya pada penggunaan pertama\)/);
    await post(t, '/api/v1/offices', { code: 'BPKAD', name: 'Badan Pengelolaan Keuangan dan Aset Daerah' });
    await issue();
    const growth = await runCli(['witness', '--state', state, '--key', t.verifierKey, '--url', base]);
    expect(growth.code).toBe(0);
    expect(growth.stdout).toMatch(/konsisten dengan ukuran \d+/);

    // An insider with database access rewrites an early event, recomputes every hash and tree node
    // so the database is self-consistent again, and lets the server sign the new root with the real key.
    const client = await t.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query(`UPDATE ledger_events SET data = jsonb_set(data, '{name}', '"Dinas yang lain"') WHERE position = 1`);
      await client.query('DELETE FROM ledger_merkle_nodes');
      const { rows } = await client.query(`SELECT position, event_id, stream_id, version, type, schema_version, data, metadata,
        to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS recorded_at FROM ledger_events ORDER BY position`);
      let previous: Buffer = GENESIS_HASH;
      const leaves = rows.map(
        (r) =>
          (previous = eventHash(
            {
              id: r.event_id,
              streamId: r.stream_id,
              version: r.version,
              position: Number(r.position),
              type: r.type,
              schemaVersion: r.schema_version,
              data: r.data,
              metadata: r.metadata,
              recordedAt: r.recorded_at,
            },
            previous,
          )),
      );
      const tree = extendTree(0, [], leaves);
      await client.query(
        'INSERT INTO ledger_merkle_nodes (level, idx, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])',
        [tree.nodes.map((n) => n.level), tree.nodes.map((n) => n.idx), tree.nodes.map((n) => n.hash)],
      );
      await client.query('UPDATE ledger_head SET peaks = $1, last_hash = $2', [tree.peaks, previous]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    await post(t, '/api/v1/offices', { code: 'INSPEKTORAT', name: 'Inspektorat Daerah' });
    await issue();
    const caught = await runCli(['witness', '--state', state, '--key', t.verifierKey, '--url', base]);
    expect(caught.code).toBe(2);
    expect(caught.stderr).toMatch(/DITOLAK \(inconsistent\)/);
  });

  it('says what a failed verification found in Bahasa Indonesia, or in English on request', async () => {
    // The history rewritten above is found by a full verification; the finding is one catalogue entry said in two languages.
    const { body: found } = await t.http().post('/api/v1/ledger/verification').set(t.auth).expect(200);
    expect(found).toMatchObject({ ok: false, detail: { key: expect.stringMatching(/^VERIFY\./) } });
    expect(found.message).toBe(render(found.detail, 'id'));
    const { body: status } = await t.http().get('/api/v1/ledger/verification').set('Accept-Language', 'en').expect(200);
    expect(status).toMatchObject({
      status: 'failed',
      report: { ok: false, position: found.position, kind: found.kind, detail: found.detail },
    });
    expect(status.report.message).toBe(render(found.detail, 'en'));
    expect(status.report.message).not.toBe(found.message);
  });
});
