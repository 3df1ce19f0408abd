import { post } from '../support/did-story';
import { startTestApp, type TestApp } from '../support/test-app';

describe('HTTP API: versions, idempotency, shifts, corrections, read-your-writes', () => {
  let t: TestApp;
  const base = '/api/v1/years/2022/offices/DKUKM';
  const lineA = `${base}/lines/2.17.07.1.01.0001`;
  const lineB = `${base}/lines/2.17.07.1.01.0002`;
  const perda = { kind: 'Perda', number: '1/2021', date: '2021-12-30' };
  const apbd = (amount: string) => ({
    phase: 'APBD',
    fundingSource: 'DAU',
    amount,
    reason: 'APBD murni',
    legalBasis: perda,
    effectiveDate: '2022-01-03',
  });

  beforeAll(async () => {
    t = await startTestApp();
    await post(t, '/api/v1/offices', { code: 'DKUKM', name: 'Dinas KUKM' });
    for (const code of ['2.17.07', '2.17.07.1.01', '2.17.07.1.01.0001', '2.17.07.1.01.0002'])
      await post(t, `${base}/lines`, { code, name: `Line ${code}` });
    await post(t, `${lineA}/pagu`, apbd('1000000.00'));
    await post(t, `${lineB}/pagu`, apbd('500000.00'));
  });
  afterAll(() => t.close());

  const eventCount = async () => Number((await t.pool.query('SELECT count(*) AS n FROM ledger_events')).rows[0].n);

  it('returns the version as ETag and refuses a stale If-Match with 412', async () => {
    const { headers } = await t.http().get(lineA).expect(200);
    expect(headers.etag).toBe('"2"');
    const ok = await t
      .http()
      .post(`${lineA}/realisations`)
      .set(t.auth)
      .set('If-Match', headers.etag)
      .send({ period: '2022-01', amount: '1000.00' })
      .expect(201);
    expect(ok.headers.etag).toBe('"3"');
    const stale = await t
      .http()
      .post(`${lineA}/realisations`)
      .set(t.auth)
      .set('If-Match', '"2"')
      .send({ period: '2022-02', amount: '1000.00' })
      .expect(412);
    expect(stale.body).toMatchObject({ rule: 'VERSION_MISMATCH', field: 'If-Match' });
  });

  it('replays an idempotent request without writing, and refuses the key for another body', async () => {
    const body = { period: '2022-03', amount: '2500.00' };
    const first = await t.http().post(`${lineA}/realisations`).set(t.auth).set('Idempotency-Key', 'sp2d-0042').send(body).expect(201);
    const count = await eventCount();
    const again = await t.http().post(`${lineA}/realisations`).set(t.auth).set('Idempotency-Key', 'sp2d-0042').send(body).expect(201);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await eventCount()).toBe(count);
    const reordered = await t
      .http()
      .post(`${lineA}/realisations`)
      .set(t.auth)
      .set('Idempotency-Key', 'sp2d-0042')
      .send({ amount: body.amount, period: body.period })
      .expect(201);
    expect(reordered.body).toEqual({ ...first.body, replayed: true });
    const other = await t
      .http()
      .post(`${lineA}/realisations`)
      .set(t.auth)
      .set('Idempotency-Key', 'sp2d-0042')
      .send({ ...body, amount: '9.00' })
      .expect(422);
    expect(other.body.rule).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('shifts budget between two lines atomically', async () => {
    const shift = {
      fromCode: '2.17.07.1.01.0001',
      toCode: '2.17.07.1.01.0002',
      amount: '200000.00',
      fundingSource: 'DAU',
      reason: 'Pergeseran antar sub kegiatan',
      legalBasis: { kind: 'Perkada', number: '45/2022', date: '2022-06-01' },
      effectiveDate: '2022-06-01',
    };
    const res = await post(t, `${base}/shifts`, shift);
    expect(res.body.eventIds).toHaveLength(2);
    const a = (await t.http().get(lineA)).body;
    const b = (await t.http().get(lineB)).body;
    expect(a.pagu.PERGESERAN).toEqual({ DAU: '800000.00', total: '800000.00' });
    expect(b.pagu.PERGESERAN).toEqual({ DAU: '700000.00', total: '700000.00' });
    expect(a.totals.currentPagu).toBe('800000.00');

    const before = await eventCount();
    const tooMuch = await t
      .http()
      .post(`${base}/shifts`)
      .set(t.auth)
      .send({ ...shift, amount: '900000.00' })
      .expect(422);
    expect(tooMuch.body.rule).toBe('PAGU_NEGATIVE');
    const unknown = await t
      .http()
      .post(`${base}/shifts`)
      .set(t.auth)
      .send({ ...shift, toCode: '2.17.07.1.01.0009' })
      .expect(404);
    expect(unknown.body).toMatchObject({ rule: 'LINE_NOT_REGISTERED', field: 'toCode' });
    expect(unknown.body.message).toContain('2.17.07.1.01.0009');
    expect(await eventCount()).toBe(before);
    expect((await t.http().get(lineB)).body.currentPagu).toBe('700000.00');
  });

  it('corrects a recorded amount with a new event that references it, and reverses another', async () => {
    const wrong = await post(t, `${lineB}/realisations`, { period: '2022-07', amount: '70000.00' });
    const [eventId] = wrong.body.eventIds;
    const fixed = await post(t, `/api/v1/events/${eventId.toUpperCase()}/corrections`, { reason: 'SP2D salah ketik', amount: '7000.00' });
    expect(fixed.body.eventIds).toHaveLength(1);
    let b = (await t.http().get(lineB)).body;
    expect(b.realised).toBe('7000.00');
    const again = await t.http().post(`/api/v1/events/${eventId}/corrections`).set(t.auth).send({ reason: 'twice' }).expect(409);
    expect(again.body.rule).toBe('EVENT_ALREADY_CORRECTED');
    await post(t, `/api/v1/events/${fixed.body.eventIds[0]}/corrections`, { reason: 'SP2D dibatalkan' });
    b = (await t.http().get(lineB)).body;
    expect(b.realised).toBe('0.00');
    const { body: history } = await t.http().get(`${lineB}/history`).expect(200);
    const corrections = history.filter((h: { type: string }) => h.type === 'event.corrected');
    expect(corrections.map((c: { correctsEventId: string }) => c.correctsEventId)).toEqual([eventId, fixed.body.eventIds[0]]);
    expect(corrections[0].changes).toEqual(expect.arrayContaining([{ figure: 'realisation.cumulative', from: '70000.00', to: '7000.00' }]));
  });

  it('answers as the ledger knew it (knownAt) and as it was in effect (validAt)', async () => {
    const late = await post(t, `${lineA}/pagu`, {
      phase: 'APBD',
      fundingSource: 'DAK',
      amount: '300000.00',
      reason: 'DAK fisik',
      legalBasis: perda,
      effectiveDate: '2022-02-01',
    });
    const { body: history } = await t.http().get(`${lineA}/history`).expect(200);
    const recorded = history.find((h: { eventId: string }) => h.eventId === late.body.eventIds[0]).recordedAt;
    await post(t, `/api/v1/events/${late.body.eventIds[0]}/corrections`, {
      reason: 'DAK salah nilai',
      legalBasis: perda,
      amount: '30000.00',
    });
    const now = (await t.http().get(lineA).expect(200)).body;
    const then = (
      await t
        .http()
        .get(`${lineA}?knownAt=${encodeURIComponent(recorded)}`)
        .expect(200)
    ).body;
    expect(now.pagu.APBD.DAK).toBe('30000.00');
    expect(then.pagu.APBD.DAK).toBe('300000.00');
    const january = (await t.http().get(`${lineA}?validAt=2022-01-31`).expect(200)).body;
    expect(january.pagu.APBD.DAK).toBeUndefined();
    const beforeLines = (await t.http().get(`${base}/plan?knownAt=2000-01-01`).expect(200)).body;
    expect(beforeLines.lines).toEqual([]);
    await post(t, `/api/v1/events/${late.body.eventIds[0]}/corrections`, { reason: 'dibatalkan', legalBasis: perda }, 409);
  });

  it('reverses both legs of a shift together', async () => {
    const { body: history } = await t.http().get(`${lineA}/history`).expect(200);
    const leg = history.find((h: { type: string }) => h.type === 'pagu.shifted');
    await post(t, `/api/v1/events/${leg.eventId}/corrections`, {
      reason: 'Pergeseran dibatalkan',
      legalBasis: { kind: 'Perkada', number: '46/2022', date: '2022-06-20' },
    });
    expect((await t.http().get(lineA)).body.currentPagu).toBe('1030000.00'); // APBD: DAU 1000000.00 + DAK 30000.00
    expect((await t.http().get(lineB)).body.currentPagu).toBe('500000.00');
  });

  it('serves the OpenAPI document', async () => {
    const { body } = await t.http().get('/api/docs-json').expect(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/offices',
        '/api/v1/years/{year}/offices/{office}/lines/{code}/pagu',
        '/api/v1/events/{eventId}/corrections',
      ]),
    );
  });
});
