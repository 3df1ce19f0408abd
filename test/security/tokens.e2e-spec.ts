import { createHash } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app';

/** Token lifecycle over the admin API: grant (recorded in the ledger), use, last use, expiry, revocation. */
describe('API tokens: grant, use, expire, revoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.http().post('/api/v1/offices').send({ code: 'DKUKM', name: 'Dinas KUKM' }).expect(201);
    await t.http().post('/api/v1/years/2022/offices/DKUKM/lines').send({ code: '2.17.07', name: 'Pemberdayaan UMKM' }).expect(201);
  });
  afterAll(() => t.close());

  const accessEvents = async () =>
    (
      await t.pool.query(
        `SELECT type, data, metadata->>'actor' AS actor, e::text AS row FROM ledger_events e WHERE stream_id LIKE 'access-token-%' ORDER BY position`,
      )
    ).rows;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('grants a token whose secret is shown once and recorded nowhere; the grant is an event naming who granted what', async () => {
    const res = await t
      .http()
      .post('/api/v1/tokens')
      .send({ name: 'Siti (BPKAD)', roles: ['finance', 'planner'], offices: ['dkukm'], expires: '30d' })
      .expect(201);
    expect(res.body).toMatchObject({
      name: 'Siti (BPKAD)',
      roles: ['finance', 'planner'],
      offices: ['DKUKM'],
      token: expect.stringMatching(/^rl_/),
    });
    const { token, id } = res.body;
    const events = await accessEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'access.token.granted',
      actor: 'Inspektur Test',
      data: { tokenId: id, name: 'Siti (BPKAD)', roles: ['finance', 'planner'], offices: ['DKUKM'], expiresAt: res.body.expiresAt },
    });
    const sha = createHash('sha256').update(token).digest('hex');
    expect(events[0].row).not.toContain(token);
    expect(events[0].row).not.toContain(sha);
    const list = await t.http().get('/api/v1/tokens').expect(200);
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(JSON.stringify(list.body)).not.toContain(sha);
    expect(list.body.find((x: { id: number }) => x.id === id)).toMatchObject({
      lastUsedAt: null,
      revokedAt: null,
      createdBy: 'Inspektur Test',
    });
  });

  it('keeps the last use time and records the holder as the actor of what it writes', async () => {
    const { body } = await t
      .http()
      .post('/api/v1/tokens')
      .send({ name: 'Budi (Bappeda)', roles: ['planner'], offices: ['DKUKM'] })
      .expect(201);
    await t
      .anonymous()
      .post('/api/v1/years/2022/offices/DKUKM/lines')
      .set(as(body.token))
      .send({ code: '2.17.08', name: 'Pengembangan UMKM' })
      .expect(201);
    const listed = (await t.http().get('/api/v1/tokens').expect(200)).body.find((x: { id: number }) => x.id === body.id);
    expect(Date.parse(listed.lastUsedAt)).toBeGreaterThan(Date.parse(listed.createdAt));
    const { rows } = await t.pool.query(
      `SELECT metadata->>'actor' AS actor FROM ledger_events WHERE stream_id = 'line-2022-DKUKM-2.17.08'`,
    );
    expect(rows).toEqual([{ actor: 'Budi (Bappeda)' }]);
  });

  it('refuses an expired token with a 401, logging its name and never its secret', async () => {
    const { body } = await t
      .http()
      .post('/api/v1/tokens')
      .send({ name: 'Kontrak Sementara', roles: ['inspector'], offices: '*', expires: '1d' })
      .expect(201);
    await t.anonymous().get('/api/v1/years/2022/offices/DKUKM/plan').set(as(body.token)).expect(200);
    // Time passes: the expiry is a column the check compares with the database clock.
    await t.pool.query(`UPDATE api_tokens SET expires_at = clock_timestamp() - interval '1 second' WHERE id = $1`, [body.id]);
    const refused = await t.anonymous().get('/api/v1/years/2022/offices/DKUKM/plan').set(as(body.token)).expect(401);
    expect(refused.body).toMatchObject({ field: 'Authorization', message: expect.stringMatching(/batas waktu yang sudah lewat/) });
    const line = t.refusals.find((l) => l.includes('Kontrak Sementara'));
    expect(line).toMatch(/refused 401 GET .*"Kontrak Sementara \(token #\d+\)"/);
    expect(t.refusals.join('\n')).not.toContain(body.token);
  });

  it('revokes a token: the next request is a 401, the revocation is an event, a second revocation a 404', async () => {
    const { body } = await t
      .http()
      .post('/api/v1/tokens')
      .send({ name: 'Dewi (Inspektorat)', roles: ['inspector'], offices: '*' })
      .expect(201);
    await t.anonymous().get('/api/v1/offices').set(as(body.token)).expect(200);
    const revoked = await t.http().delete(`/api/v1/tokens/${body.id}`).expect(200);
    expect(revoked.body).toMatchObject({ id: body.id, revokedAt: expect.any(String) });
    await t.anonymous().get('/api/v1/offices').set(as(body.token)).expect(401);
    expect((await accessEvents()).at(-1)).toMatchObject({
      type: 'access.token.revoked',
      actor: 'Inspektur Test',
      data: { tokenId: body.id, name: 'Dewi (Inspektorat)' },
    });
    expect((await t.http().delete(`/api/v1/tokens/${body.id}`).expect(404)).body).toMatchObject({ rule: 'TOKEN_NOT_FOUND', field: 'id' });
    expect((await t.http().delete('/api/v1/tokens/abc').expect(400)).body.field).toBe('id');
  });

  it('refuses bad grants with a 400 naming the field, and writes nothing', async () => {
    const before = (await t.pool.query('SELECT count(*)::int AS n FROM ledger_events')).rows[0].n;
    for (const [body, field] of [
      [{ name: 'X', roles: ['root'], offices: '*' }, 'roles'],
      [{ name: 'X', roles: ['admin'], offices: [] }, 'offices'],
      [{ name: '', roles: ['admin'], offices: '*' }, 'name'],
      [{ name: 'X', roles: ['admin'], offices: '*', expires: 'yesterday' }, 'expires'],
      [{ name: 'X', roles: ['admin'], offices: '*', secret: 'mine' }, 'secret'],
    ] as const) {
      expect({ field, body: (await t.http().post('/api/v1/tokens').send(body).expect(400)).body.field }).toEqual({ field, body: field });
    }
    expect((await t.pool.query('SELECT count(*)::int AS n FROM ledger_events')).rows[0].n).toBe(before);
  });

  it('still verifies the whole ledger with token events in it', async () => {
    const { body } = await t.http().post('/api/v1/ledger/verification').expect(200);
    expect(body).toMatchObject({ ok: true });
  });

  it('requires a token for reads, but not for what a witness needs', async () => {
    expect((await t.anonymous().get('/api/v1/years/2022/offices/DKUKM/plan').expect(401)).body).toMatchObject({
      field: 'Authorization',
      rule: 'TOKEN_REQUIRED',
    });
    await t.anonymous().get('/api/v1/offices').expect(401);
    await t.anonymous().get('/api/v1/ledger/checkpoint').expect(200);
    await t.anonymous().get('/api/v1/ledger/public-key').expect(200);
  });
});
