import { startTestApp, type TestApp } from '../support/test-app';
import { post } from '../support/did-story';

describe('HTTP API: bad input, auth and unknowns get clear 4xx errors naming the field or rule', () => {
  let t: TestApp;
  const base = '/api/v1/years/2022/offices/DKUKM';
  const line = `${base}/lines/2.17.07.1.01.0001`;
  const apbd = {
    phase: 'APBD',
    fundingSource: 'DAU',
    amount: '100.00',
    reason: 'APBD murni',
    legalBasis: { kind: 'Perda', number: '1/2021', date: '2021-12-30' },
    effectiveDate: '2022-01-03',
  };

  beforeAll(async () => {
    t = await startTestApp();
    await post(t, '/api/v1/offices', { code: 'DKUKM', name: 'Dinas KUKM' });
    for (const code of ['2.17.07', '2.17.07.1.01', '2.17.07.1.01.0001']) await post(t, `${base}/lines`, { code, name: `Line ${code}` });
  });
  afterAll(() => t.close());

  const eventCount = async () => Number((await t.pool.query('SELECT count(*) AS n FROM ledger_events')).rows[0].n);

  it('refuses writes without a token (401) or with an invalid one', async () => {
    const none = await t.anonymous().post('/api/v1/offices').send({ code: 'X', name: 'X' }).expect(401);
    expect(none.body).toMatchObject({ statusCode: 401, field: 'Authorization' });
    const bad = await t
      .anonymous()
      .post('/api/v1/offices')
      .set('Authorization', 'Bearer rl_nope')
      .send({ code: 'X', name: 'X' })
      .expect(401);
    expect(bad.body.message).toMatch(/token tidak sah atau sudah dicabut/);
  });

  it('refuses an amount sent as a JSON number, naming the field', async () => {
    const before = await eventCount();
    const res = await t
      .http()
      .post(`${line}/pagu`)
      .set(t.auth)
      .send({ ...apbd, amount: 100 })
      .expect(400);
    expect(res.body.field).toBe('amount');
    expect(res.body.message).toMatch(/amount: harus berupa string desimal .* diterima angka JSON 100/);
    expect(await eventCount()).toBe(before);
  });

  it('refuses more than two decimal places and malformed JSON with 400', async () => {
    const res = await t
      .http()
      .post(`${line}/pagu`)
      .set(t.auth)
      .send({ ...apbd, amount: '1.005' })
      .expect(400);
    expect(res.body.field).toBe('amount');
    const malformed = await t
      .http()
      .post(`${line}/pagu`)
      .set(t.auth)
      .set('Content-Type', 'application/json')
      .send('{"phase": "APBD",')
      .expect(400);
    expect(malformed.body.rule).toBe('MALFORMED_JSON');
  });

  it('names nested fields and unknown properties', async () => {
    const nested = await t
      .http()
      .post(`${line}/pagu`)
      .set(t.auth)
      .send({ ...apbd, legalBasis: { kind: 'Perda', number: '1', date: '30-12-2021' } })
      .expect(400);
    expect(nested.body.field).toBe('legalBasis.date');
    const unknown = await t
      .http()
      .post(`${line}/pagu`)
      .set(t.auth)
      .send({ ...apbd, amout: '5.00' })
      .expect(400);
    expect(unknown.body.message).toMatch(/amout: tidak dikenal di sini/);
  });

  it('answers 404 for an unknown office, line or event', async () => {
    const office = await t.http().get('/api/v1/years/2022/offices/NOPE/plan').expect(404);
    expect(office.body.rule).toBe('OFFICE_NOT_REGISTERED');
    const unknownLine = await t.http().post(`${base}/lines/2.17.07.1.01.0009/pagu`).set(t.auth).send(apbd).expect(404);
    expect(unknownLine.body.rule).toBe('LINE_NOT_REGISTERED');
    await t.http().get(`${base}/lines/2.17.07.1.01.0009`).expect(404);
    const event = await t
      .http()
      .post('/api/v1/events/00000000-0000-4000-8000-000000000000/corrections')
      .set(t.auth)
      .send({ reason: 'x' })
      .expect(404);
    expect(event.body.rule).toBe('EVENT_NOT_FOUND');
  });

  it('answers 400 for a malformed code or year in the path', async () => {
    const code = await t.http().get(`${base}/lines/2.17.7`).expect(400);
    expect(code.body.field).toBe('code');
    const year = await t.http().get('/api/v1/years/22/offices/DKUKM/plan').expect(400);
    expect(year.body.field).toBe('year');
  });

  it('answers 422 naming the rule when a finance rule is broken, and writes nothing', async () => {
    const before = await eventCount();
    const noBasis = await t
      .http()
      .post(`${line}/pagu`)
      .set(t.auth)
      .send({ ...apbd, legalBasis: undefined })
      .expect(422);
    expect(noBasis.body).toMatchObject({ rule: 'LEGAL_BASIS_REQUIRED', field: 'legalBasis' });
    const outside = await t
      .http()
      .post(`${line}/pagu`)
      .set(t.auth)
      .send({ ...apbd, effectiveDate: '2023-01-02' })
      .expect(422);
    expect(outside.body.rule).toBe('EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR');
    const parent = await t.http().post(`${base}/lines`).set(t.auth).send({ code: '2.17.08.1.01', name: 'orphan' }).expect(422);
    expect(parent.body.rule).toBe('PARENT_NOT_REGISTERED');
    expect(await eventCount()).toBe(before);
  });

  it('refuses text PostgreSQL cannot store (NUL, a lone surrogate) with 400 naming the field, writing nothing', async () => {
    const before = await eventCount();
    const nul = await t
      .http()
      .post('/api/v1/offices')
      .set(t.auth)
      .set('Content-Type', 'application/json')
      .send('{"code":"NUL","name":"a\\u0000b"}')
      .expect(400);
    expect(nul.body).toMatchObject({ rule: 'TEXT_NOT_STORABLE', field: 'name' });
    const surrogate = await t
      .http()
      .post(`${line}/pagu`)
      .set(t.auth)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ ...apbd, legalBasis: { ...apbd.legalBasis, number: 'x' } }).replace('"number":"x"', '"number":"x\\ud800"'))
      .expect(400);
    expect(surrogate.body).toMatchObject({ rule: 'TEXT_NOT_STORABLE', field: 'legalBasis.number' });
    expect(await eventCount()).toBe(before);
  });

  it('answers 409 when registering the same line twice', async () => {
    const res = await t.http().post(`${base}/lines`).set(t.auth).send({ code: '2.17.07', name: 'again' }).expect(409);
    expect(res.body.rule).toBe('LINE_ALREADY_REGISTERED');
  });
});
