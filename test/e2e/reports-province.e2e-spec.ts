import { post } from '../support/did-story';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The province reports over HTTP: GET /api/v1/years/{year}/reports/reconciliation and …/evaluation give, in one
 * request, every office's report exactly as its own route gives it, now and in the past; offices outside the
 * caller's scope are left out; JSON only.
 */
describe('Province reports over HTTP', () => {
  let t: TestApp;
  const year = 2023;
  const offices = ['BAPPEDA', 'DINKES', 'DKUKM'];
  const perda = { kind: 'Perda', number: '8 Tahun 2022', date: '2022-12-29' };
  const perdaP = { kind: 'Perda', number: '4 Tahun 2023', date: '2023-10-15' };
  let between: string;

  const get = async (path: string, token?: string) => {
    const request = t.http().get(path);
    if (token) request.set('Authorization', `Bearer ${token}`);
    return (await request.expect(200)).body;
  };

  beforeAll(async () => {
    t = await startTestApp();
    for (const [i, office] of offices.entries()) {
      const base = `/api/v1/years/${year}/offices/${office}`;
      await post(t, '/api/v1/offices', { code: office, name: `Perangkat Daerah ${office}` });
      const sub = '2.17.07.1.01.0001';
      for (const code of ['2.17.07', '2.17.07.1.01', sub]) await post(t, `${base}/lines`, { code, name: `Baris ${code}` });
      await post(t, `${base}/lines/${sub}/pagu`, {
        phase: 'APBD',
        fundingSource: 'DAU',
        amount: `${1000000 * (i + 1)}.25`,
        reason: 'APBD murni 2023',
        legalBasis: perda,
        effectiveDate: '2023-01-02',
      });
      await post(t, `${base}/lines/${sub}/indicators`, { name: 'Jumlah UMKM dibina', unit: 'UMKM', direction: 'higher_is_better' });
      await post(t, `${base}/lines/${sub}/targets`, {
        indicator: 'IK-1',
        value: '200',
        reason: 'Target Renja',
        effectiveDate: '2023-01-02',
      });
    }
    const { body } = await t.http().get(`/api/v1/years/${year}/offices/DKUKM/lines/2.17.07.1.01.0001/history`).expect(200);
    between = body.at(-1).recordedAt;
    for (const office of offices.slice(1))
      await post(t, `/api/v1/years/${year}/offices/${office}/lines/2.17.07.1.01.0001/pagu`, {
        phase: 'APBD_P',
        fundingSource: 'DID',
        amount: '2000000.00',
        reason: 'DID',
        legalBasis: perdaP,
        effectiveDate: '2023-10-15',
      });
  }, 120_000);
  afterAll(() => t.close());

  it.each([
    ['now', ''],
    ['validAt in the past', '?validAt=2023-06-30'],
    ['known at an earlier time', () => `?knownAt=${encodeURIComponent(between)}&validAt=2023-12-31`],
  ])('reconciliation and evaluation of every office in one request equal the office routes (%s)', async (_, query) => {
    const q = typeof query === 'function' ? query() : query;
    for (const report of ['reconciliation', 'evaluation']) {
      const province = await get(`/api/v1/years/${year}/reports/${report}${q}`);
      expect(province.report).toBe(`province-${report}`);
      expect(province.year).toBe(year);
      expect(province.offices.map((o: { office: { code: string } }) => o.office.code)).toEqual(offices);
      for (const [i, office] of offices.entries())
        expect([office, province.offices[i]]).toEqual([office, await get(`/api/v1/years/${year}/offices/${office}/reports/${report}${q}`)]);
    }
  });

  it('sends the text JSON.stringify writes of the answer, as application/json; charset=utf-8 (written while it is sent)', async () => {
    for (const report of ['reconciliation', 'evaluation']) {
      const response = await t.http().get(`/api/v1/years/${year}/reports/${report}`).expect(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.text).toBe(JSON.stringify(response.body));
      expect(response.body.offices).toHaveLength(offices.length);
    }
  });

  it('the past differs from the present where the ledger changed (APBD-P known only later)', async () => {
    const now = await get(`/api/v1/years/${year}/reports/reconciliation`);
    const before = await get(`/api/v1/years/${year}/reports/reconciliation?knownAt=${encodeURIComponent(between)}`);
    expect(now.offices[1].toPhase).toBe('APBD_P');
    expect(now.offices[1].officeTotal.delta).toBe('2000000.00');
    expect(before.offices[1].toPhase).toBe('APBD');
    expect(before.offices[1].officeTotal.delta).toBe('0.00');
  });

  it('lines=false gives each office its report without the lines or rows', async () => {
    const q = `?validAt=2023-12-31&knownAt=${encodeURIComponent(between)}`;
    const reconciliation = await get(`/api/v1/years/${year}/reports/reconciliation${q}&lines=false`);
    const evaluation = await get(`/api/v1/years/${year}/reports/evaluation${q}&lines=false`);
    for (const [i, office] of offices.entries()) {
      const { lines, ...totals } = await get(`/api/v1/years/${year}/offices/${office}/reports/reconciliation${q}`);
      expect([office, lines.length > 0, reconciliation.offices[i]]).toEqual([office, true, totals]);
      const { rows, ...summary } = await get(`/api/v1/years/${year}/offices/${office}/reports/evaluation${q}`);
      expect([office, rows.length > 0, evaluation.offices[i]]).toEqual([office, true, summary]);
    }
  });

  it("leaves out the offices outside the caller's scope", async () => {
    const token = await t.tokenFor(['inspector'], ['DINKES']);
    const province = await get(`/api/v1/years/${year}/reports/evaluation`, token);
    expect(province.offices.map((o: { office: { code: string } }) => o.office.code)).toEqual(['DINKES']);
    await t.http().get(`/api/v1/years/${year}/offices/DKUKM/reports/evaluation`).set('Authorization', `Bearer ${token}`).expect(403);
  });

  it('answers 400 naming the field for a bad phase, point of view or format, 401 without a token', async () => {
    const bad = async (query: string, field: string) => {
      const { body } = await t.http().get(`/api/v1/years/${year}/reports/reconciliation${query}`).expect(400);
      expect([query, body.field]).toEqual([query, field]);
    };
    await bad('?from=APBD_P&to=APBD', 'to');
    await bad('?validAt=31-12-2023', 'validAt');
    await bad('?format=csv', 'format');
    await bad('?lines=maybe', 'lines');
    await t.http().get(`/api/v1/years/1800/reports/evaluation`).expect(400);
    await t.anonymous().get(`/api/v1/years/${year}/reports/evaluation`).expect(401);
  });
});
