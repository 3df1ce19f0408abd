import { createHash } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app';
import { ledgerDigest } from '../support/ledger-digest';

/** Browser sessions: sign in with a token, a cookie for reads, the CSRF token for writes, sign out. */
describe('browser sessions (cookie rl_session) with CSRF protection', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    for (const code of ['DKUKM', 'BPKAD'])
      await t
        .http()
        .post('/api/v1/offices')
        .send({ code, name: `Dinas ${code}` })
        .expect(201);
    await t.http().post('/api/v1/years/2022/offices/DKUKM/lines').send({ code: '2.17.07', name: 'Pemberdayaan UMKM' }).expect(201);
  });
  afterAll(() => t.close());

  const signIn = async (token: string) => {
    const res = await t.anonymous().post('/api/v1/session').send({ token }).expect(201);
    const setCookie = res.headers['set-cookie'] as unknown as string[];
    const id = /^rl_session=([A-Za-z0-9_-]{43});/.exec(setCookie[0])![1];
    return { res, setCookie, id, cookie: `rl_session=${id}`, csrf: res.body.csrfToken as string };
  };

  it('signs in: a cookie with exactly HttpOnly, SameSite=Strict, Path=/ and Max-Age of 8 hours; stores only the hash of its id', async () => {
    const token = await t.tokenFor(['planner'], ['DKUKM'], 'Budi (Bappeda)');
    const { res, setCookie, id } = await signIn(token);
    expect(setCookie).toHaveLength(1);
    expect(setCookie[0]).toBe(`rl_session=${id}; Path=/; Max-Age=${8 * 3600}; HttpOnly; SameSite=Strict`);
    expect(res.body).toEqual({
      name: 'Budi (Bappeda)',
      roles: ['planner'],
      offices: ['DKUKM'],
      via: 'token',
      expiresAt: expect.any(String),
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(Math.abs(Date.parse(res.body.expiresAt) - Date.now() - 8 * 3600_000)).toBeLessThan(60_000);
    const rows = (await t.pool.query(`SELECT encode(id_hash, 'hex') AS h, s::text AS row FROM web_sessions s`)).rows;
    expect(rows.map((r) => r.h)).toContain(createHash('sha256').update(id).digest('hex'));
    for (const r of rows) {
      expect(r.row).not.toContain(id);
      expect(r.row).not.toContain(token);
    }
  });

  it('marks the cookie Secure over HTTPS behind a trusted proxy only', async () => {
    const token = await t.tokenFor(['inspector'], '*');
    const plain = await t.anonymous().post('/api/v1/session').set('X-Forwarded-Proto', 'https').send({ token }).expect(201);
    expect(plain.headers['set-cookie'][0]).not.toMatch(/Secure/);
    const proxied = await startTestApp({ security: { trustProxy: true } });
    try {
      const proxiedToken = await proxied.tokenFor(['inspector'], '*');
      const res = await proxied
        .anonymous()
        .post('/api/v1/session')
        .set('X-Forwarded-Proto', 'https')
        .send({ token: proxiedToken })
        .expect(201);
      expect(res.headers['set-cookie'][0]).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
    } finally {
      await proxied.close();
    }
  });

  it('never lets a session outlive its token, and honours RENJA_SESSION_HOURS', async () => {
    const token = await t.tokenFor(['inspector'], '*', 'Kontrak');
    await t.pool.query(`UPDATE api_tokens SET expires_at = clock_timestamp() + interval '1 hour' WHERE name = 'Kontrak'`);
    const { setCookie, res } = await signIn(token);
    const maxAge = Number(/Max-Age=(\d+)/.exec(setCookie[0])![1]);
    expect(maxAge).toBeGreaterThan(3500);
    expect(maxAge).toBeLessThanOrEqual(3600);
    expect(Date.parse(res.body.expiresAt) - Date.now()).toBeLessThanOrEqual(3600_000);
    const short = await startTestApp({ security: { sessionHours: 2 } });
    try {
      const r = await short.anonymous().post('/api/v1/session').send({ token: short.token }).expect(201);
      expect(Number(/Max-Age=(\d+)/.exec(r.headers['set-cookie'][0])![1])).toBeGreaterThan(2 * 3600 - 5);
      expect(Number(/Max-Age=(\d+)/.exec(r.headers['set-cookie'][0])![1])).toBeLessThanOrEqual(2 * 3600);
    } finally {
      await short.close();
    }
  });

  it('reads with the cookie, within the token’s offices only', async () => {
    const { cookie, csrf } = await signIn(await t.tokenFor(['planner'], ['DKUKM'], 'Planner DKUKM'));
    expect((await t.anonymous().get('/api/v1/session').set('Cookie', cookie).expect(200)).body).toMatchObject({
      name: 'Planner DKUKM',
      offices: ['DKUKM'],
      csrfToken: csrf,
    });
    await t.anonymous().get('/api/v1/years/2022/offices/DKUKM/plan').set('Cookie', `theme=dark; ${cookie}`).expect(200);
    const refused = await t.anonymous().get('/api/v1/years/2022/offices/BPKAD/plan').set('Cookie', cookie).expect(403);
    expect(refused.body).toMatchObject({ rule: 'FORBIDDEN', scope: 'offices DKUKM' });
    expect(
      (await t.anonymous().get('/api/v1/offices').set('Cookie', cookie).expect(200)).body.map((o: { code: string }) => o.code),
    ).toEqual(['DKUKM']);
  });

  it('refuses a write with the cookie but without or with a wrong X-CSRF-Token (403, nothing written); accepts the right one', async () => {
    const { cookie, csrf } = await signIn(await t.tokenFor(['planner'], ['DKUKM'], 'Siti (Bappeda)'));
    const before = await ledgerDigest(t.pool);
    const write = (code: string) =>
      t.anonymous().post('/api/v1/years/2022/offices/DKUKM/lines').set('Cookie', cookie).send({ code, name: 'Pengembangan UMKM' });
    for (const header of [undefined, '', 'wrong', `${csrf}x`, csrf.toLowerCase() === csrf ? csrf.toUpperCase() : csrf.toLowerCase()]) {
      const req = write('2.17.08');
      const res = await (header === undefined ? req : req.set('X-CSRF-Token', header)).expect(403);
      expect(res.body).toMatchObject({
        statusCode: 403,
        rule: 'CSRF_TOKEN_INVALID',
        field: 'X-CSRF-Token',
        message: expect.stringMatching(/X-CSRF-Token/),
      });
    }
    expect(await ledgerDigest(t.pool)).toBe(before);
    expect(t.refusals.at(-1)).toMatch(/refused 403 POST .* for "Siti \(Bappeda\)"/);
    const ok = await write('2.17.08').set('X-CSRF-Token', csrf).expect(201);
    expect(ok.body).toMatchObject({ eventIds: expect.any(Array) });
    const { rows } = await t.pool.query(
      `SELECT metadata->>'actor' AS actor FROM ledger_events WHERE stream_id = 'line-2022-DKUKM-2.17.08'`,
    );
    expect(rows).toEqual([{ actor: 'Siti (Bappeda)' }]);
  });

  it('leaves bearer-token requests as they were (no CSRF header needed, the cookie ignored)', async () => {
    const { cookie } = await signIn(await t.tokenFor(['inspector'], '*'));
    await t
      .http()
      .post('/api/v1/years/2022/offices/BPKAD/lines')
      .set('Cookie', cookie)
      .send({ code: '5.02.01', name: 'Program Penunjang' })
      .expect(201);
  });

  it('signs out: the session ends on the server, the cookie is cleared, the same cookie is then a 401', async () => {
    const { cookie, csrf } = await signIn(await t.tokenFor(['inspector'], '*', 'Dewi'));
    await t.anonymous().delete('/api/v1/session').set('Cookie', cookie).expect(403);
    const res = await t.anonymous().delete('/api/v1/session').set('Cookie', cookie).set('X-CSRF-Token', csrf).expect(204);
    expect(res.headers['set-cookie']).toEqual(['rl_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict']);
    expect((await t.anonymous().get('/api/v1/session').set('Cookie', cookie).expect(401)).body).toMatchObject({
      rule: 'SESSION_INVALID',
      field: 'rl_session',
    });
    await t.anonymous().get('/api/v1/offices').set('Cookie', cookie).expect(401);
    await t.anonymous().delete('/api/v1/session').set('Cookie', cookie).expect(204);
  });

  it('ends the sessions of a revoked token', async () => {
    const grant = await t
      .http()
      .post('/api/v1/tokens')
      .send({ name: 'Sementara', roles: ['inspector'], offices: '*' })
      .expect(201);
    const { cookie } = await signIn(grant.body.token);
    await t.anonymous().get('/api/v1/offices').set('Cookie', cookie).expect(200);
    await t.http().delete(`/api/v1/tokens/${grant.body.id}`).expect(200);
    const refused = await t.anonymous().get('/api/v1/session').set('Cookie', cookie).expect(401);
    expect(refused.body.message).toMatch(/revoked/);
    expect(t.refusals.at(-1)).toMatch(/refused 401 GET \/api\/v1\/session for "Sementara \(token #\d+\)"/);
  });

  it('refuses a bad token with a 401 like the bearer guard, sets no cookie, and never logs the secret', async () => {
    const grant = await t
      .http()
      .post('/api/v1/tokens')
      .send({ name: 'Dicabut', roles: ['inspector'], offices: '*' })
      .expect(201);
    await t.http().delete(`/api/v1/tokens/${grant.body.id}`).expect(200);
    const forged = `rl_${'A'.repeat(43)}`;
    for (const token of [forged, grant.body.token, 'not-a-token']) {
      const res = await t.anonymous().post('/api/v1/session').send({ token }).expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, rule: 'TOKEN_INVALID', field: 'token' });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect(t.refusals.join('\n')).not.toContain(forged);
    expect(t.refusals.join('\n')).not.toContain(grant.body.token);
    expect(t.refusals.some((l) => /refused 401 POST \/api\/v1\/session for "Dicabut \(token #\d+\)"/.test(l))).toBe(true);
    for (const body of [{}, { token: 42 }, { token: '' }]) {
      expect((await t.anonymous().post('/api/v1/session').send(body).expect(400)).body.field).toBe('token');
    }
  });

  it('refuses unknown and malformed session cookies with a 401', async () => {
    for (const cookie of [`rl_session=${'B'.repeat(43)}`, 'rl_session=../../etc', 'rl_session=']) {
      expect((await t.anonymous().get('/api/v1/offices').set('Cookie', cookie).expect(401)).body).toMatchObject({
        rule: 'SESSION_INVALID',
      });
    }
    await t.anonymous().get('/api/v1/offices').set('Cookie', 'other=1').expect(401);
  });
});
