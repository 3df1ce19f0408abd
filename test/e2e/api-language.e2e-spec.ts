import { startTestApp, type TestApp } from '../support/test-app';
import { post } from '../support/did-story';

/**
 * The API speaks Bahasa Indonesia unless asked for English (Accept-Language: en), says which in
 * Content-Language, keeps its rule codes in both, and takes the unambiguous spellings offices use for
 * phases (APBD-P) and quarters (TW III) while still refusing ambiguous amounts ("25.000").
 */
describe('HTTP API: messages in Bahasa Indonesia or English, and the aliases it accepts', () => {
  let t: TestApp;
  const base = '/api/v1/years/2022/offices/DKUKM';
  const line = `${base}/lines/2.17.07.1.01.0001`;
  const perda = { kind: 'Perda', number: '10 Tahun 2021', date: '2021-12-30' };
  const eventData = async (id: string) =>
    (await t.pool.query<{ data: Record<string, unknown> }>('SELECT data FROM ledger_events WHERE event_id = $1', [id])).rows[0].data;

  beforeAll(async () => {
    t = await startTestApp();
    await post(t, '/api/v1/offices', { code: 'DKUKM', name: 'Dinas KUKM' });
    for (const code of ['2.17.07', '2.17.07.1.01', '2.17.07.1.01.0001']) await post(t, `${base}/lines`, { code, name: `Baris ${code}` });
    await post(t, `${line}/pagu`, {
      phase: 'APBD',
      fundingSource: 'DAU',
      amount: '1000000.00',
      reason: 'APBD murni',
      legalBasis: perda,
      effectiveDate: '2022-01-03',
    });
  });
  afterAll(() => t.close());

  it('records a pagu sent for phase APBD-P as APBD_P (201)', async () => {
    const res = await post(t, `${line}/pagu`, {
      phase: 'APBD-P',
      fundingSource: 'DAU',
      amount: '1500000.00',
      reason: 'APBD Perubahan',
      legalBasis: { kind: 'Perda', number: '5 Tahun 2022', date: '2022-10-03' },
      effectiveDate: '2022-10-03',
    });
    expect(await eventData(res.body.eventIds[0])).toMatchObject({ phase: 'APBD_P', amount: '1500000.00' });
  });

  it('records a realisation sent for period TW III as 2022-Q3 (201)', async () => {
    const res = await post(t, `${line}/realisations`, { period: 'TW III', amount: '250000.00' });
    expect(await eventData(res.body.eventIds[0])).toMatchObject({ period: '2022-Q3', amount: '250000.00' });
    const tw3 = await post(t, `${line}/realisations`, { period: 'TW3', amount: '1.00' });
    expect(await eventData(tw3.body.eventIds[0])).toMatchObject({ period: '2022-Q3' });
  });

  it('says a refused body in Bahasa Indonesia by default and in English on request, same rule and field', async () => {
    const body = { phase: 'APBD', fundingSource: 'DAU', amount: '25.000', reason: 'x', legalBasis: perda, effectiveDate: '2022-01-04' };
    const id = await t.http().post(`${line}/pagu`).send(body).expect(400);
    expect(id.headers['content-language']).toBe('id');
    expect(id.body).toMatchObject({ rule: 'INVALID_REQUEST', field: 'amount' });
    expect(id.body.message).toBe(
      'amount: harus berupa string desimal seperti "25000000.00" (paling banyak 2 angka desimal, tanpa pemisah ribuan); diterima "25.000"',
    );
    const en = await t.http().post(`${line}/pagu`).set('Accept-Language', 'en').send(body).expect(400);
    expect(en.headers['content-language']).toBe('en');
    expect(en.body).toMatchObject({ rule: 'INVALID_REQUEST', field: 'amount' });
    expect(en.body.message).toBe('amount: must be a decimal string with at most 2 decimal places, such as "1653027794.00"; got "25.000"');
  });

  it('says a broken rule (422) in Bahasa Indonesia, with Indonesian figures, or in English', async () => {
    const over = { period: '2022-Q4', amount: '2000000.00' };
    const id = await t.http().post(`${line}/realisations`).set('Accept-Language', 'id-ID,id;q=0.9,en;q=0.8').send(over).expect(422);
    expect(id.headers['content-language']).toBe('id');
    expect(id.body.rule).toBe('REALISATION_EXCEEDS_PAGU');
    expect(id.body.message).toBe(
      'realisasi kumulatif baris 2.17.07.1.01.0001 akan menjadi Rp 2.250.001,00 pada 31 Desember 2022, melebihi pagu APBD Perubahan ' +
        'yang berlaku saat itu, Rp 1.500.000,00. Periksa kembali jumlah realisasi',
    );
    const en = await t.http().post(`${line}/realisations`).set('Accept-Language', 'en-US,en;q=0.9').send(over).expect(422);
    expect(en.headers['content-language']).toBe('en');
    expect(en.body.rule).toBe('REALISATION_EXCEEDS_PAGU');
    expect(en.body.message).toMatch(
      /^cumulative realisation of line 2\.17\.07\.1\.01\.0001 would be Rp 2\.250\.001,00 on 2022-12-31, above/,
    );
    expect(en.body.params).toEqual(id.body.params);
  });

  it('says an unknown period and an unknown line in the language asked for', async () => {
    const bad = await t.http().post(`${line}/realisations`).send({ period: 'TW V', amount: '1.00' }).expect(400);
    expect(bad.body).toMatchObject({ field: 'period', rule: 'INVALID_REQUEST' });
    expect(bad.body.message).toMatch(/^period: harus berupa bulan seperti "2022-11" atau triwulan seperti "2022-Q4"/);
    const missing = await t.http().get(`${base}/lines/2.17.07.1.01.0009`).set('Accept-Language', 'en').expect(404);
    expect(missing.body).toMatchObject({ rule: 'LINE_NOT_REGISTERED' });
    expect(missing.body.message).toMatch(/is not registered/);
    const hilang = await t.http().get(`${base}/lines/2.17.07.1.01.0009`).expect(404);
    expect(hilang.body.message).toMatch(/belum terdaftar/);
    const route = await t.http().get('/api/v1/tidak-ada').expect(404);
    expect(route.body).toMatchObject({
      rule: 'ROUTE_NOT_FOUND',
      message: expect.stringMatching(/^tidak ada rute GET \/api\/v1\/tidak-ada/),
    });
  });
});
